// Shared test helpers for numerical tests: seeded random arrays and byte equality.

import { Xoshiro128 } from '../../lib/random/xoshiro128.js';
import type { DType } from '../../lib/train/config.js';
import { allocFloat, type Float } from '../../lib/math/float.js';

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
