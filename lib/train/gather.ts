// Copies the samples named by `indices` into a batch buffer, converting to
// the training dtype: the only place raw dataset values become floats.
// 'unit' scaling divides by the dataset's maxValue (255 for MNIST); the
// quotient is computed in float64 and rounded once into the buffer.
//
// Rows are copied by the gatherRows kernel: TypedArray.set per row in
// TypeScript, which converts each value exactly as an element store does,
// natively (a JavaScript loop over the elements took ~290 us for a batch of
// 256 MNIST rows, set() ~35 us); the native addon's copy prefetches the next
// rows, which matters in a busy worker (native/gather.h). The division
// then runs over the whole batch as a kernel (divideInPlace, native when
// built). That is the same number only when the stored value is the raw
// value itself; a float32 batch from int32 or float64 sources (not exact in
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
  const k = kernelsOf(inputs);
  k.gatherRows(inputs, src, indices, B, D);
  for (let r = 0; r < B; r++) labels[r] = split.labels[indices[r]];
  if (scaling === 'unit') k.divideInPlace(inputs, B * D, maxValue);
}
