// Shared test helpers for numerical tests: seeded random arrays and byte equality.

import { Xoshiro128 } from '../../lib/random/xoshiro128.js';
import type { DType } from '../../lib/config.js';
import { allocFloat, roundingOf, type Float } from '../../lib/math/float.js';
import type { KernelSet } from '../../lib/math/kernels.js';
import { linearBackwardNaive, linearForwardNaive } from '../../lib/math/linear-naive.js';

export function randomArray(dtype: DType, n: number, seed: number, scale = 1): Float {
  const rng = new Xoshiro128(BigInt(seed));
  const a = allocFloat(dtype, n);
  for (let i = 0; i < n; i++) a[i] = (rng.nextDouble() * 2 - 1) * scale;
  return a;
}

export function bytesOf(a: Float): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function expectSameBits(actual: Float, expected: Float): void {
  if (!bytesOf(actual).equals(bytesOf(expected))) {
    let i = 0;
    while (i < actual.length && Object.is(actual[i], expected[i])) i++;
    throw new Error(`arrays differ first at index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

type LinearPair = Pick<KernelSet, 'linearForward' | 'linearBackward'>;

/** Runs `k.linearForward` into `out` and checks the naive loop's bytes. */
export function expectForwardLikeNaive(k: LinearPair, dtype: DType, inp: Float, w: Float, b: Float, B: number, C: number, OC: number,
  out: Float = allocFloat(dtype, B * OC)): void {
  const naive = allocFloat(dtype, B * OC);
  k.linearForward(out, inp, w, b, B, C, OC);
  linearForwardNaive(naive, inp, w, b, B, C, OC, roundingOf(dtype));
  expectSameBits(out, naive);
}

/**
 * Runs `k.linearBackward` adding into `dw`, `db` (start them non-zero: backward
 * must ADD) and writing `dinp` (null: the first layer's case), and checks the
 * naive loop's bytes for all three.
 */
export function expectBackwardLikeNaive(k: LinearPair, dtype: DType, inp: Float, w: Float, dout: Float, dw: Float, db: Float,
  B: number, C: number, OC: number, dinp: Float | null): void {
  const [dwN, dbN] = [dw.slice(), db.slice()];
  const dinpN = dinp ? allocFloat(dtype, B * C) : null;
  k.linearBackward(dinp, dw, db, dout, inp, w, B, C, OC);
  linearBackwardNaive(dinpN, dwN, dbN, dout, inp, w, B, C, OC, roundingOf(dtype));
  expectSameBits(dw, dwN);
  expectSameBits(db, dbN);
  if (dinp && dinpN) expectSameBits(dinp, dinpN);
}
