// The WebAssembly SIMD implementation of the linear kernels: same
// signatures and the same bits as ../linear.ts, several times faster.
// Build the module first (scripts/build-wasm.mjs); wasmAvailable() says
// whether it is built and this engine can run it.

import type { DType } from '../../config.js';
import type { Float } from '../../math/float.js';
import { WasmHeap, type ReserveOptions } from './heap.js';
import { makeLinearKernels, type LinearKernels } from './linear.js';
import { kernelExports } from './module.js';
import { makeDivide, makeSigmoidKernels, wasmExpWith } from './elementwise.js';
import type { divideInPlace } from '../../math/scale.js';
import type { ActivationKernels } from '../../math/activation.js';

export { wasmAvailable, WasmMissingError } from './module.js';
export type { LinearKernels } from './linear.js';
export type { ReserveOptions } from './heap.js';

let heap: WasmHeap | null | undefined;
const kernels = new Map<DType, LinearKernels>();
const sigmoids = new Map<DType, ActivationKernels | null>();

function theHeap(): WasmHeap | null {
  if (heap === undefined) {
    const k = kernelExports();
    heap = k === null ? null : new WasmHeap(k.memory, k.heapBase());
  }
  return heap;
}

/**
 * linearForward and linearBackward for `dtype` on WebAssembly SIMD, or null
 * when this engine has no WebAssembly SIMD. Throws WasmMissingError when the
 * module has not been built.
 */
export function wasmLinearKernels(dtype: DType): LinearKernels | null {
  const h = theHeap();
  if (h === null) return null;
  let lk = kernels.get(dtype);
  if (!lk) kernels.set(dtype, (lk = makeLinearKernels(kernelExports()!, h, dtype)));
  return lk;
}

/**
 * n zeros inside WebAssembly memory: the wasm kernels use such arrays in
 * place instead of copying them. Falls back to an ordinary array when the
 * arena is full, or when WebAssembly SIMD is unavailable. The first call
 * fixes the memory layout (see heap.ts), so these arrays stay valid forever.
 */
export function wasmAllocFloat(dtype: DType, n: number): Float {
  const h = theHeap();
  if (h === null) return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  return h.alloc(dtype, n);
}

/** Sizes the arena and scratch; only before the first wasmAllocFloat. */
export function wasmReserve(opts: ReserveOptions): void {
  theHeap()?.freeze(opts);
}

/**
 * sigmoid forward / backward for `dtype` on WebAssembly, with the signatures
 * and bits of ACTIVATION_SOURCES.sigmoid, or null when this engine has no
 * WebAssembly SIMD or the module was built before these kernels.
 */
export function wasmSigmoidKernels(dtype: DType): ActivationKernels | null {
  const h = theHeap();
  if (h === null) return null;
  if (!sigmoids.has(dtype)) sigmoids.set(dtype, makeSigmoidKernels(kernelExports()!, h, dtype));
  return sigmoids.get(dtype)!;
}

/**
 * divideInPlace for `dtype` on WebAssembly, with the signature and bits of
 * lib/math/scale.ts, or null when this engine has no WebAssembly SIMD or
 * the module was built before it.
 */
export function wasmDivide(dtype: DType): typeof divideInPlace | null {
  const h = theHeap();
  return h === null ? null : makeDivide(kernelExports()!, h, dtype);
}

/** For tests: out[i] = the wasm port of V8's Math.exp applied to x[i]; false without wasm. */
export function wasmExp(out: Float64Array, x: Float64Array): boolean {
  const h = theHeap();
  if (h === null) return false;
  wasmExpWith(kernelExports()!, h, out, x);
  return true;
}

/** How many linear-kernel calls took the sparse path (inputs mostly zeros) in this process; null without wasm. */
export function wasmSparseRuns(): number | null {
  return kernelExports()?.sparseRunCount() ?? null;
}
