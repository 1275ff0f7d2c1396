// The JSON export: Python's json reads it, and numpy turns its numbers back
// into the model's exact bits (float32 through np.float32, float64 as they
// are), so their concatenation hashes to paramsSha256. Numbers are the
// shortest decimals that do so; NaN and infinities are refused.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ConfigError } from '../../lib/errors.js';
import { encodeJson, float32Text, float64Text } from '../../lib/export/json.js';
import { layerTensors } from '../../lib/export/tensors.js';
import { paramsSha256, sha256Hex, tensorToBytes } from '../../lib/wire/tensors.js';
import { tempDir } from '../helpers/temp-files.js';
import { HAVE_NUMPY, NUMPY_SKIP, python, syntheticModel, writeChunks } from './helpers.js';

const dir = tempDir('export-json');
const models = {
  float32: syntheticModel([784, 32, 10], 'float32', {}, true),
  float64: syntheticModel([5, 4, 3, 2], 'float64', { activation: 'tanh', loss: 'cross-entropy' }, true),
};

const PYTHON_READS = `
import sys, json, hashlib, numpy as np
doc = json.load(open(sys.argv[1]))
out = {'metadata': doc['metadata'], 'order': list(doc['tensors']), 'tensors': {}}
parts = []
for name, t in doc['tensors'].items():
    a = np.array(t['data'], dtype={'float32': '<f4', 'float64': '<f8'}[t['dtype']])
    parts.append(a.tobytes())
    out['tensors'][name] = {'shape': list(a.shape), 'declared': t['shape'], 'sha256': hashlib.sha256(a.tobytes()).hexdigest()}
out['all'] = hashlib.sha256(b''.join(parts)).hexdigest()
print(json.dumps(out))
`;

describe.skipIf(!HAVE_NUMPY)(`Python (json + numpy) reads dpt's JSON export${NUMPY_SKIP}`, () => {
  for (const [dtype, model] of Object.entries(models)) {
    it(`${dtype}: nested arrays with the exact bits, and the metadata`, () => {
      const file = join(dir, `${dtype}.json`);
      writeChunks(file, [encodeJson(model)]);
      const got = JSON.parse(python(PYTHON_READS, file));
      const tensors = layerTensors(model.config.structure, model.params);
      expect(got.order).toEqual(tensors.map((t) => t.name));
      for (const t of tensors) {
        expect(got.tensors[t.name], t.name).toEqual({ shape: [...t.shape], declared: [...t.shape], sha256: sha256Hex(tensorToBytes(t.data)) });
      }
      expect(got.all).toBe(paramsSha256(model.params));
      expect(got.metadata).toMatchObject({ structure: model.config.structure, dtype, paramsSha256: paramsSha256(model.params) });
    });
  }
});

describe('JSON export', () => {
  it('JavaScript reads the exact bits back too (Float32Array.from of the nested arrays)', () => {
    const model = models.float32;
    const doc = JSON.parse(new TextDecoder().decode(encodeJson(model)));
    const flat = Float32Array.from(Object.values(doc.tensors as Record<string, { data: number[] | number[][] }>).flatMap((t) => t.data.flat()));
    expect(paramsSha256(flat)).toBe(paramsSha256(model.params));
    expect(Object.is(flat[1], -0)).toBe(true);
  });

  it('writes the shortest decimal that reads back to the same float32', () => {
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
    expect(float32Text(Math.fround(1 / 3))).toBe('0.33333334');
    expect(float32Text(2 ** -149)).toBe('1e-45');
    expect(float32Text(16777216)).toBe('16777216');
    expect(float32Text(-0)).toBe('-0.0');
    expect(float32Text(3.4028234663852886e38)).toBe('3.4028235e+38');
    expect(float64Text(0.1)).toBe('0.1');
    expect(float64Text(-0)).toBe('-0.0');
    const bits = new Uint32Array(1);
    const f = new Float32Array(bits.buffer);
    const wrong: string[] = [];
    for (let i = 0; i < 20000; i++) {
      bits[0] = Math.floor(Math.random() * 2 ** 32);
      if (!Number.isFinite(f[0])) continue;
      const s = float32Text(f[0]);
      if (Math.fround(Number(s)) !== f[0]) wrong.push(`${s} does not read back as ${f[0]}`);
      // No shorter decimal would do: one significant digit fewer does not read back.
      const digits = s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+|0+$/g, '').length;
      if (digits > 1 && Math.fround(Number(f[0].toPrecision(digits - 1))) === f[0]) wrong.push(`${s} is not the shortest form of ${f[0]}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a model with NaN or infinite values', () => {
    const model = syntheticModel([3, 4, 2], 'float32');
    expect(() => encodeJson(model)).toThrow(ConfigError);
    expect(() => encodeJson(model)).toThrow(/JSON cannot hold NaN \(layers\.1\.bias\[1\]\); export this model as npz or safetensors/);
  });
});
