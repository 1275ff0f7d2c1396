// Independent random streams derived from (seed, purpose, index). Any stream
// can be built directly, so epoch e's shuffle never needs epochs 0..e-1
// replayed, and a resumed run needs no saved generator state.

import { splitMix64, Xoshiro128 } from './xoshiro128.js';

/** Purposes in use; each gets its own family of streams. */
export type StreamPurpose = 'init' | 'shuffle';

const MASK64 = (1n << 64n) - 1n;

/** FNV-1a, 64-bit, over the UTF-16 code units of `s` (ASCII purposes only). */
function fnv1a64(s: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n) & MASK64;
  return h;
}

/** The 64-bit key of stream (seed, purpose, index): each part is folded in through SplitMix64. */
export function streamKey(seed: number, purpose: StreamPurpose, index: number): bigint {
  let k = BigInt(seed >>> 0);
  k = splitMix64(k ^ fnv1a64(purpose))[1];
  k = splitMix64(k ^ BigInt(index))[1];
  return k;
}

export function stream(seed: number, purpose: StreamPurpose, index: number): Xoshiro128 {
  return new Xoshiro128(streamKey(seed, purpose, index));
}
