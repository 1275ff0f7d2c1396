// The bits, pinned. These SHA-256 values are the parameters after fixed runs,
// computed once and written down: a change that is not meant to change the
// arithmetic (a refactor, a faster kernel, a new transport) must leave every
// one of them alone, for every kernel set this machine can run. The contract
// tests (test/distributed) check that any worker count gives the in-process
// bits; this file checks that the in-process bits themselves do not move.
// The presets' steps have 1 or 2 shards, where the pairwise tree
// (lib/math/pairwise-tree.ts) adds the same way as the running sum it
// replaced; the batches of 7 and 8 shards pin the tree itself (under the
// running sum they gave 69f9cfb5..., 737afa39... and 24784f4f...).
import { afterAll, describe, expect, it } from 'vitest';
import '../../lib/accel/register.js';
import { activeKernels, KERNEL_IMPLS, kernelsAvailable, selectKernels, type KernelImpl } from '../../lib/math/kernels.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { InProcessExecutor, initialState, trainLoop } from '../../lib/train/train-loop.js';
import { paramsSha256 } from '../../lib/wire/tensors.js';
import type { ConfigFlags } from '../../lib/config.js';

const PINNED: { name: string; flags: ConfigFlags; sha256: string }[] = [
  { name: 'parity float32, 20 epochs', flags: { preset: 'parity', epochs: '20', dtype: 'float32' }, sha256: '71c6344ad4bea621d61dc3efd117e05976be111f21964920ce0dc5f694bfae78' },
  { name: 'parity float64, 20 epochs', flags: { preset: 'parity', epochs: '20', dtype: 'float64' }, sha256: '6dc01c9dc2b7707af122c3e89f7ed972f6d459c84112ff507bf86d10de1e915e' },
  { name: 'mnist float32, 200 steps', flags: { preset: 'mnist', maxSteps: '200', testLimit: '100', dtype: 'float32' }, sha256: '96fb1041c9643bb0243a40a6b837dc7f7fdc62143698aeeae0ec45ab674f76c8' },
  { name: 'mnist float64, 200 steps', flags: { preset: 'mnist', maxSteps: '200', testLimit: '100', dtype: 'float64' }, sha256: '7a31b06c697332a2922ee5acb55715d4c083ae6602bf6fa275b5e34acb6c133a' },
  { name: 'mnist float32, batch 256 in 8 shards, 60 steps', flags: { preset: 'mnist', batchSize: '256', maxSteps: '60', testLimit: '100', dtype: 'float32' }, sha256: 'db615ff6143aace1742a1362cef7e2c306366c40861f4e8aad0ca38d5f30c0f6' },
  { name: 'mnist float32, batch 224 in 7 shards, 60 steps', flags: { preset: 'mnist', batchSize: '224', maxSteps: '60', testLimit: '100', dtype: 'float32' }, sha256: '0000a4cf7a624eb0b5a4cf965c38fc03730c54fc75da1ae5525086e0969d289f' },
  { name: 'mnist float64, batch 256 in 8 shards, 60 steps', flags: { preset: 'mnist', batchSize: '256', maxSteps: '60', testLimit: '100', dtype: 'float64' }, sha256: '043b682cfdadf554576291799d0e4c19387f4615f743563c5d8fa2c4556fba78' },
];

async function sha(flags: ConfigFlags): Promise<string> {
  const run = prepareRun(flags);
  const state = await trainLoop(run.ctx, new InProcessExecutor(run.ctx), initialState(run.ctx));
  return paramsSha256(state.params);
}

const before = activeKernels();
afterAll(() => selectKernels(before));

// The naive kernels are the fast ones' reference (test/math), too slow to train MNIST here.
const SETS = KERNEL_IMPLS.filter((k) => k !== 'naive');
const available = SETS.filter((k) => kernelsAvailable(k));
const missing = SETS.filter((k) => !available.includes(k));
if (missing.length) console.warn(`pinned hashes: kernel sets not available here, not checked: ${missing.join(', ')}`);

describe.each(available as KernelImpl[])('pinned parameter hashes with %s kernels', (impl) => {
  it.each(PINNED)('$name', async ({ flags, sha256 }) => {
    selectKernels(impl);
    expect(await sha(flags)).toBe(sha256);
  });
});

// The native addon picks sparse or dense per shape by timing both on this
// machine (native/tune.h), so the run above took whichever won here. Both
// fixed, on the MNIST pins (the ones with zero inputs), so each path's bits
// are pinned in a whole run whatever this CPU prefers.
describe.skipIf(!available.includes('native'))('pinned parameter hashes with native kernels, each sparse mode', () => {
  const mnist = PINNED.filter((p) => p.flags.preset === 'mnist' && p.flags.dtype === 'float32');
  for (const mode of ['always', 'never'] as const) {
    it.each(mnist)(`sparse ${mode}: $name`, async ({ flags, sha256 }) => {
      const { nativeSparseMode } = await import('../../lib/accel/native/native-kernels.js');
      selectKernels('native');
      nativeSparseMode(mode);
      try {
        expect(await sha(flags)).toBe(sha256);
      } finally {
        nativeSparseMode('auto');
      }
    });
  }
});
