// The native (C) linear kernels must give exactly the bits of the naive
// reference, on every implementation path the CPU runs (AVX-512, AVX2,
// portable C), for both dtypes, awkward shapes (every remainder of the
// register tiles) and special values. Skipped when the addon is not built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  nativeAvailable, nativeBestPath, nativeLinearKernels, nativePath, setNativePath, type NativePath,
} from '../../lib/accel/native/native-kernels.js';
import { linearBackwardNaive, linearForwardNaive } from '../../lib/math/linear-naive.js';
import { allocFloat, roundingOf, type Float } from '../../lib/math/float.js';
import type { DType } from '../../lib/config.js';
import { Xoshiro128 } from '../../lib/random/xoshiro128.js';
import { expectBackwardLikeNaive, expectSameBits, randomArray } from '../math/helpers.js';
import { cpuWidestPath } from '../accel/native-path.js';

const available = nativeAvailable();
const skipNote = available ? '' : ' [SKIPPED: build/Release/dpt_kernels.node is not built; run `node native/build.mjs`]';
if (!available) console.warn(`test/native: native addon not built, skipping.${skipNote}`);

// (B, C, OC)
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 7, 5], [4, 31, 33], [5, 33, 31], [7, 257, 3], [33, 3, 257], [256, 784, 32], [13, 32, 10],
  [1, 784, 32], [32, 784, 32], [12, 16, 16], [24, 64, 64], [25, 17, 65], [6, 9, 8], [0, 5, 3], [3, 0, 4], [3, 5, 0],
];
const DTYPES: DType[] = ['float32', 'float64'];
const PATHS: NativePath[] = ['avx512', 'avx2', 'portable'];

function forwardBoth(dtype: DType, inp: Float, w: Float, b: Float, B: number, C: number, OC: number): [Float, Float] {
  const k = nativeLinearKernels(dtype)!;
  const fast = allocFloat(dtype, B * OC).fill(123);
  const naive = allocFloat(dtype, B * OC);
  k.linearForward(fast, inp, w, b, B, C, OC);
  linearForwardNaive(naive, inp, w, b, B, C, OC, roundingOf(dtype));
  return [fast, naive];
}

function expectBackwardSame(
  dtype: DType, withDinp: boolean, dout: Float, inp: Float, w: Float, dw0: Float, db0: Float, B: number, C: number, OC: number,
): void {
  const dinp = withDinp ? allocFloat(dtype, B * C).fill(123) : null;
  expectBackwardLikeNaive(nativeLinearKernels(dtype)!, dtype, inp, w, dout, dw0.slice(), db0.slice(), B, C, OC, dinp);
}

// NaNs of several signs and payloads, as raw bits: which operand's NaN a
// result carries must match too (V8 keeps the second operand's).
const NAN_BITS_32 = [0x7fc00000, 0xffc00000, 0x7fc12345, 0xffd00001, 0x7f800001 /* signalling */];
const NAN_BITS_64 = [0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff8000012345678n, 0xfff4000000000001n, 0x7ff0000000000001n];

/** Random values with about a third replaced by NaNs, ±0, ±Inf, subnormals and huge numbers. */
function specialArray(dtype: DType, n: number, seed: number): Float {
  const a = randomArray(dtype, n, seed, 4);
  const tiny = dtype === 'float32' ? [1e-40, -3e-42, 1.2e-38] : [5e-324, -1e-310, 2.2e-308];
  const huge = dtype === 'float32' ? [3e38, -2e38] : [1.7e308, -1e308];
  const specials = [0, -0, Infinity, -Infinity, ...tiny, ...huge];
  const nans = dtype === 'float32' ? NAN_BITS_32.length : NAN_BITS_64.length;
  const bits32 = new Uint32Array(a.buffer, a.byteOffset, dtype === 'float32' ? n : 0);
  const bits64 = new BigUint64Array(a.buffer, a.byteOffset, dtype === 'float64' ? n : 0);
  const rng = new Xoshiro128(BigInt(seed + 1000));
  for (let i = 0; i < n; i++) {
    const r = rng.nextDouble();
    if (r < 0.25) a[i] = specials[Math.floor(rng.nextDouble() * specials.length)];
    else if (r < 0.35) {
      const j = Math.floor(rng.nextDouble() * nans);
      if (dtype === 'float32') bits32[i] = NAN_BITS_32[j];
      else bits64[i] = NAN_BITS_64[j];
    }
  }
  return a;
}

// Skipping is for machines where it did not build; a build that exists but
// does not load (a failed self-test, a wrong Node ABI) is a failure.
describe('native addon', () => {
  it('loads wherever it was built', () => {
    const built = existsSync(fileURLToPath(new URL('../../build/Release/dpt_kernels.node', import.meta.url)));
    expect(available).toBe(built);
  });
});

describe.skipIf(!available)(`native linear kernels${skipNote}`, () => {
  const runnable = available ? PATHS.filter((p) => setNativePath(p)) : [];
  const best = available ? nativeBestPath() : null;
  afterAll(() => {
    if (best) setNativePath(best);
  });

  it('uses the best path this CPU runs, and at least the portable one', () => {
    expect(runnable).toContain('portable');
    expect(best).toBe(runnable[0]);
  });

  // A path whose self-test fails at load is dropped without a word, and its
  // tests here are then skipped: the CPU's own flags say which one it must be.
  it.skipIf(cpuWidestPath() === null)('runs the widest path the CPU has (/proc/cpuinfo): no self-test failed at load', () => {
    expect(best).toBe(cpuWidestPath());
  });

  describe.each(PATHS)('path %s', (path) => {
    beforeAll(() => {
      setNativePath(path);
    });
    const skip = available && !runnable.includes(path);

    describe.each(DTYPES)('%s', (dtype) => {
      it.skipIf(skip).each(SHAPES)('forward equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
        expect(nativePath()).toBe(path);
        const inp = randomArray(dtype, B * C, 1 + B, 2);
        const w = randomArray(dtype, OC * C, 2 + C);
        const b = randomArray(dtype, OC, 3 + OC);
        const [fast, naive] = forwardBoth(dtype, inp, w, b, B, C, OC);
        expectSameBits(fast, naive);
      });

      it.skipIf(skip).each(SHAPES)('backward equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
        const inp = randomArray(dtype, B * C, 4 + B);
        const w = randomArray(dtype, OC * C, 5 + C);
        const dout = randomArray(dtype, B * OC, 6 + OC);
        // Start from non-zero gradients: backward must ADD into them.
        const dw0 = randomArray(dtype, OC * C, 7);
        const db0 = randomArray(dtype, OC, 8);
        expectBackwardSame(dtype, true, dout, inp, w, dw0, db0, B, C, OC);
        expectBackwardSame(dtype, false, dout, inp, w, dw0, db0, B, C, OC);
      });

      it.skipIf(skip).each(SHAPES.filter(([B, C, OC]) => B * C * OC > 0))(
        'special values (NaN, ±0, ±Inf, subnormals, overflow) give the same bits for B=%i C=%i OC=%i',
        (B, C, OC) => {
          const inp = specialArray(dtype, B * C, 11 + B);
          const w = specialArray(dtype, OC * C, 12 + C);
          const b = specialArray(dtype, OC, 13 + OC);
          const [fast, naive] = forwardBoth(dtype, inp, w, b, B, C, OC);
          expectSameBits(fast, naive);
          const dout = specialArray(dtype, B * OC, 14 + OC);
          expectBackwardSame(dtype, true, dout, inp, w, specialArray(dtype, OC * C, 15), specialArray(dtype, OC, 16), B, C, OC);
        },
      );

      it.skipIf(skip)('random shapes (every tile size and tail) give the same bits', () => {
        const rng = new Xoshiro128(BigInt(dtype === 'float32' ? 41 : 42));
        const pick = (n: number) => 1 + Math.floor(rng.nextDouble() * n);
        for (let t = 0; t < 40; t++) {
          const [B, C, OC] = [pick(40), pick(90), pick(90)];
          const inp = randomArray(dtype, B * C, 100 + t);
          const w = randomArray(dtype, OC * C, 200 + t);
          const [fast, naive] = forwardBoth(dtype, inp, w, randomArray(dtype, OC, 300 + t), B, C, OC);
          expectSameBits(fast, naive);
          const dout = randomArray(dtype, B * OC, 400 + t);
          expectBackwardSame(dtype, t % 2 === 0, dout, inp, w, randomArray(dtype, OC * C, 500 + t), randomArray(dtype, OC, 600 + t), B, C, OC);
        }
      });

      it.skipIf(skip)('subnormal-only data and signed zeros give the same bits', () => {
        const [B, C, OC] = [9, 40, 19];
        const tiny = dtype === 'float32' ? 1e-39 : 1e-310;
        const inp = randomArray(dtype, B * C, 21).map((x) => x * tiny);
        const w = randomArray(dtype, OC * C, 22).map((x) => (x < 0 ? -0 : x));
        const b = allocFloat(dtype, OC).fill(-0);
        const [fast, naive] = forwardBoth(dtype, inp, w, b, B, C, OC);
        expectSameBits(fast, naive);
        const dout = allocFloat(dtype, B * OC).fill(-0);
        expectBackwardSame(dtype, true, dout, inp, w, allocFloat(dtype, OC * C).fill(-0), allocFloat(dtype, OC).fill(-0), B, C, OC);
      });

      it.skipIf(skip)('works on subarray views and leaves elements past the shape untouched', () => {
        const [B, C, OC] = [5, 37, 18];
        const params = randomArray(dtype, 3 + OC * C + OC + 2, 31);
        const w = params.subarray(3, 3 + OC * C);
        const b = params.subarray(3 + OC * C, 3 + OC * C + OC);
        const inp = randomArray(dtype, (B + 2) * C, 32).subarray(C); // capacity larger than B
        const outBuf = allocFloat(dtype, (B + 3) * OC + 1).fill(7);
        const out = outBuf.subarray(1);
        nativeLinearKernels(dtype)!.linearForward(out, inp, w, b, B, C, OC);
        const naive = allocFloat(dtype, B * OC);
        linearForwardNaive(naive, inp, w, b, B, C, OC, roundingOf(dtype));
        expectSameBits(out.subarray(0, B * OC), naive);
        expect(outBuf[0]).toBe(7);
        expect(Array.from(out.subarray(B * OC))).toEqual(new Array(3 * OC).fill(7));
        const grad = randomArray(dtype, OC * C + OC + 1, 33);
        const dout = randomArray(dtype, B * OC, 34);
        const dinp = allocFloat(dtype, (B + 1) * C).fill(9);
        const gradN = grad.slice();
        const dinpN = allocFloat(dtype, B * C);
        nativeLinearKernels(dtype)!.linearBackward(
          dinp, grad.subarray(1, 1 + OC * C), grad.subarray(1 + OC * C), dout, inp, w, B, C, OC);
        linearBackwardNaive(dinpN, gradN.subarray(1, 1 + OC * C), gradN.subarray(1 + OC * C), dout, inp, w, B, C, OC, roundingOf(dtype));
        expectSameBits(grad, gradN);
        expectSameBits(dinp.subarray(0, B * C), dinpN);
        expect(Array.from(dinp.subarray(B * C))).toEqual(new Array(C).fill(9));
      });
    });
  });

  describe('argument checking', () => {
    const k32 = available ? nativeLinearKernels('float32')! : null!;
    const k64 = available ? nativeLinearKernels('float64')! : null!;
    const f32 = (n: number) => new Float32Array(n);
    // Calls with deliberately wrong argument types.
    const loose = (f: unknown) => f as (...args: unknown[]) => void;

    it('rejects arrays of the wrong type with a TypeError', () => {
      expect(() => k32.linearForward(f32(6), f32(6), f32(9), new Float64Array(3) as unknown as Float32Array, 2, 3, 3))
        .toThrow(/linearForward \(float32\): b must be a Float32Array, got a Float64Array/);
      expect(() => k64.linearForward(new Float64Array(6), f32(6), new Float64Array(9), new Float64Array(3), 2, 3, 3))
        .toThrow(TypeError);
      expect(() => loose(k32.linearForward)([0, 0], f32(6), f32(9), f32(3), 2, 3, 3)).toThrow(/out must be a Float32Array/);
      expect(() => loose(k32.linearBackward)(undefined, f32(9), f32(3), f32(6), f32(6), f32(9), 2, 3, 3))
        .toThrow(/dinp must be a Float32Array or null/);
      expect(() => loose(k32.linearBackward)(null, f32(9), new Uint8Array(3), f32(6), f32(6), f32(9), 2, 3, 3))
        .toThrow(/db must be a Float32Array, got a Uint8Array/);
    });

    it('rejects bad sizes and missing arguments', () => {
      expect(() => k32.linearForward(f32(6), f32(6), f32(9), f32(3), 2.5, 3, 3)).toThrow(RangeError);
      expect(() => k32.linearForward(f32(6), f32(6), f32(9), f32(3), -1, 3, 3)).toThrow(/B must be an integer/);
      expect(() => k32.linearForward(f32(6), f32(6), f32(9), f32(3), 2, NaN, 3)).toThrow(/C must be an integer/);
      expect(() => k32.linearForward(f32(6), f32(6), f32(9), f32(3), 2, 3, 2 ** 31)).toThrow(RangeError);
      expect(() => loose(k32.linearForward)(f32(6), f32(6), f32(9), f32(3), 2, '3', 3)).toThrow(/C must be a number/);
      expect(() => loose(k32.linearForward)(f32(6), f32(6), f32(9), f32(3), 2, 3)).toThrow(/expects 7 or 8 arguments, got 6/);
    });

    it('rejects arrays too short for the shape', () => {
      expect(() => k32.linearForward(f32(5), f32(6), f32(9), f32(3), 2, 3, 3)).toThrow(/out has 5 elements, needs at least 6/);
      expect(() => k32.linearForward(f32(6), f32(6), f32(8), f32(3), 2, 3, 3)).toThrow(/w has 8 elements/);
      expect(() => k32.linearBackward(f32(5), f32(9), f32(3), f32(6), f32(6), f32(9), 2, 3, 3)).toThrow(/dinp has 5/);
      expect(() => k32.linearBackward(null, f32(9), f32(2), f32(6), f32(6), f32(9), 2, 3, 3)).toThrow(/db has 2/);
      const detached = f32(6);
      structuredClone(detached.buffer, { transfer: [detached.buffer] });
      expect(() => k32.linearForward(detached, f32(6), f32(9), f32(3), 2, 3, 3)).toThrow(/out has 0 elements/);
    });

    it('rejects an output overlapping another argument', () => {
      const buf = f32(30);
      expect(() => k32.linearForward(buf.subarray(0, 6), buf.subarray(3, 9), f32(9), f32(3), 2, 3, 3))
        .toThrow(/out must not overlap inp/);
      expect(() => k32.linearBackward(null, buf.subarray(0, 9), buf.subarray(8, 11), f32(6), f32(6), f32(9), 2, 3, 3))
        .toThrow(/dw must not overlap db/);
      // Read-only arguments may share memory.
      expect(() => k32.linearForward(f32(4), buf.subarray(0, 4), buf.subarray(0, 4), f32(2), 2, 2, 2)).not.toThrow();
    });
  });
});

// linearBackward's `overwrite` (a fresh shard's gradient written without
// zeroing it first): the bits of adding to zeros, whatever dw and db held,
// on the dense GEMM and the sparse path, both dtypes.
describe.skipIf(!available)('native linearBackward with overwrite', () => {
  it('gives the bits of adding into zeros, whatever dw and db held', async () => {
    const { nativeSparseMode } = await import('../../lib/accel/native/native-kernels.js');
    for (const mode of ['always', 'never'] as const) {
      nativeSparseMode(mode);
      for (const dtype of DTYPES) {
        const k = nativeLinearKernels(dtype)!;
        for (const [B, C, OC] of [[32, 784, 32], [5, 33, 31], [13, 32, 10], [1, 1, 1], [0, 7, 5], [4, 0, 5], [4, 7, 0]]) {
          const inp = randomArray(dtype, B * C, 61).map((x, i) => (i % 6 === 0 ? x : 0));
          const dout = randomArray(dtype, B * OC, 62);
          const w = randomArray(dtype, OC * C, 63);
          const want = { dw: allocFloat(dtype, OC * C), db: allocFloat(dtype, OC), dinp: allocFloat(dtype, B * C) };
          k.linearBackward(want.dinp, want.dw, want.db, dout, inp, w, B, C, OC);
          const got = { dw: randomArray(dtype, OC * C, 64), db: randomArray(dtype, OC, 65), dinp: randomArray(dtype, B * C, 66) };
          got.dw[0] = -0;
          got.db[0] = Number.NaN;
          k.linearBackward(got.dinp, got.dw, got.db, dout, inp, w, B, C, OC, true);
          expectSameBits(got.dw, want.dw);
          expectSameBits(got.db, want.db);
          expectSameBits(got.dinp, want.dinp);
        }
      }
    }
    nativeSparseMode('auto');
  });

  it('refuses an overwrite that is not a boolean', () => {
    const k = nativeLinearKernels('float32')!;
    const f = (n: number) => allocFloat('float32', n);
    expect(() => (k.linearBackward as (...a: unknown[]) => void)(null, f(6), f(2), f(2), f(3), f(6), 1, 3, 2, 1)).toThrow(/overwrite must be a boolean/);
  });
});
