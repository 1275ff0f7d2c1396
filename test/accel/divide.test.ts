// The native and WebAssembly divideInPlace (used by the 'unit' input
// scaling) must give the bytes of the TypeScript one: a[i] = R(a[i] / d), the
// quotient in float64 rounded once. On the native avx512 path and in wasm,
// float32 values with a float32 divisor are divided in float32, several lanes
// at a time, which is the same number only because double rounding cannot
// differ for division; this checks it, over random bit patterns (NaNs,
// infinities, subnormals included), random magnitudes, and divisors that
// are and are not float32 values, on every native path the CPU runs, and
// in wasm on arrays in its memory (in place) and outside it (copied).
import { describe, expect, it } from 'vitest';
import { nativeAvailable, nativeDivide, type NativePath } from '../../lib/accel/native/native-kernels.js';
import { wasmAllocFloat, wasmAvailable, wasmDivide } from '../../lib/accel/wasm/index.js';
import { ensureWasmBuilt } from '../wasm/build.js';
import { kernelsFor } from '../../lib/math/kernels.js';
import { allocFloat, type Float } from '../../lib/math/float.js';
import type { DType } from '../../lib/config.js';
import { anyBits, rng, uniform } from './exp-cases.js';
import { onNativePath } from './native-path.js';

const DTYPES: DType[] = ['float32', 'float64'];
const DIVISORS = [255, 3, 65535, 0.1, -7, 1e-40, 3e38, 1 / 3, Infinity, 0];
const PATHS: NativePath[] = ['avx512', 'avx2', 'portable'];

function values(dtype: DType, n: number, seed: number): Float {
  const a = allocFloat(dtype, n);
  // Half random bit patterns (every class of value), half ordinary magnitudes.
  const bits = anyBits(n >> 1, seed);
  if (dtype === 'float32') {
    const u = new Uint32Array(a.buffer);
    const g = rng(seed);
    for (let i = 0; i < n >> 1; i++) u[i] = g();
  } else a.set(bits);
  a.set(uniform(n - (n >> 1), 1e3, seed + 1), n >> 1);
  return a;
}

function sameBytes(got: Float, want: Float): boolean {
  return Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(want.buffer, want.byteOffset, want.byteLength));
}

describe.skipIf(!nativeAvailable())('native divideInPlace gives the bytes of the TypeScript one', () => {
  for (const path of PATHS) {
    for (const dtype of DTYPES) {
      it(`${path} path, ${dtype}`, () => {
        const native = nativeDivide(dtype)!;
        expect(native).not.toBeNull();
        const js = kernelsFor(dtype, 'js').divideInPlace;
        const ran = onNativePath(path, () => {
          for (const [k, d] of DIVISORS.entries()) {
            const n = 100_003; // not a multiple of 8 or 16: the tail runs too
            const x = values(dtype, n, 10 + k);
            const want = x.slice();
            js(want, n, d);
            const got = x.slice();
            native(got, n, d);
            expect(sameBytes(got, want), `d = ${d}`).toBe(true);
            // n shorter than the array: the rest is untouched
            const part = x.slice();
            native(part, 21, d);
            expect(sameBytes(part.subarray(0, 21), want.subarray(0, 21))).toBe(true);
            expect(sameBytes(part.subarray(21), x.subarray(21))).toBe(true);
          }
          return true;
        });
        if (ran === false) expect(path).not.toBe('portable'); // this CPU cannot run it
      });
    }
  }

  it('refuses a divisor that is not a number', () => {
    expect(() => nativeDivide('float32')!(new Float32Array(4), 4, '2' as unknown as number)).toThrow(/d must be a number/);
  });
});

const wasmOk = (ensureWasmBuilt(), wasmAvailable());
describe.skipIf(!wasmOk)('wasm divideInPlace gives the bytes of the TypeScript one', () => {
  for (const dtype of DTYPES) {
    it(dtype, () => {
      const wasm = wasmDivide(dtype)!;
      expect(wasm).not.toBeNull();
      const js = kernelsFor(dtype, 'js').divideInPlace;
      const n = 100_003; // not a multiple of 4: the tail runs too
      // In WebAssembly memory (the arena): another arena array shares its buffer.
      const arena = wasmAllocFloat(dtype, n);
      expect(wasmAllocFloat(dtype, 1).buffer).toBe(arena.buffer);
      for (const [k, d] of [...DIVISORS, NaN, -0].entries()) {
        const x = values(dtype, n, 40 + k);
        const want = x.slice();
        js(want, n, d);
        const copied = x.slice(); // outside WebAssembly memory: through scratch
        wasm(copied, n, d);
        expect(sameBytes(copied, want), `d = ${d}, copied`).toBe(true);
        arena.set(x); // inside it: in place
        wasm(arena, n, d);
        expect(sameBytes(arena, want), `d = ${d}, in place`).toBe(true);
        // n shorter than the array: the rest is untouched
        const part = x.slice();
        wasm(part, 21, d);
        expect(sameBytes(part.subarray(0, 21), want.subarray(0, 21))).toBe(true);
        expect(sameBytes(part.subarray(21), x.subarray(21))).toBe(true);
      }
    });
  }
});
