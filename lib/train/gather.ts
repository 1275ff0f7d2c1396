// Copies the samples named by `indices` into a batch buffer, converting to
// the training dtype: the only place raw dataset values become floats.
// 'unit' scaling divides by the dataset's maxValue (255 for MNIST); the
// quotient is computed in float64 and rounded once into the buffer.
//
// Rows are copied with TypedArray.set, which converts each value exactly as
// an element store does, natively: a JavaScript loop over the elements took
// ~290 us for a batch of 256 MNIST rows, longer than the batch's forward and
// backward pass with native kernels; set() takes ~35 us. The division then
// runs over the whole batch as a kernel (divideInPlace, native when built).
// That is the same number only when the stored value is the raw value
// itself; a float32 batch from int32 or float64 sources (not exact in
// float32) divides the raw value element by element instead.

import type { Float } from '../math/float.js';
import { kernelsOf } from '../math/kernels.js';
import type { InputArray, Split } from '../data/dataset.js';
import type { InputScaling } from './config.js';

/** Whether every value of `src` is stored exactly in `dst` (then dividing the stored value divides the raw one). */
function storesExactly(dst: Float, src: InputArray): boolean {
  return dst instanceof Float64Array || !(src instanceof Int32Array || src instanceof Float64Array);
}

export function gatherBatch(
  inputs: Float, labels: Uint8Array, split: Split, inputSize: number,
  indices: ArrayLike<number>, scaling: InputScaling, maxValue: number,
): void {
  const src = split.inputs;
  const D = inputSize;
  const B = indices.length;
  if (scaling === 'unit' && !storesExactly(inputs, src)) {
    for (let r = 0; r < B; r++) {
      const s = indices[r];
      const from = s * D;
      const to = r * D;
      for (let j = 0; j < D; j++) inputs[to + j] = src[from + j] / maxValue;
      labels[r] = split.labels[s];
    }
    return;
  }
  for (let r = 0; r < B; r++) {
    const s = indices[r];
    const from = s * D;
    inputs.set(src.subarray(from, from + D), r * D);
    labels[r] = split.labels[s];
  }
  if (scaling === 'unit') kernelsOf(inputs).divideInPlace(inputs, B * D, maxValue);
}
