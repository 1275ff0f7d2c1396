// The training loop, top to bottom. The same function drives the in-process
// trainer and the distributed coordinator; only the StepExecutor differs, so
// both reduce shard gradients the same way and produce the same bits.
//
// Per step: plan the batch -> shard gradients at version v (executor) ->
// add them in shard order -> mean over the batch's real size -> SGD ->
// version v+1. Per epoch: evaluate on the test set and report.

import type { Float } from '../math/float.js';
import { kernelsOf } from '../math/kernels.js';
import type { ModelContext } from './model-context.js';
import { Schedule, type StepPlan } from './plan.js';
import type { StepExecutor } from './step-executor.js';
import type { EpochMetrics } from '../wire/types.js';

/** Per-epoch record (the wire's EpochMetrics: what metrics.jsonl, models and checkpoints hold). */
export type { EpochMetrics };

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
  onStep?(plan: StepPlan, stepsInEpoch: number, state: LoopState): void | Promise<void>;
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
  const grad = ctx.newParams();
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
      grad.fill(0);
      for (const o of outcomes) {
        k.addInto(grad, o.gradient, P);
        errorSum += o.errorSum;
        correct += o.correct;
      }
      k.sgdStep(state.params, grad, P, plan.size, config.eta);
      state.version++;
      samples += plan.size;
      steps++;
      await hooks.onStep?.(plan, perEpoch, state);
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
