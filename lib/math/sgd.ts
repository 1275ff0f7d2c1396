// Reduction and update, each one loop over the flat buffer.
//
// A mini-batch's gradient is the shard sums added pairwise along the step's
// tree (pairwise-tree.ts), addInto being each addition; the update divides by the batch's real size (the article's
// code divides a short last batch by the full size, which we deliberately
// do not) and then steps:  g = sum / n;  W = W - eta * g.

import type { Float } from './float.js';

const R = (x: number): number => x;

/** acc += x, elementwise. */
export function addInto(acc: Float, x: Float, n: number): void {
  for (let i = 0; i < n; i++) acc[i] = R(acc[i] + x[i]);
}

/** params -= eta * (gradSum / count), elementwise. */
export function sgdStep(params: Float, gradSum: Float, n: number, count: number, eta: number): void {
  const e = R(eta); // eta is a value of the dtype too, like every operand
  for (let i = 0; i < n; i++) params[i] = R(params[i] - R(e * R(gradSum[i] / count)));
}
