// Copying a batch out of a dataset: dst row r = src row indices[r], d
// values each, every value converted to dst's dtype as an element store
// converts it (TypedArray.set does exactly that, natively). For the byte
// datasets (MNIST, parity) the conversion is exact, so an accelerated
// implementation (lib/accel: native, for Uint8Array sources) gives the same
// bits; it only waits less for the rows' cache misses.

import type { Float, InputArray } from './float.js';

export function gatherRows(dst: Float, src: InputArray, indices: ArrayLike<number>, rows: number, d: number): void {
  for (let r = 0; r < rows; r++) {
    const from = indices[r] * d;
    dst.set(src.subarray(from, from + d), r * d);
  }
}
