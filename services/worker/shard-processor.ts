// Turns one shard job into as few results as the step's reduction tree
// allows: each shard's gradient summed over its samples (in order) at the
// job's weights version, the job's shards added along the tree into whole
// subtrees (lib/math/pairwise-tree.ts), one ShardResult per subtree (one for
// a tree-aligned group) pushed onto the run's done list, all of a job's
// results in one push. Deterministic, so a job run twice pushes the same
// numbers, and the coordinator keeps the first copy of each shard.

import { UnrecoverableError, WaitingError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../lib/log.js';
import type { Float } from '../../lib/math/float.js';
import type { ModelContext } from '../../lib/train/model-context.js';
import { treeBlocks } from '../../lib/math/pairwise-tree.js';
import { reduceOutcomes, type ShardOutcome } from '../../lib/train/train-loop.js';
import { AuthError, WireError } from '../../lib/errors.js';
import { sendChunked } from '../../lib/redis/chunked-command.js';
import { errorMessage } from '../../lib/wire/fields.js';
import type { RunKeys } from '../../lib/redis/keys.js';
import { encodeShardFailure, encodeShardResultParts, parseJobToken, parseShardJobData, type ShardJobData } from '../step-protocol.js';
import type { LeaseKeys } from './lease-keys.js';
import type { WeightsCache } from './weights-cache.js';

export interface ShardProcessorOptions {
  redis: Redis;
  keys: RunKeys;
  ctx: ModelContext;
  weights: WeightsCache;
  /** The run's keys: jobs are opened and results sealed with them. */
  lease: LeaseKeys;
  workerName: string;
  log: Logger;
  /** How long a job waits for weights of a step not started yet before it is given back (default 2 s). */
  patienceMs?: number;
  /** This machine's name, sent with each result for the coordinator's per-worker totals. */
  host?: string;
  /** Counts shards, compute time, jobs given back and errors (services/worker/metrics.ts); absent when metrics are off. */
  metrics?: ShardMetrics;
}

/** What the processor reports to the worker's metrics. */
export interface ShardMetrics {
  computed(seconds: number): void;
  gaveBack(): void;
  error(kind: 'job-failed' | 'job-dropped'): void;
}

/** What became of a job: results pushed, a step the run has left behind, not this run's job at all, or failed for good (reported). */
export type ShardOutcomeKind = 'stored' | 'stale' | 'dropped' | 'failed';

/** Tries a list's job gets in its worker before it is reported failed (BullMQ's jobs get as many: the coordinator's attempts). */
const LIST_ATTEMPTS = 3;

/** Bytes of a job token besides its sample indices: the seal and the JSON's other fields, generously. */
const MAX_TOKEN_OVERHEAD = 4096;

export class ShardProcessor {
  /**
   * Gradient buffers not in use. A result is sent straight from its buffer
   * (no copy), so a buffer stays taken until Redis has answered the push;
   * each shard of a job, and a second job running meanwhile (BullMQ
   * concurrency > 1), takes another.
   */
  private readonly freeGradients: Float[] = [];
  private readonly trainCount: number;
  private readonly maxSamples: number;
  private readonly maxShards: number;
  private readonly patienceMs: number;
  /** When the last job's process() returned: the gap to the next one is BullMQ's (complete, fetch the next, lock). */
  private lastEnd = -1;
  /** A flood of junk on the jobs list is said every few seconds, with a count, not once per value. */
  private droppedSince = 0;
  private droppedSaidAt = -Infinity;

  constructor(private readonly o: ShardProcessorOptions) {
    const { config } = o.ctx;
    this.trainCount = o.ctx.trainCount;
    this.maxSamples = Math.min(config.shardSize, config.batchSize);
    this.maxShards = Math.ceil(config.batchSize / this.maxSamples);
    this.patienceMs = o.patienceMs ?? 2000;
  }

  /** BullMQ processor (dispatch 'bullmq'). */
  readonly process = async (job: Job<ShardJobData>, token?: string): Promise<ShardOutcomeKind> => {
    const entered = performance.now();
    const data = await this.authentic(job);
    if (!data) return 'dropped';
    const outcome = await this.compute(data, entered, this.patienceMs);
    if (outcome === 'later') {
      // Queued a step early, and that step is slow to finish: perhaps one of
      // its jobs is being retried and needs this worker. Give the job back
      // (not counted as an attempt) and take the next: by priority, a job of
      // an earlier step if there is one, else this one again.
      await job.moveToWait(token);
      this.o.metrics?.gaveBack();
      throw new WaitingError();
    }
    return outcome;
  };

  /**
   * A job popped from the run's jobs list (dispatch 'list'): computed when it
   * is an authentic job of the run, else dropped. A job that fails
   * LIST_ATTEMPTS times is reported to the coordinator, which fails the step.
   */
  async take(token: Buffer): Promise<{ outcome: ShardOutcomeKind; shards: number }> {
    const entered = performance.now();
    const data = await this.authenticToken(token);
    if (!data) return { outcome: 'dropped', shards: 0 };
    for (let attempt = 1; ; attempt++) {
      try {
        // Its weights went out before it (the same write). Weights that do not come within
        // patience (the run closed, Redis emptied) drop the job: a step still waiting for it re-sends it.
        const outcome = await this.compute(data, entered, this.patienceMs);
        return { outcome: outcome === 'later' ? 'stale' : outcome, shards: data.shards.length };
      } catch (e) {
        if (attempt < LIST_ATTEMPTS) {
          this.o.log.warn({ step: data.step, shards: data.shards.map((s) => s.shard), attempt, err: errorMessage(e) }, 'shard job failed: trying again');
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        this.o.metrics?.error('job-failed');
        await this.reportFailure(data, e).catch((err: unknown) => this.o.log.error({ err }, 'could not report a failed job'));
        return { outcome: 'failed', shards: 0 };
      }
    }
  }

  /**
   * The gradients of a job's shards at its version, pushed as results; 'stale'
   * when the run is past that version, 'later' when the version has not come
   * within `patienceMs`.
   */
  private async compute(data: ShardJobData, entered: number, patienceMs: number): Promise<ShardOutcomeKind | 'later'> {
    const { step, version, shards, shardsInStep } = data;
    const { keys, redis, ctx } = this.o;
    const fetched = performance.now();
    const params = await this.o.weights.get(version, patienceMs);
    if (params === 'stale') return 'stale'; // a copy of a job whose step the coordinator has left behind
    if (params === 'later') return 'later';
    const started = performance.now();
    let computed = started;
    let sealed = started;
    const taken: Float[] = [];
    const seconds = new Map<number, number>();
    try {
      const weights = ctx.weightsFor(params, version);
      // Typed indices: the native gather reads them in place, and prefetches only from them.
      const rows = shards.map((s) => Uint32Array.from(s.indices));
      const leaves = shards.map(({ shard, indices }, i): ShardOutcome => {
        const gradient = this.freeGradients.pop() ?? ctx.newParams();
        taken.push(gradient);
        const shardStarted = performance.now();
        // The job's next shard's rows are fetched while this one computes, as in-process.
        const stats = ctx.shardGradient(weights, gradient, rows[i], rows[i + 1]);
        const computeSeconds = (performance.now() - shardStarted) / 1000;
        this.o.metrics?.computed(computeSeconds);
        seconds.set(shard, computeSeconds);
        return { first: shard, count: 1, gradient, samples: indices.length, errorSum: stats.errorSum, correct: stats.correct };
      });
      computed = performance.now();
      const results = subtrees(leaves, shardsInStep, ctx.paramCount).map((r) => this.o.lease.seal.seal('result', encodeShardResultParts({
        runId: keys.runId, step, shard: r.first, shardCount: r.count, version, samples: r.samples,
        errorSum: r.errorSum, correct: r.correct, gradient: r.gradient, worker: this.o.workerName,
        // Monitoring: the time spent on the shards this subtree covers.
        computeSeconds: range(r.first, r.count).reduce((t, s) => t + (seconds.get(s) ?? 0), 0), host: this.o.host,
      })));
      sealed = performance.now();
      await sendChunked(redis, 'rpush', [keys.done, ...results]);
    } finally {
      this.freeGradients.push(...taken);
    }
    const ms = (a: number, b: number) => +(b - a).toFixed(3);
    // Where a job's time goes: waiting for its weights (the step before it), computing and encoding, pushing the results.
    // Built only when it will be written: this runs once per job.
    if (this.o.log.isLevelEnabled('debug')) this.o.log.debug({
      step, shards: shards.map((s) => s.shard), version, samples: shards.reduce((n, s) => n + s.indices.length, 0),
      openJobMs: ms(entered, fetched), weightsMs: ms(fetched, started), computeMs: ms(started, computed), sealMs: ms(computed, sealed), weightsOpenMs: +this.o.weights.lastOpenMs.toFixed(3),
      pushMs: ms(sealed, performance.now()), ...(this.lastEnd >= 0 ? { bullGapMs: ms(this.lastEnd, entered) } : {}),
    }, 'shard');
    this.lastEnd = performance.now();
    return 'stored';
  }

  /**
   * BullMQ 'failed' handler: a job that used its last attempt will never
   * answer, so the coordinator is told at once rather than after its step
   * timeout.
   */
  readonly onFailed = (job: Job | undefined, err: Error): void => {
    if (!job || err instanceof UnrecoverableError) return;
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return; // BullMQ will retry it
    this.o.metrics?.error('job-failed');
    this.authentic(job).then((data) => data && this.reportFailure(data, err))
      .catch((e: unknown) => this.o.log.error({ err: e }, 'could not report a failed job'));
  };

  /**
   * The job's data when it is well-formed and sealed by the run's
   * coordinator; null (logged) otherwise. Such a job is completed without
   * work and never reported: a stranger's job must not fail a step.
   */
  private async authentic(job: Job): Promise<ShardJobData | null> {
    const what = `job ${job.id}`;
    try {
      const data = parseShardJobData(job.data, this.trainCount, this.maxSamples, this.maxShards, what);
      await this.o.lease.openJob(data, what);
      return data;
    } catch (e) {
      if (!(e instanceof WireError || e instanceof AuthError)) throw e;
      this.o.metrics?.error('job-dropped');
      this.o.log.warn({ job: job.id, err: e.message }, 'dropped a job that is not this run\'s');
      return null;
    }
  }

  /** The job in a list's token when it opens under the run's keys and is well-formed; null (logged) otherwise. */
  private async authenticToken(token: Buffer): Promise<ShardJobData | null> {
    const what = 'a job from the jobs list';
    try {
      // Bounded before it is authenticated: a job names at most maxShards x maxSamples indices (each under 12 bytes of JSON).
      if (token.byteLength > MAX_TOKEN_OVERHEAD + this.maxShards * this.maxSamples * 12) throw new WireError(what, `is ${token.byteLength} bytes, more than a job of this run can be`);
      return parseJobToken(await this.o.lease.open('job', token, what), this.trainCount, this.maxSamples, this.maxShards, what);
    } catch (e) {
      if (!(e instanceof WireError || e instanceof AuthError)) throw e;
      this.o.metrics?.error('job-dropped');
      this.warnDropped({ bytes: token.byteLength, err: e.message });
      return null;
    }
  }

  private warnDropped(detail: Record<string, unknown>): void {
    this.droppedSince++;
    const now = performance.now();
    if (now - this.droppedSaidAt < 5000) return;
    this.o.log.warn({ ...detail, dropped: this.droppedSince }, 'dropped a job that is not this run\'s');
    this.droppedSaidAt = now;
    this.droppedSince = 0;
  }

  private async reportFailure(data: ShardJobData, e: unknown): Promise<void> {
    const reason = errorMessage(e);
    this.o.log.error({ step: data.step, shards: data.shards.map((s) => s.shard), err: reason }, 'shard job failed for good');
    // One notice per shard the job names: the coordinator fails the step on the first of its step.
    const { runId } = this.o.keys;
    const notices = data.shards.map(({ shard }) => Buffer.concat(this.o.lease.seal.seal('failure', [
      encodeShardFailure({ runId, step: data.step, shard, reason, worker: this.o.workerName }),
    ])));
    await this.o.redis.rpush(this.o.keys.failed, ...notices);
  }
}

/**
 * A job's shard outcomes (increasing shard order) added into whole subtrees
 * of the step's tree: each run of consecutive shards cut by treeBlocks, each
 * block added along the tree into its leftmost shard's buffer.
 */
export function subtrees(leaves: readonly ShardOutcome[], shardsInStep: number, P: number): ShardOutcome[] {
  const out: ShardOutcome[] = [];
  for (let i = 0; i < leaves.length;) {
    let j = i + 1;
    while (j < leaves.length && leaves[j].first === leaves[j - 1].first + 1) j++;
    const run = leaves.slice(i, j);
    for (const b of treeBlocks(run[0].first, run[0].first + run.length, shardsInStep)) {
      const inBlock = run.slice(b.first - run[0].first, b.first - run[0].first + b.count);
      out.push(reduceOutcomes(inBlock, b.first, b.count, P));
    }
    i = j;
  }
  return out;
}

/** first, first + 1, ..., first + count - 1. */
function range(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}
