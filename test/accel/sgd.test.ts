// The native addInto and sgdStep (the coordinator's reduction and update)
// must give the bytes of the TypeScript ones in lib/math/sgd.ts, NaN payloads
// included: V8 returns the second operand's NaN when both are NaN, and the
// float32 lanes compute in float32 where V8 computes in double and rounds.
// Random bit patterns (every class of value) on both operands, ordinary
// magnitudes, counts and learning rates that are and are not float32
// values, every path the CPU runs, lengths with tails.
import { describe, expect, it } from 'vitest';
import { nativeAvailable, nativeSgdKernels, type NativePath } from '../../lib/accel/native/native-kernels.js';
import { kernelsFor } from '../../lib/math/kernels.js';
import { allocFloat, type Float } from '../../lib/math/float.js';
import type { DType } from '../../lib/config.js';
import { anyBits, rng, uniform } from './exp-cases.js';
import { onNativePath } from './native-path.js';

const DTYPES: DType[] = ['float32', 'float64'];
const PATHS: NativePath[] = ['avx512', 'avx2', 'portable'];
const N = 50_003; // not a multiple of 8 or 16
/** (count, eta): a batch size and a learning rate; then ones that are not float32 values, and odd ones. */
const STEPS: [number, number][] = [[32, 3], [256, 0.3], [7, 0.1], [2 ** 25 + 1, 1 / 3], [1, NaN], [3, Infinity], [1e-40, -2]];

/** a copy of `a` whose NaNs have other payloads: an operation on both then shows whose NaN it returned. */
function otherNaNs(a: Float): Float {
  const b = a.slice();
  if (b instanceof Float32Array) {
    const u = new Uint32Array(b.buffer);
    for (let i = 0; i < u.length; i++) if (Number.isNaN(b[i])) u[i] = (u[i] & 0x7fffff) === 1 ? u[i] ^ 3 : u[i] ^ 1;
  } else {
    const u = new BigUint64Array(b.buffer);
    for (let i = 0; i < u.length; i++) if (Number.isNaN(b[i])) u[i] = (u[i] & 0xfffffffffffffn) === 1n ? u[i] ^ 3n : u[i] ^ 1n;
  }
  return b;
}

function values(dtype: DType, n: number, seed: number): Float {
  const a = allocFloat(dtype, n);
  const half = n >> 1;
  if (dtype === 'float32') {
    const u = new Uint32Array(a.buffer);
    const g = rng(seed);
    for (let i = 0; i < half; i++) u[i] = g();
  } else a.set(anyBits(half, seed));
  a.set(uniform(n - half, 10, seed + 1), half);
  return a;
}

const bytes = (a: Float) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe.skipIf(!nativeAvailable())('native addInto and sgdStep give the bytes of the TypeScript ones', () => {
  for (const path of PATHS) {
    for (const dtype of DTYPES) {
      it(`${path} path, ${dtype}`, () => {
        const native = nativeSgdKernels(dtype)!;
        expect(native).not.toBeNull();
        const js = kernelsFor(dtype, 'js');
        const ran = onNativePath(path, () => {
          for (let t = 0; t < 3; t++) {
            const acc = values(dtype, N, 10 + t);
            // In the first set x has NaNs where acc has, with other payloads: both operands NaN.
            const x = t === 0 ? otherNaNs(acc) : values(dtype, N, 20 + t);
            const want = acc.slice();
            js.addInto(want, x, N);
            const got = acc.slice();
            native.addInto(got, x, N);
            expect(bytes(got).equals(bytes(want)), `addInto, set ${t}`).toBe(true);
            const part = acc.slice();
            native.addInto(part, x, 19);
            expect(bytes(part.subarray(0, 19)).equals(bytes(want.subarray(0, 19)))).toBe(true);
            expect(bytes(part.subarray(19)).equals(bytes(acc.subarray(19)))).toBe(true);
          }
          for (const [k, [count, eta]] of STEPS.entries()) {
            const params = values(dtype, N, 40 + k);
            const grad = k === 0 ? otherNaNs(params) : values(dtype, N, 50 + k);
            const want = params.slice();
            js.sgdStep(want, grad, N, count, eta);
            const got = params.slice();
            native.sgdStep(got, grad, N, count, eta);
            expect(bytes(got).equals(bytes(want)), `sgdStep, count ${count}, eta ${eta}`).toBe(true);
          }
          return true;
        });
        if (ran === false) expect(path).not.toBe('portable'); // this CPU cannot run it
      });
    }
  }

  it('refuses bad arguments with a clear error, before touching anything', () => {
    const k = nativeSgdKernels('float32')!;
    const acc = new Float32Array([1, 2, 3, 4]);
    expect(() => k.sgdStep(acc, new Float32Array(4), 4, '2' as unknown as number, 1)).toThrow(/sgdStep \(float32\): count must be a number/);
    expect(() => k.addInto(acc, new Float32Array(3), 4)).toThrow(/addInto \(float32\): x has 3 elements, needs at least 4/);
    expect(() => k.addInto(acc, new Float64Array(4) as unknown as Float32Array, 4)).toThrow(TypeError);
    const shared = new Float32Array(10);
    expect(() => k.addInto(shared.subarray(0, 6), shared.subarray(4, 10), 6)).toThrow(/must not overlap/);
    expect(Array.from(acc)).toEqual([1, 2, 3, 4]);
  });
});
