// Registers the accelerated kernel implementations with the math layer.
// Imported for its effect by every entry point (CLI, benchmarks, tests that
// want them); the math layer itself never touches files. Each brings its
// linear kernels and, when its build has them, a sigmoid (and the native
// addon divideInPlace, allFinite, addInto and sgdStep). The native addon
// also computes the messages' CRC-32 (the same function whatever kernels a
// process uses, so it is not tied to the kernel choice).

import { registerKernels } from '../math/kernels.js';
import { wasmAvailable, wasmLinearKernels, wasmSigmoidKernels } from './wasm/index.js';
import { useCrc32 } from '../wire/crc32.js';
import { nativeAllFinite, nativeCrc32, nativeDivide, nativeLinearKernels, nativeSgdKernels, nativeSigmoidKernels } from './native/native-kernels.js';

registerKernels('wasm', (dtype) => {
  const linear = wasmAvailable() ? wasmLinearKernels(dtype) : null;
  const sigmoid = linear ? wasmSigmoidKernels(dtype) : null;
  return linear && (sigmoid ? { ...linear, activations: { sigmoid } } : linear);
});
registerKernels('native', (dtype) => {
  const linear = nativeLinearKernels(dtype);
  if (!linear) return null;
  const sigmoid = nativeSigmoidKernels(dtype);
  const divideInPlace = nativeDivide(dtype);
  const allFinite = nativeAllFinite(dtype);
  return {
    ...linear, ...(sigmoid ? { activations: { sigmoid } } : {}), ...(divideInPlace ? { divideInPlace } : {}),
    ...(allFinite ? { allFinite } : {}), ...nativeSgdKernels(dtype),
  };
});

useCrc32(nativeCrc32());
