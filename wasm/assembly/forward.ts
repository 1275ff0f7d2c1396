// Forward: out[i][o] = b[o] + sum_c inp[i][c] * W[o][c], c increasing.
//
// Vectorised across outputs o (LANES outputs per vector), which needs W as
// (C, OC): prepareForward transposes W into scratch once per call of the
// host's linearForward (W is small next to the batch; forward then runs on
// one or more chunks of samples). The transposed rows are padded to whole
// vectors with zeros so the last vector is always readable; its padding
// lanes are never stored. Each tile runs two samples' sums, from the bias,
// one c at a time (rows.ts). Inputs that are mostly zeros (MNIST's first
// layer) go one sample at a time over their nonzeros instead (sparse.ts),
// when the checks that keep those bits exact pass.

import { lanes } from './simd';
import { transposePadded } from './transpose';
import { rowsTimesMatrix } from './rows';
import { cleanStarts, allFiniteAt, forwardSparse, listBytes, sparseEnough } from './sparse';

/** Output width rounded up to whole vectors. */
// @ts-ignore: decorator (AssemblyScript)
@inline function padded<T>(OC: usize): usize {
  const L = lanes<T>();
  return (OC + L - 1) / L * L;
}

/** Scratch bytes at wT: what prepareForward<T> writes (W transposed and padded, then the padded bias), then one row's nonzero list. */
export function forwardScratch<T>(C: usize, OC: usize): usize {
  return (C + 1) * padded<T>(OC) * sizeof<T>() + listBytes<T>(C);
}

/** Lays W (OC, C) and b out for forward<T> at wT: W transposed to (C, OCp), then b, zero-padded. */
export function prepareForward<T>(wT: usize, w: usize, b: usize, C: usize, OC: usize): void {
  const S = sizeof<T>();
  const OCp = padded<T>(OC);
  transposePadded<T>(wT, w, C, OC, OCp);
  const bp = wT + C * OCp * S;
  for (let o: usize = 0; o < OCp; o++) store<T>(bp + o * S, o < OC ? load<T>(b + o * S) : <T>0);
}

/** out (B, OC) = inp (B, C) W^T + b, with W and b laid out at wT by prepareForward<T>. */
export function forward<T>(out: usize, inp: usize, wT: usize, B: usize, C: usize, OC: usize): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  const OCp = padded<T>(OC);
  const bp = wT + C * OCp * S;
  const nv = OCp / L;
  const tail = OC - (nv - 1) * L; // lanes stored from the last vector
  const rowIn = C * S;
  const rowOut = OC * S;
  const wStep = OCp * S;
  if (sparseEnough<T>(inp, B, C) && allFiniteAt<T>(wT, C * OCp) && cleanStarts<T>(bp, OCp)) {
    forwardSparse<T>(out, inp, wT, B, C, OC, OCp, bp + OCp * S);
    return;
  }
  rowsTimesMatrix<T>(out, rowOut, bp, 16, inp, rowIn, wT, wStep, B, C, nv, tail);
}
