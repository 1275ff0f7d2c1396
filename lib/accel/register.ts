// Registers the accelerated kernel implementations with the math layer.
// Imported for its effect by every entry point (CLI, benchmarks, tests that
// want them); the math layer itself never touches files. Each brings its
// linear kernels and, when its build has them, a sigmoid (and the native
// addon divideInPlace, allFinite, addInto, sgdStep, gatherRows, gatherDivided, prefetchRows and
// transpose (W transposed once per step, which its linearForward takes); WebAssembly
// divideInPlace and an allocator in its own memory). The native addon
// also computes the messages' CRC-32 (the same function whatever kernels a
// process uses, so it is not tied to the kernel choice).

import { registerKernels } from '../math/kernels.js';
import { wasmAllocFloat, wasmAvailable, wasmDivide, wasmLinearKernels, wasmSigmoidKernels } from './wasm/index.js';
import { useCrc32 } from '../wire/tensors.js';
import { nativeAllFinite, nativeCrc32, nativeDivide, nativeGatherDivided, nativeGatherRows, nativePrefetchRows, nativeLinearKernels, nativeSgdKernels, nativeSigmoidKernels, nativeTranspose } from './native/native-kernels.js';

registerKernels('wasm', (dtype) => {
  const linear = wasmAvailable() ? wasmLinearKernels(dtype) : null;
  if (!linear) return null;
  const sigmoid = wasmSigmoidKernels(dtype);
  // Buffers the trainer allocates (parameters, gradients, workspaces) live in
  // WebAssembly memory, where the kernels use them in place instead of
  // copying them in and out on every call.
  return {
    ...linear, ...(sigmoid ? { activations: { sigmoid } } : {}), divideInPlace: wasmDivide(dtype),
    alloc: (n: number) => wasmAllocFloat(dtype, n),
  };
});
registerKernels('native', (dtype) => {
  const linear = nativeLinearKernels(dtype);
  if (!linear) return null;
  const sigmoid = nativeSigmoidKernels(dtype);
  return {
    ...linear, ...(sigmoid ? { activations: { sigmoid } } : {}),
    divideInPlace: nativeDivide(dtype), allFinite: nativeAllFinite(dtype), gatherRows: nativeGatherRows(dtype),
    gatherDivided: nativeGatherDivided(dtype), prefetchRows: nativePrefetchRows(), ...nativeSgdKernels(dtype),
    transpose: nativeTranspose(dtype),
  };
});

useCrc32(nativeCrc32());
