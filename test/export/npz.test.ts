// The .npz export against numpy: np.load (no pickle) reads every tensor with
// the same bytes, the metadata, and the tensors concatenated hash to the
// model's paramsSha256. The reader takes back what dpt wrote, bit for bit,
// and what numpy itself writes (np.savez, np.savez_compressed, Fortran
// order); a file that does not fit the config is refused naming the tensor.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFormatError } from '../../lib/errors.js';
import { decodeNpz, encodeNpz, npyHeader, parseNpy, readNpzParams, unzip, zipStored } from '../../lib/export/npz.js';
import { layerTensors } from '../../lib/export/tensors.js';
import { joinParts, paramsSha256, sha256Hex, tensorToBytes } from '../../lib/wire/tensors.js';
import { tempDir } from '../helpers/temp-files.js';
import { HAVE_NUMPY, NUMPY_SKIP, python, syntheticModel, writeChunks } from './helpers.js';

const dir = tempDir('export-npz');
const models = {
  float32: syntheticModel([784, 32, 10], 'float32'),
  float64: syntheticModel([5, 4, 3, 2], 'float64', { activation: 'tanh', loss: 'cross-entropy', inputScaling: 'raw', dataset: 'parity' }),
};

const NUMPY_READS = `
import sys, json, hashlib, numpy as np
f = np.load(sys.argv[1])
meta = f['metadata']
out = {'files': f.files, 'metaType': [meta.dtype.str, meta.ndim], 'metadata': json.loads(meta.tobytes()), 'tensors': {}}
for k in f.files:
    if k == 'metadata': continue
    a = f[k]
    out['tensors'][k] = {'dtype': a.dtype.str, 'shape': list(a.shape), 'sha256': hashlib.sha256(a.tobytes()).hexdigest()}
out['all'] = hashlib.sha256(b''.join(f[k].tobytes() for k in f.files if k != 'metadata')).hexdigest()
print(json.dumps(out))
`;

describe.skipIf(!HAVE_NUMPY)(`numpy reads dpt's .npz${NUMPY_SKIP}`, () => {
  for (const [dtype, model] of Object.entries(models)) {
    it(`${dtype}: every tensor bit for bit, the metadata, and the hash of their concatenation`, () => {
      const file = join(dir, `${dtype}.npz`);
      writeChunks(file, encodeNpz(model));
      const got = JSON.parse(python(NUMPY_READS, file));
      const tensors = layerTensors(model.config.structure, model.params);
      expect(got.files).toEqual([...tensors.map((t) => t.name), 'metadata']);
      for (const t of tensors) {
        expect(got.tensors[t.name], t.name).toEqual({
          dtype: dtype === 'float32' ? '<f4' : '<f8', shape: [...t.shape], sha256: sha256Hex(tensorToBytes(t.data)),
        });
      }
      expect(got.all).toBe(paramsSha256(model.params));
      expect(got.metaType).toEqual(['|u1', 1]);
      const c = model.config;
      expect(got.metadata).toEqual({
        structure: c.structure, activation: c.activation, loss: c.loss, dtype: c.dtype, inputScaling: c.inputScaling,
        dataset: c.dataset, paramsSha256: paramsSha256(model.params), producer: 'dpt',
      });
    });
  }

  it('the zip passes Python\'s zipfile integrity test, and an entry\'s data starts after a 64-aligned .npy header', () => {
    const file = join(dir, 'float32.npz');
    writeChunks(file, encodeNpz(models.float32));
    expect(python('import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())', file).trim()).toBe('None');
    expect(npyHeader('<f4', [32, 784]).byteLength % 64).toBe(0);
    expect(npyHeader('|u1', [7]).byteLength % 64).toBe(0);
  });

  it('readNpzParams reads numpy\'s own files: np.savez, np.savez_compressed, Fortran order', async () => {
    const script = `
import sys, numpy as np
rng = np.random.default_rng(7)
w0 = rng.standard_normal((4, 3)).astype('<f4'); b0 = rng.standard_normal(4).astype('<f4')
w1 = rng.standard_normal((2, 4)).astype('<f4'); b1 = rng.standard_normal(2).astype('<f4')
np.savez(sys.argv[1], **{'layers.1.bias': b1, 'layers.0.weight': w0, 'layers.0.bias': b0, 'layers.1.weight': w1})
np.savez_compressed(sys.argv[2], **{'layers.0.weight': np.asfortranarray(w0), 'layers.0.bias': b0, 'layers.1.weight': np.asfortranarray(w1), 'layers.1.bias': b1, 'note': np.arange(3)})
print(b''.join(a.tobytes() for a in (w0, b0, w1, b1)).hex())
`;
    const plain = join(dir, 'numpy-savez.npz');
    const compressed = join(dir, 'numpy-savez-compressed.npz');
    const expected = python(script, plain, compressed).trim();
    const config = { structure: [3, 4, 2], dtype: 'float32' as const };
    for (const file of [plain, compressed]) {
      const params = await readNpzParams(file, config);
      expect(params).toBeInstanceOf(Float32Array);
      expect(Buffer.from(tensorToBytes(params)).toString('hex'), file).toBe(expected);
    }
  });
});

describe('readNpzParams', () => {
  for (const [dtype, model] of Object.entries(models)) {
    it(`${dtype}: export then import gives the identical bytes`, async () => {
      const file = join(dir, `roundtrip-${dtype}.npz`);
      writeChunks(file, encodeNpz(model));
      const params = await readNpzParams(file, model.config);
      expect(params.constructor).toBe(model.params.constructor);
      expect(Buffer.compare(tensorToBytes(params), tensorToBytes(model.params))).toBe(0);
      expect(paramsSha256(params)).toBe(paramsSha256(model.params));
    });
  }

  it('one model always exports to the same bytes', () => {
    expect(Buffer.compare(joinParts(encodeNpz(models.float32)), joinParts(encodeNpz(models.float32)))).toBe(0);
  });

  const small = syntheticModel([3, 4, 2], 'float32');
  const file = join(dir, 'small.npz');
  const refused = async (config: { structure: number[]; dtype: 'float32' | 'float64' }, path = file) => {
    const e = await readNpzParams(path, config).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataFormatError);
    expect((e as DataFormatError).file).toBe(path);
    return (e as Error).message;
  };

  it('refuses a structure that does not match, naming the tensor and both shapes', async () => {
    writeChunks(file, encodeNpz(small));
    expect(await refused({ structure: [3, 5, 2], dtype: 'float32' })).toBe(`${file}: tensor "layers.0.weight" has shape [4, 3] but structure 3,5,2 needs [5, 3]`);
    expect(await refused({ structure: [6, 4, 2], dtype: 'float32' })).toMatch(/tensor "layers\.0\.weight" has shape \[4, 3\] but structure 6,4,2 needs \[4, 6\]/);
    expect(await refused({ structure: [3, 4, 2, 2], dtype: 'float32' })).toMatch(/tensor "layers\.2\.weight" \[2, 2\] is missing \(structure 3,4,2,2\); the file holds layers\.0\.weight \[4, 3\], layers\.0\.bias \[4\], layers\.1\.weight \[2, 4\], layers\.1\.bias \[2\]$/);
    expect(await refused({ structure: [3, 4], dtype: 'float32' })).toMatch(/tensor "layers\.1\.weight" \[2, 4\] has no place in structure 3,4 \(layers\.0 to layers\.0\)/);
  });

  it('refuses another dtype, naming both', async () => {
    writeChunks(file, encodeNpz(small));
    expect(await refused({ structure: [3, 4, 2], dtype: 'float64' })).toMatch(/tensor "layers\.0\.weight" is float32 \(<f4\) but the config's dtype is float64 \(<f8\)$/);
  });

  it('refuses a missing tensor and a tensor of another type', async () => {
    const entries = [...unzip(file, joinParts(encodeNpz(small)))].filter(([name]) => name !== 'layers.1.bias.npy');
    const missing = join(dir, 'missing.npz');
    writeChunks(missing, zipStored(entries.map(([name, data]) => ({ name, data }))));
    expect(await refused({ structure: [3, 4, 2], dtype: 'float32' }, missing)).toMatch(/tensor "layers\.1\.bias" \[2\] is missing/);
    const ints = join(dir, 'ints.npz');
    const asInt = joinParts([npyHeader('<i4', [2]), new Uint8Array(8)]);
    writeChunks(ints, zipStored([...entries.map(([name, data]) => ({ name, data })), { name: 'layers.1.bias.npy', data: asInt }]));
    expect(await refused({ structure: [3, 4, 2], dtype: 'float32' }, ints)).toMatch(/tensor "layers\.1\.bias" is of another type \(<i4\) but the config's dtype is float32 \(<f4\)/);
  });

  it('refuses damaged files with a reason', async () => {
    const bytes = joinParts(encodeNpz(small));
    const flipped = bytes.slice();
    flipped[120] ^= 1; // inside layers.0.weight's data (its entry starts at 0: 30 + 19 + 64 header bytes)
    const damaged = join(dir, 'damaged.npz');
    writeFileSync(damaged, flipped);
    expect(await refused(small.config, damaged)).toMatch(/zip entry layers\.0\.weight\.npy is corrupt \(CRC-32 mismatch\)/);
    const truncated = join(dir, 'truncated.npz');
    writeFileSync(truncated, bytes.subarray(0, bytes.byteLength - 30));
    expect(await refused(small.config, truncated)).toMatch(/not a zip archive/);
    const npy = join(dir, 'single.npy');
    writeFileSync(npy, joinParts([npyHeader('<f4', [2]), new Uint8Array(8)]));
    expect(await refused(small.config, npy)).toMatch(/this is a single \.npy array, not an \.npz archive/);
    expect(await refused(small.config, join(dir, 'nothing.npz'))).toMatch(/no such \.npz file/);
    expect(() => parseNpy('x', joinParts([npyHeader('<f4', [3]), new Uint8Array(8)]))).toThrow(/should be 12 bytes, found 8/);
  });

  it('any damage (a flipped byte, a cut) is a DataFormatError or reads as written, never another exception', () => {
    const bytes = joinParts(encodeNpz(small));
    const written = layerTensors(small.config.structure, small.params).map((t) => ({ name: t.name, bytes: tensorToBytes(t.data) }));
    let refusedCount = 0;
    for (let i = 0; i < 400; i++) {
      const at = (i * 7919) % bytes.byteLength;
      const damaged = i % 2 === 0 ? bytes.slice() : bytes.subarray(0, at);
      if (i % 2 === 0) damaged[at] ^= 1 << (i % 8);
      let arrays: ReturnType<typeof decodeNpz>;
      try {
        arrays = decodeNpz('fuzz', damaged);
      } catch (e) {
        expect(e, `byte ${at}`).toBeInstanceOf(DataFormatError);
        refusedCount++;
        continue;
      }
      // What still decodes (a flip in a name, say) holds what was written: the CRC-32 catches any change to an entry's bytes.
      for (const t of written) {
        const got = arrays.get(t.name);
        if (got) expect(Buffer.compare(got.bytes, t.bytes), `byte ${at}`).toBe(0);
      }
    }
    expect(refusedCount).toBeGreaterThan(200);
  });

  it('decodeNpz gives the arrays with their shapes and dtypes', () => {
    writeChunks(file, encodeNpz(small));
    const arrays = decodeNpz('mem', readFileSync(file));
    expect([...arrays].map(([k, a]) => [k, a.descr, a.shape])).toEqual([
      ['layers.0.weight', '<f4', [4, 3]], ['layers.0.bias', '<f4', [4]], ['layers.1.weight', '<f4', [2, 4]], ['layers.1.bias', '<f4', [2]],
      ['metadata', '|u1', [arrays.get('metadata')?.bytes.byteLength]],
    ]);
  });
});
