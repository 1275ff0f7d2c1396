// Distributions and permutations on top of a Xoshiro128 stream. Only
// Math.log, Math.sqrt and Math.cos are used, which V8 implements in software
// (fdlibm ports), so the same Node major gives the same bits everywhere.

import type { Xoshiro128 } from './xoshiro128.js';

/** Fisher-Yates permutation of 0..n-1 (Durstenfeld's in-place form). */
export function permutation(rng: Xoshiro128, n: number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** Fills `out` with standard normal draws (Box-Muller; both outputs of each pair are used). */
export function fillNormal(rng: Xoshiro128, out: { length: number; [i: number]: number }, std = 1): void {
  for (let i = 0; i < out.length; i += 2) {
    const u1 = 1 - rng.nextDouble(); // (0, 1]: log stays finite
    const u2 = rng.nextDouble();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = std * r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < out.length) out[i + 1] = std * r * Math.sin(2 * Math.PI * u2);
  }
}
