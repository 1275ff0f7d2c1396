// The WebAssembly kernels' sparse-input path (wasm/assembly/sparse.ts) on
// the shared cases: same bytes as the naive loops, dense wherever skipping
// zero products could change a bit. NaN and infinite inputs stay sparse:
// they are not zeros, so they stay in the sums.
import { wasmLinearKernels, wasmSparseRuns } from '../../lib/accel/wasm/index.js';
import { sparseCases } from '../math/sparse-cases.js';
import { ensureWasmBuilt } from './build.js';

ensureWasmBuilt();

sparseCases({ kernels: (dtype) => wasmLinearKernels(dtype)!, runs: () => wasmSparseRuns()!, nonFiniteInputs: 'sparse' });
