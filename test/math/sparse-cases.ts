// The cases every sparse-input path must pass (wasm/assembly/sparse.ts,
// native/sparse.h): inputs that are mostly exact zeros (MNIST's pixels) skip
// the zero products and must still give exactly the naive loops' bytes, and
// fall back to the dense loops whenever skipping could change a bit: a
// non-finite weight or dout (0 * inf is NaN), a -0 or non-finite start of a
// sum (-0 + +0 = +0). A call counter shows which path ran.
import { describe, expect, it } from 'vitest';
import { allocFloat, type Float } from '../../lib/math/float.js';
import type { KernelSet } from '../../lib/math/kernels.js';
import type { DType } from '../../lib/config.js';
import { Xoshiro128 } from '../../lib/random/xoshiro128.js';
import { expectBackwardLikeNaive, expectForwardLikeNaive, randomArray } from './helpers.js';

const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 7, 5], [4, 31, 33], [5, 33, 31], [7, 257, 3], [33, 3, 257], [256, 784, 32], [13, 32, 10],
  [2, 9, 40], [6, 64, 17], [3, 5, 64],
];

/**
 * n values of which about `zeros` are +0 or -0 (half each), the rest uniform
 * in (-1, 1); nonzeros past a quarter of n are zeroed, so that even small
 * arrays stay under the kernels' 30 % threshold.
 */
function sparseArray(dtype: DType, n: number, seed: number, zeros = 0.8): Float {
  const rng = new Xoshiro128(BigInt(seed));
  const a = allocFloat(dtype, n);
  let nonzero = 0;
  for (let i = 0; i < n; i++) {
    const r = rng.nextDouble();
    const x = r < zeros ? (r < zeros / 2 ? -0 : 0) : rng.nextDouble() * 2 - 1;
    if (x !== 0 && ++nonzero > n / 4) a[i] = 0;
    else a[i] = x;
  }
  return a;
}

export interface SparseSubject {
  kernels(dtype: DType): Pick<KernelSet, 'linearForward' | 'linearBackward'>;
  /** The implementation's count of calls that took the sparse path. */
  runs(): number;
  /** Whether inputs that are NaN or infinite still take the sparse path (they stay in the sums), or make the call run dense. */
  nonFiniteInputs: 'sparse' | 'dense';
}

/** The sparse-path cases for both dtypes, on `subject`. */
export function sparseCases(subject: SparseSubject): void {
  /** Runs f and reports how many calls took a sparse path meanwhile. */
  const sparseRunsDuring = (f: () => void): number => {
    const before = subject.runs();
    f();
    return subject.runs() - before;
  };
  describe.each(['float32', 'float64'] as const)('on mostly-zero inputs (%s)', (dtype) => {
    casesFor(dtype, subject, sparseRunsDuring);
  });
}

function casesFor(dtype: DType, subject: SparseSubject, sparseRunsDuring: (f: () => void) => number): void {
  const k = subject.kernels(dtype);

  it.each(SHAPES)('forward takes the sparse path and equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
    const out = allocFloat(dtype, B * OC).fill(7);
    const runs = sparseRunsDuring(() =>
      expectForwardLikeNaive(k, dtype, sparseArray(dtype, B * C, 1 + B), randomArray(dtype, OC * C, 2 + C), randomArray(dtype, OC, 3 + OC), B, C, OC, out));
    expect(runs).toBeGreaterThan(0);
  });

  it.each(SHAPES)('backward takes the sparse path and equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
    for (const dinp of [allocFloat(dtype, B * C).fill(123), null]) {
      const runs = sparseRunsDuring(() =>
        expectBackwardLikeNaive(k, dtype, sparseArray(dtype, B * C, 4 + B), randomArray(dtype, OC * C, 5 + C), randomArray(dtype, B * OC, 6 + OC),
          randomArray(dtype, OC * C, 7), randomArray(dtype, OC, 8), B, C, OC, dinp));
      expect(runs).toBeGreaterThan(0);
    }
  });

  it.each(SHAPES)('backward into a zeroed dW (a fresh shard) takes the sparse path and equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
    const runs = sparseRunsDuring(() =>
      expectBackwardLikeNaive(k, dtype, sparseArray(dtype, B * C, 40 + B), randomArray(dtype, OC * C, 41 + C), randomArray(dtype, B * OC, 42 + OC),
        allocFloat(dtype, OC * C), allocFloat(dtype, OC), B, C, OC, null));
    expect(runs).toBeGreaterThan(0);
  });

  it('takes the sparse path with 30 % of the inputs nonzero, and the dense one with one nonzero more', () => {
    const [B, C, OC] = [4, 10, 8];
    const inp = allocFloat(dtype, B * C).map((_, i) => (i % 10 < 3 ? i + 1 : 0)); // 12 of 40
    const w = randomArray(dtype, OC * C, 9);
    const b = randomArray(dtype, OC, 10);
    expect(sparseRunsDuring(() => expectForwardLikeNaive(k, dtype, inp, w, b, B, C, OC))).toBe(1);
    const more = inp.slice();
    more[39] = 0.5;
    expect(sparseRunsDuring(() => expectForwardLikeNaive(k, dtype, more, w, b, B, C, OC))).toBe(0);
  });

  it(`keeps non-zero specials of the input (NaN, infinities, subnormals) in the sums (${subject.nonFiniteInputs})`, () => {
    const [B, C, OC] = [6, 40, 12];
    const inp = sparseArray(dtype, B * C, 11);
    inp[3] = NaN;
    inp[50] = Infinity;
    inp[51] = -Infinity;
    inp[90] = dtype === 'float32' ? 1e-45 : 5e-324;
    const w = randomArray(dtype, OC * C, 12);
    expect(sparseRunsDuring(() => {
      expectForwardLikeNaive(k, dtype, inp, w, randomArray(dtype, OC, 13), B, C, OC);
      expectBackwardLikeNaive(k, dtype, inp, w, randomArray(dtype, B * OC, 14), randomArray(dtype, OC * C, 15), randomArray(dtype, OC, 16), B, C, OC, null);
    })).toBe(subject.nonFiniteInputs === 'sparse' ? 2 : 0);
  });

  // Each case: what skipping would get wrong, the dense path taken instead, the naive bytes.
  const [B, C, OC] = [5, 24, 9];
  const zeroRows = (): Float => sparseArray(dtype, B * C, 17).map((x, i) => (i < C ? 0 : x)); // row 0: all zeros

  it('a weight that is inf or NaN: 0 * inf is NaN, so forward runs dense', () => {
    for (const bad of [Infinity, -Infinity, NaN]) {
      const w = randomArray(dtype, OC * C, 18);
      w[C + 2] = bad; // meets row 0's zero
      expect(sparseRunsDuring(() => expectForwardLikeNaive(k, dtype, zeroRows(), w, randomArray(dtype, OC, 19), B, C, OC))).toBe(0);
    }
  });

  it('a bias that is -0: -0 + 0 * w is +0 for w > 0, so forward runs dense', () => {
    const w = randomArray(dtype, OC * C, 20).map(Math.abs);
    const b = randomArray(dtype, OC, 21);
    b[4] = -0;
    const out = allocFloat(dtype, B * OC);
    expect(sparseRunsDuring(() => expectForwardLikeNaive(k, dtype, zeroRows(), w, b, B, C, OC, out))).toBe(0);
    expect(Object.is(out[4], 0)).toBe(true); // row 0, output 4: +0, not the bias's -0
  });

  it('a bias that is NaN or inf: forward runs dense', () => {
    for (const bad of [Infinity, NaN]) {
      const b = randomArray(dtype, OC, 22);
      b[1] = bad;
      expect(sparseRunsDuring(() => expectForwardLikeNaive(k, dtype, zeroRows(), randomArray(dtype, OC * C, 23), b, B, C, OC))).toBe(0);
    }
  });

  it('a dout that is inf or NaN: dW runs dense', () => {
    for (const bad of [Infinity, NaN]) {
      const dout = randomArray(dtype, B * OC, 24);
      dout[3] = bad; // row 0, which is all zeros
      expect(sparseRunsDuring(() => expectBackwardLikeNaive(k, dtype, zeroRows(), randomArray(dtype, OC * C, 25), dout,
        randomArray(dtype, OC * C, 26), randomArray(dtype, OC, 27), B, C, OC, null))).toBe(0);
    }
  });

  it('a dW start that is -0, inf or NaN: dW runs dense', () => {
    for (const bad of [-0, Infinity, NaN]) {
      const inp = allocFloat(dtype, B * C); // all zeros: every product is a zero
      const dout = randomArray(dtype, B * OC, 28).map(Math.abs);
      const dw = randomArray(dtype, OC * C, 29);
      dw[7] = bad;
      expect(sparseRunsDuring(() => expectBackwardLikeNaive(k, dtype, inp, randomArray(dtype, OC * C, 30), dout,
        dw, randomArray(dtype, OC, 31), B, C, OC, null))).toBe(0);
      if (Object.is(bad, -0)) expect(Object.is(dw[7], 0)).toBe(true); // -0 + 0 * dout = +0
    }
  });

  it('accumulates over several calls like the naive kernel (dW start values from the previous call)', () => {
    const [B2, C2, OC2] = [16, 100, 20];
    const w = randomArray(dtype, OC2 * C2, 32);
    const dw = randomArray(dtype, OC2 * C2, 33);
    const db = randomArray(dtype, OC2, 34);
    for (let call = 0; call < 3; call++) {
      expect(sparseRunsDuring(() => expectBackwardLikeNaive(k, dtype, sparseArray(dtype, B2 * C2, 35 + call), w,
        randomArray(dtype, B2 * OC2, 38 + call), dw, db, B2, C2, OC2, null))).toBe(1);
    }
  });
}
