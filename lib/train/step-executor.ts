// Where shard gradients come from. The training loop does not care whether
// they are computed in this process or by workers across machines; it only
// needs every shard's outcome, in shard order, for the step it planned.

import type { Float } from '../math/float.js';
import type { StepPlan } from './plan.js';

export interface ShardOutcome {
  /** Gradient summed over the shard's samples, in order. Valid until the next run() call. */
  readonly gradient: Float;
  readonly samples: number;
  readonly errorSum: number;
  readonly correct: number;
}

export interface StepExecutor {
  /** Processes that compute gradients (0 = this process, or not known yet). */
  readonly workers: number;
  /** How gradients are computed, for the run's banner: 'in-process' or 'distributed'. */
  readonly mode: 'in-process' | 'distributed';
  /** Gradients of every shard of `plan` at `params` (weights version `version`), in shard order. */
  run(plan: StepPlan, params: Float, version: number): Promise<readonly ShardOutcome[]>;
  /**
   * Optional: the step after the coming run() (at weights version
   * `version`), which the executor may prepare during that run. Must not
   * change any result.
   */
  prefetch?(plan: StepPlan, version: number): void;
  /** Releases what the executor holds (queues, processes). */
  close(): Promise<void>;
}
