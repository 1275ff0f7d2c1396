// Copies the samples named by `indices` into a batch buffer, converting to
// the training dtype: the only place raw dataset values become floats.
// 'unit' scaling divides by the dataset's maxValue (255 for MNIST); the
// quotient is computed in float64 and rounded once into the buffer.

import type { Float } from '../math/float.js';
import type { Split } from '../data/dataset.js';
import type { InputScaling } from './config.js';

export function gatherBatch(
  inputs: Float, labels: Uint8Array, split: Split, inputSize: number,
  indices: ArrayLike<number>, scaling: InputScaling, maxValue: number,
): void {
  const src = split.inputs;
  const D = inputSize;
  for (let r = 0; r < indices.length; r++) {
    const s = indices[r];
    const from = s * D;
    const to = r * D;
    if (scaling === 'unit') for (let j = 0; j < D; j++) inputs[to + j] = src[from + j] / maxValue;
    else for (let j = 0; j < D; j++) inputs[to + j] = src[from + j];
    labels[r] = split.labels[s];
  }
}
