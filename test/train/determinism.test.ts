// The in-process trainer's reproducibility and correctness on the article's
// experiments.
import { describe, expect, it } from 'vitest';
import { prepareRun } from '../../lib/train/run-training.js';
import { InProcessExecutor, initialState, trainLoop } from '../../lib/train/train-loop.js';
import { paramsSha256 } from '../../lib/wire/tensors.js';
import type { ConfigFlags } from '../../lib/config.js';
import { epochOrder } from '../../lib/train/plan.js';

async function train(flags: ConfigFlags) {
  const run = prepareRun(flags);
  const state = await trainLoop(run.ctx, new InProcessExecutor(run.ctx), initialState(run.ctx));
  return { sha: paramsSha256(state.params), state };
}

describe('in-process training', () => {
  it('reaches test accuracy 1.0 on the parity preset', async () => {
    const { state } = await train({ preset: 'parity' });
    expect(state.history.at(-1)!.testAccuracy).toBe(1);
    expect(state.version).toBe(1000 * 88);
  });

  it.each(['float32', 'float64'])('gives the same bits for the same seed and different bits for another (%s)', async (dtype) => {
    const a = await train({ preset: 'parity', epochs: '20', dtype });
    const b = await train({ preset: 'parity', epochs: '20', dtype });
    const c = await train({ preset: 'parity', epochs: '20', dtype, seed: '1' });
    expect(a.sha).toBe(b.sha);
    expect(c.sha).not.toBe(a.sha);
  });

  it('changes the bits when the shard size changes (summation order), and only then', async () => {
    const base = await train({ preset: 'parity', epochs: '20', batchSize: '32', shardSize: '8' });
    const same = await train({ preset: 'parity', epochs: '20', batchSize: '32', shardSize: '8' });
    const other = await train({ preset: 'parity', epochs: '20', batchSize: '32', shardSize: '3' });
    expect(same.sha).toBe(base.sha);
    expect(other.sha).not.toBe(base.sha);
  });

  it('divides a short last batch by its real size, not the configured one', async () => {
    // 3 samples in batches of 2: a full batch, then a batch of one. Replay the
    // two updates by hand and compare bits with the loop.
    const flags = { preset: 'parity', epochs: '1', batchSize: '2', shardSize: '2', trainLimit: '3', dtype: 'float64' };
    const { state } = await train(flags);
    const { ctx, config } = prepareRun(flags);
    const order = epochOrder(config.seed, 0, 3);
    const p = ctx.initialParams();
    for (const [version, batch] of [order.subarray(0, 2), order.subarray(2, 3)].entries()) {
      const g = ctx.newParams();
      ctx.shardGradient(ctx.weightsFor(p, version), g, batch);
      for (let i = 0; i < p.length; i++) p[i] -= config.eta * (g[i] / batch.length);
    }
    expect(paramsSha256(state.params)).toBe(paramsSha256(p));
  });

  it('reaches test accuracy >= 0.93 on MNIST within 2 epochs of the mnist preset', async () => {
    const { state } = await train({ preset: 'mnist', epochs: '2' });
    expect(state.history.at(-1)!.testAccuracy).toBeGreaterThanOrEqual(0.93);
  });
});
