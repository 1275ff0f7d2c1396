// Whether a buffer holds only finite numbers: the coordinator refuses a
// shard gradient with a NaN or an infinity (a diverged worker) before any of
// it is applied. One source, specialised per dtype (specialise.ts); an
// accelerated implementation may bring its own (the answer is a boolean:
// any correct check gives the same one).

import type { Float } from './float.js';

/** true when a[0..n) has no NaN and no infinity. */
export function allFinite(a: Float, n: number): boolean {
  for (let i = 0; i < n; i++) {
    // x - x is 0 for finite x and NaN for NaN/±Infinity: one compare per element.
    const x = a[i];
    if (x - x !== 0) return false;
  }
  return true;
}
