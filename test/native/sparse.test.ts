// The native kernels' sparse-input path (native/sparse.h) on the shared
// cases, on every path the CPU runs (AVX-512, AVX2, portable C): same bytes
// as the naive loops, dense wherever skipping zero products could change a
// bit. NaN and infinite inputs stay in the sums on the x86 paths, whose
// operand order is fixed (fixed_ops.h); the portable C path runs dense then
// (C leaves the operand order, and so which of two NaNs survives, open).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  nativeAvailable, nativeBestPath, nativeLinearKernels, nativePath, nativeSparseRuns, setNativePath, type NativePath,
} from '../../lib/accel/native/native-kernels.js';
import { sparseCases } from '../math/sparse-cases.js';

const available = nativeAvailable();
const PATHS: NativePath[] = ['avx512', 'avx2', 'portable'];

describe.skipIf(!available)('native sparse-input path', () => {
  const runnable = available ? PATHS.filter((p) => setNativePath(p)) : [];
  const best = available ? nativeBestPath() : null;
  afterAll(() => {
    if (best) setNativePath(best);
  });

  describe.each(PATHS.filter((p) => runnable.includes(p)))('path %s', (path) => {
    beforeAll(() => {
      setNativePath(path);
    });
    it('is the path in use', () => {
      expect(nativePath()).toBe(path);
    });
    sparseCases({ kernels: (dtype) => nativeLinearKernels(dtype)!, runs: () => nativeSparseRuns()!, nonFiniteInputs: path === 'portable' ? 'dense' : 'sparse' });
  });
});
