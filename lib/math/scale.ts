// Division of a whole buffer by one number, rounded to the buffer's dtype:
// the 'unit' input scaling (lib/train/gather.ts) divides raw values by the
// dataset's maximum this way, once per value. One source, specialised per
// dtype (specialise.ts); an accelerated implementation may bring its own
// with the same bits (lib/accel).

import type { Float } from './float.js';

const R = (x: number): number => x;

/** a[i] = a[i] / d for i < n, the quotient taken in float64 and rounded once to a's dtype. */
export function divideInPlace(a: Float, n: number, d: number): void {
  for (let i = 0; i < n; i++) a[i] = R(a[i] / d);
}
