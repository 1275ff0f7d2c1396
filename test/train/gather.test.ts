// gatherBatch copies rows with TypedArray.set and divides the whole batch
// with a kernel; it must store exactly what the per-element definition
// stores: raw: the value as the dtype stores it; unit: R(value / maxValue),
// the quotient of the RAW value (an int32 above 2^24 or a float64 is not
// exact in float32, so dividing its float32 copy would differ). Every input
// array type, both dtypes, both scalings, with each kernel implementation.
import '../../lib/accel/register.js';
import { afterAll, describe, expect, it } from 'vitest';
import { activeKernels, kernelsAvailable, selectKernels, type KernelImpl } from '../../lib/math/kernels.js';
import { allocFloat, roundingOf, type Float, type InputArray } from '../../lib/math/float.js';
import type { Split } from '../../lib/data/dataset.js';
import type { DType, InputScaling } from '../../lib/config.js';
import { gatherBatch } from '../../lib/train/model-context.js';
import { rng } from '../accel/exp-cases.js';

const D = 37; // not a multiple of any vector width
const COUNT = 50;

function split(make: (n: number) => InputArray, value: (g: () => number) => number, seed: number): Split {
  const g = rng(seed);
  const inputs = make(COUNT * D);
  for (let i = 0; i < inputs.length; i++) inputs[i] = value(g);
  const labels = new Uint8Array(COUNT).map(() => g() % 10);
  return { count: COUNT, inputs, labels };
}

const SOURCES: [string, Split, number][] = [
  ['Uint8Array', split((n) => new Uint8Array(n), (g) => g() & 255, 1), 255],
  ['Int8Array', split((n) => new Int8Array(n), (g) => (g() & 255) - 128, 2), 127],
  ['Int16Array', split((n) => new Int16Array(n), (g) => (g() & 65535) - 32768, 3), 32767],
  ['Int32Array (beyond 2^24)', split((n) => new Int32Array(n), (g) => g() | 0, 4), 2 ** 31 - 1],
  ['Float32Array', split((n) => new Float32Array(n), (g) => (g() / 2 ** 32) * 1e3 - 5e2, 5), 500],
  ['Float64Array', split((n) => new Float64Array(n), (g) => (g() / 2 ** 32) * 1e3 - 5e2 + g() * 2 ** -50, 6), 1000 / 3],
];

/** The definition, element by element. */
function reference(dtype: DType, s: Split, indices: number[], scaling: InputScaling, maxValue: number): Float {
  const R = roundingOf(dtype);
  const out = allocFloat(dtype, indices.length * D);
  indices.forEach((idx, r) => {
    for (let j = 0; j < D; j++) {
      const v = s.inputs[idx * D + j];
      out[r * D + j] = scaling === 'unit' ? R(v / maxValue) : R(v);
    }
  });
  return out;
}

const before = activeKernels();
afterAll(() => selectKernels(before));

describe('gatherBatch stores what the per-element definition stores', () => {
  const impls = (['js', 'native', 'wasm'] as KernelImpl[]).filter(kernelsAvailable);
  for (const impl of impls) {
    for (const dtype of ['float32', 'float64'] as DType[]) {
      for (const [name, s, maxValue] of SOURCES) {
        it(`${impl} kernels, ${dtype} from ${name}`, () => {
          selectKernels(impl);
          const indices = [7, 0, 49, 7, 23, 11, 30];
          for (const scaling of ['raw', 'unit'] as InputScaling[]) {
            const want = reference(dtype, s, indices, scaling, maxValue);
            // A buffer longer than the batch, with old contents: rows past the batch stay as they were.
            const inputs = allocFloat(dtype, (indices.length + 2) * D).fill(-1);
            const labels = new Uint8Array(indices.length + 2).fill(99);
            gatherBatch(inputs, labels, s, D, indices, scaling, maxValue);
            const got = inputs.subarray(0, indices.length * D);
            expect(Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(want.buffer)), scaling).toBe(true);
            expect(Array.from(inputs.subarray(indices.length * D)).every((x) => x === -1)).toBe(true);
            expect(Array.from(labels)).toEqual([...indices.map((i) => s.labels[i]), 99, 99]);
          }
        });
      }
    }
  }
});
