// The safetensors export against an independent reader: Python's json for
// the header and np.frombuffer for the tensors (the format needs nothing
// more), every tensor compared by the SHA-256 of its bytes. The reader takes
// back what dpt wrote bit for bit, and a file Python wrote in another order;
// a file that does not fit the config, or is damaged, is refused with a reason.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFormatError } from '../../lib/errors.js';
import { decodeSafetensors, encodeSafetensors, readSafetensorsParams } from '../../lib/export/safetensors.js';
import { layerTensors } from '../../lib/export/tensors.js';
import { joinParts, paramsSha256, sha256Hex, tensorToBytes } from '../../lib/wire/tensors.js';
import { tempDir } from '../helpers/temp-files.js';
import { HAVE_NUMPY, NUMPY_SKIP, python, syntheticModel, writeChunks } from './helpers.js';

const dir = tempDir('export-safetensors');
const models = {
  float32: syntheticModel([784, 32, 10], 'float32'),
  float64: syntheticModel([5, 4, 3, 2], 'float64', { activation: 'relu', loss: 'cross-entropy' }),
};

const PYTHON_READS = `
import sys, json, struct, hashlib, numpy as np
raw = open(sys.argv[1], 'rb').read()
(n,) = struct.unpack('<Q', raw[:8])
header = json.loads(raw[8:8 + n].decode('utf-8'))
data = raw[8 + n:]
out = {'headerEnd': 8 + n, 'metadata': header.pop('__metadata__'), 'order': list(header), 'tensors': {}}
parts = []
for name, t in header.items():
    b, e = t['data_offsets']
    a = np.frombuffer(data[b:e], dtype={'F32': '<f4', 'F64': '<f8'}[t['dtype']]).reshape(t['shape'])
    parts.append(a.tobytes())
    out['tensors'][name] = {'dtype': t['dtype'], 'shape': list(a.shape), 'sha256': hashlib.sha256(a.tobytes()).hexdigest()}
out['all'] = hashlib.sha256(b''.join(parts)).hexdigest()
out['dataBytes'] = len(data)
print(json.dumps(out))
`;

describe.skipIf(!HAVE_NUMPY)(`Python (json + numpy) reads dpt's safetensors${NUMPY_SKIP}`, () => {
  for (const [dtype, model] of Object.entries(models)) {
    it(`${dtype}: every tensor bit for bit, the metadata, and the hash of their concatenation`, () => {
      const file = join(dir, `${dtype}.safetensors`);
      writeChunks(file, encodeSafetensors(model));
      const got = JSON.parse(python(PYTHON_READS, file));
      const tensors = layerTensors(model.config.structure, model.params);
      expect(got.order).toEqual(tensors.map((t) => t.name));
      for (const t of tensors) {
        expect(got.tensors[t.name], t.name).toEqual({ dtype: dtype === 'float32' ? 'F32' : 'F64', shape: [...t.shape], sha256: sha256Hex(tensorToBytes(t.data)) });
      }
      expect(got.all).toBe(paramsSha256(model.params));
      expect(got.dataBytes).toBe(model.params.byteLength);
      expect(got.headerEnd % 8).toBe(0);
      const c = model.config;
      expect(got.metadata).toEqual({
        structure: c.structure.join(','), activation: c.activation, loss: c.loss, dtype: c.dtype, inputScaling: c.inputScaling,
        dataset: c.dataset, paramsSha256: paramsSha256(model.params), producer: 'dpt',
      });
    });
  }

  it('readSafetensorsParams reads a file Python wrote: other tensor order, no padding, no metadata', async () => {
    const script = `
import sys, json, struct, numpy as np
rng = np.random.default_rng(3)
t = {'layers.0.weight': rng.standard_normal((4, 3)), 'layers.0.bias': rng.standard_normal(4),
     'layers.1.weight': rng.standard_normal((2, 4)), 'layers.1.bias': rng.standard_normal(2)}
header, data = {}, b''
for name in sorted(t, reverse=True):
    b = t[name].astype('<f8').tobytes()
    header[name] = {'dtype': 'F64', 'shape': list(t[name].shape), 'data_offsets': [len(data), len(data) + len(b)]}
    data += b
h = json.dumps(header).encode()
open(sys.argv[1], 'wb').write(struct.pack('<Q', len(h)) + h + data)
print(b''.join(t[k].astype('<f8').tobytes() for k in ('layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias')).hex())
`;
    const file = join(dir, 'python.safetensors');
    const expected = python(script, file).trim();
    const params = await readSafetensorsParams(file, { structure: [3, 4, 2], dtype: 'float64' });
    expect(params).toBeInstanceOf(Float64Array);
    expect(Buffer.from(tensorToBytes(params)).toString('hex')).toBe(expected);
  });
});

describe('readSafetensorsParams', () => {
  for (const [dtype, model] of Object.entries(models)) {
    it(`${dtype}: export then import gives the identical bytes`, async () => {
      const file = join(dir, `roundtrip-${dtype}.safetensors`);
      writeChunks(file, encodeSafetensors(model));
      const params = await readSafetensorsParams(file, model.config);
      expect(params.constructor).toBe(model.params.constructor);
      expect(Buffer.compare(tensorToBytes(params), tensorToBytes(model.params))).toBe(0);
    });
  }

  it('the data part is the parameter buffer itself, and one model always exports to the same bytes', () => {
    const [head, data] = encodeSafetensors(models.float32);
    expect(Buffer.compare(data, tensorToBytes(models.float32.params))).toBe(0);
    expect(head.byteLength % 8).toBe(0);
    expect(Buffer.compare(joinParts(encodeSafetensors(models.float32)), joinParts([head, data]))).toBe(0);
  });

  const small = syntheticModel([3, 4, 2], 'float32');
  const file = join(dir, 'small.safetensors');
  const refused = async (config: { structure: number[]; dtype: 'float32' | 'float64' }, path = file) => {
    const e = await readSafetensorsParams(path, config).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DataFormatError);
    return (e as Error).message;
  };

  it('refuses another structure or dtype, naming the tensor and both shapes or types', async () => {
    writeChunks(file, encodeSafetensors(small));
    expect(await refused({ structure: [3, 5, 2], dtype: 'float32' })).toBe(`${file}: tensor "layers.0.weight" has shape [4, 3] but structure 3,5,2 needs [5, 3]`);
    expect(await refused({ structure: [3, 4, 3], dtype: 'float32' })).toMatch(/tensor "layers\.1\.weight" has shape \[2, 4\] but structure 3,4,3 needs \[3, 4\]/);
    expect(await refused({ structure: [3, 4, 2, 1], dtype: 'float32' })).toMatch(/tensor "layers\.2\.weight" \[1, 2\] is missing/);
    expect(await refused({ structure: [3, 4], dtype: 'float32' })).toMatch(/tensor "layers\.1\.weight" \[2, 4\] has no place in structure 3,4/);
    expect(await refused({ structure: [3, 4, 2], dtype: 'float64' })).toMatch(/tensor "layers\.0\.weight" is float32 \(F32\) but the config's dtype is float64 \(F64\)$/);
  });

  it('refuses damaged files with a reason', async () => {
    writeChunks(file, encodeSafetensors(small));
    const bytes = readFileSync(file);
    const write = (name: string, b: Uint8Array) => {
      const p = join(dir, name);
      writeFileSync(p, b);
      return p;
    };
    expect(await refused(small.config, write('truncated.safetensors', bytes.subarray(0, bytes.byteLength - 4)))).toMatch(/lie outside the \d+ data bytes \(truncated file\?\)/);
    expect(await refused(small.config, write('longer.safetensors', Buffer.concat([bytes, Buffer.alloc(4)])))).toMatch(/4 data bytes after the last tensor belong to no tensor/);
    expect(await refused(small.config, write('garbage.safetensors', Buffer.from('PK\x03\x04 not at all')))).toMatch(/not a safetensors file, or truncated/);
    const header = (h: object) => {
      const json = Buffer.from(JSON.stringify(h));
      const len = Buffer.alloc(8);
      len.writeBigUInt64LE(BigInt(json.byteLength));
      return Buffer.concat([len, json, Buffer.alloc(16)]);
    };
    const overlap = header({ a: { dtype: 'F32', shape: [4], data_offsets: [0, 16] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } });
    expect(() => decodeSafetensors('x', overlap)).toThrow(/tensor "b" starts at byte 4 of the data, expected 16/);
    const wrongSize = header({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 16] } });
    expect(() => decodeSafetensors('x', wrongSize)).toThrow(/F32 of shape \[3\] needs 12 bytes, data_offsets span 16/);
    expect(() => decodeSafetensors('x', header({ a: { dtype: 'F32', shape: 4 } }))).toThrow(/tensor "a": expected \{"dtype"/);
    expect(await refused(small.config, join(dir, 'nothing.safetensors'))).toMatch(/no such safetensors file/);
  });

  it('any cut or damaged header is a DataFormatError, never another exception', () => {
    const bytes = joinParts(encodeSafetensors(small));
    const headerEnd = 8 + Number(Buffer.from(bytes).readBigUInt64LE(0));
    for (let i = 0; i < 400; i++) {
      const at = i % 2 === 0 ? (i * 7919) % headerEnd : (i * 7919) % bytes.byteLength;
      const damaged = i % 2 === 0 ? bytes.slice() : bytes.subarray(0, at);
      if (i % 2 === 0) damaged[at] ^= 1 << (i % 8);
      try {
        decodeSafetensors('fuzz', damaged);
      } catch (e) {
        expect(e, `byte ${at}`).toBeInstanceOf(DataFormatError);
      }
    }
  });
});
