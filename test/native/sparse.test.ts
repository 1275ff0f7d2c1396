// The native kernels' sparse-input path (native/sparse.h) on the shared
// cases, on every path the CPU runs (AVX-512, AVX2, portable C): same bytes
// as the naive loops, dense wherever skipping zero products could change a
// bit. NaN and infinite inputs stay in the sums on the x86 paths, whose
// operand order is fixed (fixed_ops.h); the portable C path runs dense then
// (C leaves the operand order, and so which of two NaNs survives, open).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  nativeAvailable, nativeBestPath, nativeLinearKernels, nativePath, nativeSparseMode, nativeSparseRuns, setNativePath, type NativePath,
} from '../../lib/accel/native/native-kernels.js';
import { sparseCases } from '../math/sparse-cases.js';
import { expectBackwardLikeNaive, randomArray } from '../math/helpers.js';

const available = nativeAvailable();
const PATHS: NativePath[] = ['avx512', 'avx2', 'portable'];

describe.skipIf(!available)('native sparse-input path', () => {
  const runnable = available ? PATHS.filter((p) => setNativePath(p)) : [];
  const best = available ? nativeBestPath() : null;
  // These cases count sparse calls: sparse whenever its checks pass, not
  // whichever path the tuner found faster on this machine (tune.test.ts).
  beforeAll(() => {
    nativeSparseMode('always');
  });
  afterAll(() => {
    if (best) setNativePath(best);
    nativeSparseMode('auto');
  });

  describe.each(PATHS.filter((p) => runnable.includes(p)))('path %s', (path) => {
    beforeAll(() => {
      setNativePath(path);
    });
    it('is the path in use', () => {
      expect(nativePath()).toBe(path);
    });
    sparseCases({ kernels: (dtype) => nativeLinearKernels(dtype)!, runs: () => nativeSparseRuns()!, nonFiniteInputs: path === 'portable' ? 'dense' : 'sparse' });

    it('runs dW dense once dW transposed would pass 1 MB (it would not stay in the cache), and sparse up to it', () => {
      const [B, C] = [4, 784];
      const inp = randomArray('float32', B * C, 51).map((x, i) => (i % 8 === 0 ? x : 0)); // 12.5 % nonzero
      for (const [OC, runs] of [[334, 1], [335, 0]] as const) { // 784 * 334 * 4 = 1,047,424 bytes; 335: 1,050,560 > 2^20
        const before = nativeSparseRuns()!;
        expectBackwardLikeNaive(nativeLinearKernels('float32')!, 'float32', inp, randomArray('float32', OC * C, 52), randomArray('float32', B * OC, 53),
          randomArray('float32', OC * C, 54), randomArray('float32', OC, 55), B, C, OC, null);
        expect(nativeSparseRuns()! - before, `OC=${OC}`).toBe(runs);
      }
    });
  });
});
