// The training loop, top to bottom. The same function drives the in-process
// trainer and the distributed coordinator; only the StepExecutor differs, so
// both reduce shard gradients the same way and produce the same bits. The
// executor interface and the in-process executor live here too; the
// distributed one is services/coordinator/redis-executor.ts.
//
// Per step: plan the batch -> shard gradients at version v (executor), as
// whole subtrees of the step's reduction tree -> add them along the tree
// (lib/math/pairwise-tree.ts) -> mean over the batch's real size -> SGD ->
// version v+1. Per epoch: evaluate on the test set and report.

import type { Float } from '../math/float.js';
import { DivergenceError } from '../errors.js';
import { kernelsOf } from '../math/kernels.js';
import { isTreeNode, treeReduce } from '../math/pairwise-tree.js';
import type { ModelContext } from './model-context.js';
import { Schedule, type StepPlan } from './plan.js';
import type { EpochMetrics } from '../wire/types.js';

/** Per-epoch record (the wire's EpochMetrics: what metrics.jsonl, models and checkpoints hold). */
export type { EpochMetrics };

// ---- Where shard gradients come from. The loop does not care whether they are
// computed in this process or by workers across machines; it only needs
// outcomes that cover every shard of the step it planned, each a whole
// subtree of the step's reduction tree (one shard, or a worker's group
// already added along the tree).

export interface ShardOutcome {
  /** The outcome covers shards [first, first + count) of the step: a node of its tree (lib/math/pairwise-tree.ts). */
  readonly first: number;
  readonly count: number;
  /**
   * The node's gradient: each shard's gradient summed over its samples in
   * order, the shards added along the tree. Valid until the next run() call;
   * the loop may add into it.
   */
  readonly gradient: Float;
  readonly samples: number;
  /** Per-sample errors summed within each shard, the shards added along the tree (float64). */
  readonly errorSum: number;
  readonly correct: number;
}

/**
 * Node (first, count) of a step's tree from outcomes that cover it with
 * whole subtrees: their gradients and error sums added along the tree. The
 * result's gradient is the leftmost outcome's buffer, added into. What the
 * loop does with a step's outcomes, and a worker with its group's shards.
 */
export function reduceOutcomes(outcomes: readonly ShardOutcome[], first: number, count: number, P: number): ShardOutcome {
  return treeReduce(outcomes.map((o) => ({ first: o.first, count: o.count, value: o })), first, count, (l, r) => {
    kernelsOf(l.gradient).addInto(l.gradient, r.gradient, P);
    return {
      first: l.first, count: l.count + r.count, gradient: l.gradient,
      samples: l.samples + r.samples, errorSum: l.errorSum + r.errorSum, correct: l.correct + r.correct,
    };
  });
}

/** How a run ended, for the executor to announce: workers exit on either. */
export type RunOutcome = 'finished' | 'failed' | 'stopped';

export interface StepExecutor {
  /** Processes that compute gradients (0 = this process, or not known yet). */
  readonly workers: number;
  /** How gradients are computed, for the run's banner: 'in-process' or 'distributed'. */
  readonly mode: 'in-process' | 'distributed';
  /** Gradients covering every shard of `plan` at `params` (weights version `version`), as whole subtrees, in shard order. */
  run(plan: StepPlan, params: Float, version: number): Promise<readonly ShardOutcome[]>;
  /**
   * Optional: the step after the coming run() (at weights version
   * `version`), which the executor may prepare during that run. Must not
   * change any result.
   */
  prefetch?(plan: StepPlan, version: number): void;
  /**
   * Releases what the executor holds (queues, connections) and, for a
   * distributed run, tells its workers how the run ended.
   */
  close(outcome: RunOutcome): Promise<void>;
}

// ---- The in-process executor: every shard computed in this process, one
// after another, with exactly the arithmetic a worker uses: each shard's sum
// from zero, in sample order. Two neighbours that make a node of the
// tree are added as soon as both exist (the node's value does not depend on
// when it is computed), so a step holds at most log2(shards) + 2 gradient
// buffers, which stay in cache, instead of one per shard.

export class InProcessExecutor implements StepExecutor {
  readonly workers = 0;
  readonly mode = 'in-process';
  private readonly free: Float[] = [];
  private readonly held: Float[] = [];

  /** The first shard of the step after the coming run(), from prefetch(): its rows are fetched during this step's last shard. */
  private nextFirst: Uint32Array | undefined;

  constructor(private readonly ctx: ModelContext) {}

  prefetch(plan: StepPlan): void {
    this.nextFirst = plan.shards[0]?.indices;
  }

  async run(plan: StepPlan, params: Float, version: number): Promise<readonly ShardOutcome[]> {
    const K = plan.shards.length;
    const weights = this.ctx.weightsFor(params, version);
    const P = this.ctx.paramCount;
    // The last step's buffers are free again: its outcomes were valid until this call.
    this.free.push(...this.held.splice(0));
    const stack: ShardOutcome[] = [];
    for (const [i, shard] of plan.shards.entries()) {
      const gradient = this.free.pop() ?? this.ctx.newParams();
      this.held.push(gradient);
      const next = i + 1 < K ? plan.shards[i + 1].indices : this.nextFirst;
      const { errorSum, correct } = this.ctx.shardGradient(weights, gradient, shard.indices, next);
      stack.push({ first: shard.index, count: 1, gradient, samples: shard.indices.length, errorSum, correct });
      for (;;) {
        const right = stack[stack.length - 1];
        const left = stack[stack.length - 2];
        if (!left || !isTreeNode(left.first, left.count + right.count, K)) break;
        stack.length -= 2;
        stack.push(reduceOutcomes([left, right], left.first, left.count + right.count, P));
        this.held.splice(this.held.indexOf(right.gradient), 1);
        this.free.push(right.gradient);
      }
    }
    return stack;
  }

  async close(): Promise<void> {}
}

// ---- The loop

export interface LoopState {
  params: Float;
  /** Weights version: the number of SGD steps applied so far. */
  version: number;
  /** Next epoch to run (its first step is version, when no --max-steps cut the last one short). */
  nextEpoch: number;
  history: EpochMetrics[];
  /** Accumulated training seconds and samples (for resumed runs too). */
  seconds: number;
  samples: number;
}

export interface LoopHooks {
  /** After each step; `errorSum` is the step's error summed over its samples. */
  onStep?(plan: StepPlan, stepsInEpoch: number, state: LoopState, errorSum: number): void | Promise<void>;
  onEpoch?(metrics: EpochMetrics, state: LoopState): void | Promise<void>;
}

export function initialState(ctx: ModelContext): LoopState {
  return { params: ctx.initialParams(), version: 0, nextEpoch: 0, history: [], seconds: 0, samples: 0 };
}

export async function trainLoop(ctx: ModelContext, executor: StepExecutor, state: LoopState, hooks: LoopHooks = {}): Promise<LoopState> {
  const { config, dataset } = ctx;
  const schedule = new Schedule(config.seed, ctx.trainCount, config.batchSize, config.shardSize, config.epochs, config.maxSteps);
  const perEpoch = schedule.perEpoch;
  const k = kernelsOf(state.params);
  const P = ctx.paramCount;
  /** The next step's plan, made one step early for the executor's prefetch. */
  let ahead: StepPlan | null = null;

  for (let epoch = state.nextEpoch; epoch < config.epochs; epoch++) {
    if (state.version >= schedule.totalSteps) break;
    const started = performance.now();
    let errorSum = 0;
    let correct = 0;
    let samples = 0;
    let steps = 0;
    for (let batch = 0; batch < perEpoch; batch++) {
      const plan = ahead ?? schedule.plan(epoch * perEpoch + batch); // ahead is always this step's plan
      if (!plan) break;
      // Let the executor queue the next step's work while this one runs.
      ahead = schedule.plan(plan.step + 1);
      if (ahead) executor.prefetch?.(ahead, state.version + 1);
      const outcomes = await executor.run(plan, state.params, state.version);
      const sum = reduceOutcomes(outcomes, 0, plan.shards.length, P);
      const stepErrorSum = sum.errorSum;
      errorSum += sum.errorSum;
      correct += sum.correct;
      k.sgdStep(state.params, sum.gradient, P, plan.size, config.eta);
      // A non-finite gradient, or a step too large for float range, leaves a non-finite parameter: stop
      // here, the same way in-process and distributed, before the step counts or anything is saved.
      if (!Number.isFinite(errorSum) || !k.allFinite(state.params, P)) throw new DivergenceError(plan.step, 'the parameters after the update');
      state.version++;
      samples += plan.size;
      steps++;
      await hooks.onStep?.(plan, perEpoch, state, stepErrorSum);
    }
    const seconds = (performance.now() - started) / 1000;
    const metrics: EpochMetrics = {
      epoch,
      trainError: errorSum / samples,
      trainAccuracy: correct / samples,
      testAccuracy: ctx.accuracy(state.params, dataset.test, config.testLimit),
      seconds,
      samplesPerSecond: samples / seconds,
      steps,
      samples,
    };
    state.history.push(metrics);
    state.seconds += seconds;
    state.samples += samples;
    state.nextEpoch = epoch + 1;
    await hooks.onEpoch?.(metrics, state);
  }
  return state;
}
