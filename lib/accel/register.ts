// Registers the accelerated kernel implementations with the math layer.
// Imported for its effect by every entry point (CLI, benchmarks, tests that
// want them); the math layer itself never touches files.

import { registerKernels } from '../math/kernels.js';
import { wasmAvailable, wasmLinearKernels } from './wasm/index.js';
import { nativeLinearKernels } from './native/native-kernels.js';

registerKernels('wasm', (dtype) => (wasmAvailable() ? wasmLinearKernels(dtype) : null));
registerKernels('native', (dtype) => nativeLinearKernels(dtype));
