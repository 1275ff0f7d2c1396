// Entry point: the exported kernels, one per dtype (generic bodies compiled
// twice). Arguments are byte pointers into this module's memory; see
// lib/accel/wasm/ for the JavaScript side that lays arrays out here.

import { backward, BACKWARD_SCRATCH, sparseBackwardScratch } from './backward';
import { forward, forwardScratch, prepareForward } from './forward';

/** First byte free for the host: nothing lives in linear memory at or above it. */
export function heapBase(): usize {
  return __heap_base;
}

export function forwardScratchF32(C: usize, OC: usize): usize {
  return forwardScratch<f32>(C, OC);
}
export function forwardScratchF64(C: usize, OC: usize): usize {
  return forwardScratch<f64>(C, OC);
}
export function backwardScratch(): usize {
  return BACKWARD_SCRATCH;
}
export function sparseBackwardScratchF32(C: usize, OC: usize): usize {
  return sparseBackwardScratch<f32>(C, OC);
}
export function sparseBackwardScratchF64(C: usize, OC: usize): usize {
  return sparseBackwardScratch<f64>(C, OC);
}

export function prepareForwardF32(wT: usize, w: usize, b: usize, C: usize, OC: usize): void {
  prepareForward<f32>(wT, w, b, C, OC);
}
export function prepareForwardF64(wT: usize, w: usize, b: usize, C: usize, OC: usize): void {
  prepareForward<f64>(wT, w, b, C, OC);
}

export function forwardF32(out: usize, inp: usize, wT: usize, B: usize, C: usize, OC: usize): void {
  forward<f32>(out, inp, wT, B, C, OC);
}
export function forwardF64(out: usize, inp: usize, wT: usize, B: usize, C: usize, OC: usize): void {
  forward<f64>(out, inp, wT, B, C, OC);
}

export function backwardF32(
  dinp: usize, dw: usize, db: usize, dout: usize, inp: usize, w: usize,
  B: usize, C: usize, OC: usize, hasDinp: bool, scratch: usize, sparse: usize,
): void {
  backward<f32>(dinp, dw, db, dout, inp, w, B, C, OC, hasDinp, scratch, sparse);
}
export function backwardF64(
  dinp: usize, dw: usize, db: usize, dout: usize, inp: usize, w: usize,
  B: usize, C: usize, OC: usize, hasDinp: bool, scratch: usize, sparse: usize,
): void {
  backward<f64>(dinp, dw, db, dout, inp, w, B, C, OC, hasDinp, scratch, sparse);
}

export {
  sigmoidForwardF32, sigmoidForwardF64, sigmoidBackwardF32, sigmoidBackwardF64, expF64,
} from './elementwise';
export { divideF32, divideF64 } from './scale';
export { sparseRunCount } from './sparse';
