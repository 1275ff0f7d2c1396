// Output-layer losses: each turns the last layer's activations and the
// labels into dE/da (which the activation's backward turns into delta_L) or,
// for softmax cross-entropy, straight into delta_L = p - y.
//
// Per-sample errors are metrics, kept in float64 and summed in sample order.
//
// squared (the article's):  E = sum_j (y_j - a_j)^2,   dE/da_j = -2 (y_j - a_j)
// cross-entropy:            p = softmax(z), E = -log p_label, dE/dz_j = p_j - y_j
// Both return the error sum and write the number of argmax hits to stats[0].

import type { Float } from './float.js';

const R = (x: number): number => x;

/** a (B, K) activations, labels (B): writes d = dE/da (B, K); returns sum of E. */
export function squaredErrorBackward(d: Float, a: Float, labels: Uint8Array, B: number, K: number, stats: Float64Array): number {
  let errorSum = 0;
  let correct = 0;
  for (let i = 0; i < B; i++) {
    const row = i * K;
    const label = labels[i];
    let e = 0;
    let best = 0;
    for (let j = 0; j < K; j++) {
      const y = j === label ? 1 : 0;
      const diff = R(y - a[row + j]);
      e += diff * diff;
      d[row + j] = R(-2 * diff);
      if (a[row + j] > a[row + best]) best = j;
    }
    errorSum += e;
    if (best === label) correct++;
  }
  stats[0] = correct;
  return errorSum;
}

/** z (B, K) pre-activations, replaced in place by softmax p; writes d = p - y; returns sum of -log p_label. */
export function softmaxCrossEntropyBackward(d: Float, z: Float, labels: Uint8Array, B: number, K: number, stats: Float64Array): number {
  let errorSum = 0;
  let correct = 0;
  for (let i = 0; i < B; i++) {
    const row = i * K;
    const label = labels[i];
    let best = 0;
    for (let j = 1; j < K; j++) if (z[row + j] > z[row + best]) best = j;
    const m = z[row + best];
    let s = 0;
    for (let j = 0; j < K; j++) {
      const e = R(Math.exp(R(z[row + j] - m)));
      z[row + j] = e;
      s = R(s + e);
    }
    for (let j = 0; j < K; j++) {
      const p = R(z[row + j] / s);
      z[row + j] = p;
      d[row + j] = R(p - (j === label ? 1 : 0));
    }
    errorSum += -Math.log(Math.max(z[row + label], 1e-300));
    if (best === label) correct++;
  }
  stats[0] = correct;
  return errorSum;
}

/** z (B, K) replaced in place by softmax p (inference path, no gradient). */
export function softmaxForward(z: Float, B: number, K: number): void {
  for (let i = 0; i < B; i++) {
    const row = i * K;
    let m = z[row];
    for (let j = 1; j < K; j++) if (z[row + j] > m) m = z[row + j];
    let s = 0;
    for (let j = 0; j < K; j++) {
      const e = R(Math.exp(R(z[row + j] - m)));
      z[row + j] = e;
      s = R(s + e);
    }
    for (let j = 0; j < K; j++) z[row + j] = R(z[row + j] / s);
  }
}
