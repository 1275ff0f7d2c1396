// Computes every shard in this process, one after another, with exactly the
// arithmetic a worker uses: a zeroed buffer per shard, summed in sample order.

import type { Float } from '../math/float.js';
import type { ModelContext } from './model-context.js';
import type { StepPlan } from './plan.js';
import type { ShardOutcome, StepExecutor } from './step-executor.js';

export class InProcessExecutor implements StepExecutor {
  readonly workers = 0;
  readonly mode = 'in-process';
  private readonly buffers: Float[] = [];

  constructor(private readonly ctx: ModelContext) {}

  async run(plan: StepPlan, params: Float): Promise<readonly ShardOutcome[]> {
    return plan.shards.map((shard) => {
      const gradient = (this.buffers[shard.index] ??= this.ctx.newParams());
      gradient.fill(0);
      const { errorSum, correct } = this.ctx.shardGradient(params, gradient, shard.indices);
      return { gradient, samples: shard.indices.length, errorSum, correct };
    });
  }

  async close(): Promise<void> {}
}
