// The distributed StepExecutor: one step of data-parallel SGD through Redis.
//
//   1. broadcast weights v: PUBLISH, then SET weights:v and SET version
//      (written together in one system call, the weights never copied), so
//      subscribed workers get them pushed first and late joiners can GET them;
//   2. the step's shard jobs are normally in the queue already, enqueued
//      during the previous step (prefetch; job id = step + first shard, so
//      re-adding is a no-op); workers already hold them and wait for v. The
//      next step's jobs are enqueued once Redis has answered the broadcast.
//      A job carries one or more consecutive shards (lib/train/job-groups.ts):
//      by default as many as make one job per worker;
//   3. workers RPUSH their ShardResult bytes onto the run's done list; the
//      coordinator pops them with BLMPOP (the results and the notice in one
//      round trip, all that are waiting at once), drops
//      duplicates and stale steps, validates each (run, step, shard, version,
//      sample count, checksum, finite values) and returns them in shard order.
// Nothing is applied until every shard of the step has passed validation.

import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ShardFailedError, StepTimeoutError, WireError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { Float } from '../../lib/math/float.js';
import { kernelsOf } from '../../lib/math/kernels.js';
import { sendChunked } from '../../lib/redis/chunked-command.js';
import type { RunKeys } from '../../lib/redis/keys.js';
import type { ModelContext } from '../../lib/train/model-context.js';
import type { StepPlan } from '../../lib/train/plan.js';
import type { RunOutcome, ShardOutcome, StepExecutor } from '../../lib/train/train-loop.js';
import {
  autoShardsPerJob, decodeShardFailure, decodeShardResult, encodeWeightsSnapshotParts, shardJobs,
  type ShardFailure, type ShardJobData, type ShardResult, type TensorExpectation,
} from '../step-protocol.js';

export interface RedisExecutorOptions {
  redis: Redis;
  /** A dedicated connection for BLPOP (a blocked connection cannot serve other commands). */
  blocking: Redis;
  queue: Queue<ShardJobData>;
  keys: RunKeys;
  ctx: ModelContext;
  log: Logger;
  /** Worker processes started for this run, when known (dpt train); 0 = count those that answer. */
  workers: number;
  /** Shards per queue job; 'auto' (the default): ceil(shards / workers), one per job while no worker is known. */
  shardsPerJob?: number | 'auto';
  /** Expiry of per-step blobs (weights, results): a crashed coordinator leaves nothing for long. */
  blobTtlMs?: number;
  /** Give up on a step when no result arrives for this long. */
  stepTimeoutMs?: number;
  /** Aborts a waiting step (e.g. every local worker process died). */
  signal?: AbortSignal;
  /** Runs last in close(): what the opener of the run must release (services/coordinator/coordinator.ts). */
  onClose?: (outcome: RunOutcome) => Promise<void>;
}

export class RedisExecutor implements StepExecutor {
  readonly mode = 'distributed';
  private readonly seen = new Set<string>();
  private readonly blobTtlMs: number;
  private readonly stepTimeoutMs: number;
  private lastWeightsKey: string | null = null;
  /** Until the server says otherwise (Redis < 7). */
  private hasBlmpop = true;
  /** The step whose jobs are (being) enqueued ahead of its weights: at most one, the next. */
  private queuedAhead: { step: number; done: Promise<void> } | null = null;
  /** The last enqueue started: the next one waits for it, so jobs reach the queue step by step. */
  private enqueueChain: Promise<unknown> = Promise.resolve();
  /** The step after the next run(), given by prefetch(). */
  private next: { plan: StepPlan; version: number } | null = null;
  /** What every gradient must be: the run's dtype and parameter count. */
  private readonly expect: TensorExpectation;

  constructor(private readonly o: RedisExecutorOptions) {
    this.expect = { dtype: o.ctx.config.dtype, paramCount: o.ctx.paramCount };
    this.blobTtlMs = o.blobTtlMs ?? 10 * 60_000;
    this.stepTimeoutMs = o.stepTimeoutMs ?? 5 * 60_000;
  }

  /** Workers started for the run, or else the number of distinct workers that returned results. */
  get workers(): number {
    return this.o.workers || this.seen.size;
  }

  /**
   * The step after the coming run(): its jobs are enqueued during that run,
   * once the broadcast is answered, so a worker finishing a job of this step
   * fetches its next job in the same call and waits for the weights with it
   * in hand. Workers serve older steps first (job priority), and a job
   * whose weights are slow to come is given back (shard-processor.ts).
   */
  prefetch(plan: StepPlan, version: number): void {
    this.next = { plan, version };
  }

  async run(plan: StepPlan, params: Float, version: number): Promise<readonly ShardOutcome[]> {
    const { redis, keys } = this.o;
    const started = performance.now();
    // The snapshot goes out twice (stored for late joiners, pushed to subscribers) without being
    // copied: its parts view `params`, which the loop changes only after this step's results are in.
    const snapshot = encodeWeightsSnapshotParts({ runId: keys.runId, version, params });
    const ttl = String(this.blobTtlMs);
    const sent: Promise<unknown>[] = [
      sendChunked(redis, 'publish', [keys.weightsChannel, snapshot]),
      sendChunked(redis, 'set', [keys.weights(version), snapshot, 'PX', ttl]),
      redis.set(keys.version, version, 'PX', this.blobTtlMs),
      redis.pexpire(keys.done, this.blobTtlMs),
    ];
    // The previous version is consumed: drop it now rather than wait for expiry.
    if (this.lastWeightsKey) sent.push(redis.unlink(this.lastWeightsKey));
    // This step's jobs, when they are not queued yet (the first step), go
    // right behind the broadcast; a job may reach a worker before or after
    // its weights: it waits for its version.
    const mine = this.queuedAhead?.step === plan.step ? this.queuedAhead.done : this.enqueueInOrder(plan, version);
    this.queuedAhead = null;
    const next = this.next && this.next.plan.step !== plan.step ? this.next : null;
    this.next = null;
    await Promise.all(sent);
    this.lastWeightsKey = keys.weights(version);
    const published = performance.now();
    // The next step's jobs once Redis has answered the broadcast, not in the
    // same breath: Redis sends what it owes subscribers only after running
    // everything it read in one go, and BullMQ's add scripts are costly in
    // Redis time (bench/README.md). Sent together, they held the weights back.
    if (next) this.queuedAhead = { step: next.plan.step, done: this.enqueueInOrder(next.plan, next.version) };
    await mine;
    const enqueued = performance.now();
    const outcomes = await this.collect(plan, version);
    const ms = (a: number, b: number) => +(b - a).toFixed(3);
    // Built only when it will be written: this runs once per step.
    if (this.o.log.isLevelEnabled('debug')) this.o.log.debug({
      step: plan.step, shards: plan.shards.length, publishMs: ms(started, published), enqueueMs: ms(published, enqueued),
      collectMs: ms(enqueued, performance.now()), ms: ms(started, performance.now()),
    }, 'step');
    return outcomes;
  }

  /** Starts enqueueing after every earlier enqueue; the step that needs the jobs awaits the result. */
  private enqueueInOrder(plan: StepPlan, version: number): Promise<void> {
    const task = this.enqueueChain.then(() => this.enqueue(plan, version));
    // The chain's handler also marks `task` handled: a failure must not crash
    // the process (unhandled rejection) while the loop is busy elsewhere (e.g.
    // writing a checkpoint); it surfaces when the step that needs these jobs awaits them.
    this.enqueueChain = task.catch(() => {});
    return task;
  }

  private async enqueue(plan: StepPlan, version: number): Promise<void> {
    const wanted = this.o.shardsPerJob ?? 'auto';
    const perJob = wanted === 'auto' ? autoShardsPerJob(plan.shards.length, this.workers) : wanted;
    await this.o.queue.addBulk(shardJobs(plan, version, perJob));
  }

  /** Blocks until every shard of the step has a valid result; returns them in shard order. */
  private async collect(plan: StepPlan, version: number): Promise<ShardOutcome[]> {
    const { keys } = this.o;
    const outcomes: (ShardOutcome | undefined)[] = new Array(plan.shards.length);
    let missing = plan.shards.length;
    let lastProgress = performance.now();
    let warnedAt = 0;
    while (missing > 0) {
      if (this.o.signal?.aborted) throw this.o.signal.reason instanceof Error ? this.o.signal.reason : new Error('aborted');
      const reply = await this.pop(missing);
      if (reply === null) {
        const waited = performance.now() - lastProgress;
        const pending = plan.shards.filter((s) => !outcomes[s.index]).map((s) => s.index);
        if (waited > this.stepTimeoutMs) throw new StepTimeoutError(plan.step, pending, waited);
        if (waited - warnedAt >= 10_000) {
          warnedAt = waited;
          this.o.log.warn({ step: plan.step, missing: pending }, 'waiting for workers');
        }
        continue;
      }
      const [key, values] = reply;
      const failures = key.toString() === keys.failed;
      for (const value of values) {
        if (failures) {
          this.failure(plan, value);
          continue;
        }
        const r = decodeShardResult(value, this.expect);
        // A late duplicate of an earlier step, or a second copy of a shard already in hand.
        if (r.step !== plan.step || r.shard >= plan.shards.length || outcomes[r.shard]) continue;
        outcomes[r.shard] = this.validate(plan, version, r);
        missing--;
        lastProgress = performance.now();
      }
    }
    return outcomes as ShardOutcome[];
  }

  /**
   * Waits up to a second for results (or failure notices) and takes up to
   * `count` of them in one round trip: BLMPOP (Redis 7) pops every result
   * already waiting, where BLPOP took one per round trip. Servers without
   * BLMPOP get BLPOP, one at a time.
   */
  private async pop(count: number): Promise<[Buffer, Buffer[]] | null> {
    const { keys, blocking } = this.o;
    if (this.hasBlmpop) {
      try {
        return await blocking.blmpopBuffer(1, 2, keys.done, keys.failed, 'LEFT', 'COUNT', count);
      } catch (e) {
        if (!/unknown command/i.test((e as Error).message)) throw e;
        this.hasBlmpop = false;
        this.o.log.info('this Redis has no BLMPOP (Redis < 7): results are taken one per round trip');
      }
    }
    const one = await blocking.blpopBuffer(keys.done, keys.failed, 1);
    return one && [one[0], [one[1]]];
  }

  /** A worker's ShardFailure: fails the step when it names a shard of this step of this run; anything else is dropped. */
  private failure(plan: StepPlan, bytes: Buffer): void {
    let f: ShardFailure;
    try {
      f = decodeShardFailure(bytes);
    } catch (e) {
      this.o.log.warn({ err: (e as Error).message }, 'dropped an undecodable failure notice');
      return;
    }
    if (f.runId === this.o.keys.runId && f.step === plan.step && f.shard < plan.shards.length) {
      throw new ShardFailedError(plan.step, f.shard, f.worker ? `${f.reason} (worker ${f.worker})` : f.reason);
    }
  }

  private validate(plan: StepPlan, version: number, r: ShardResult): ShardOutcome {
    const what = `step ${plan.step} shard ${r.shard} result from ${r.worker}`;
    const samples = plan.shards[r.shard].indices.length;
    if (r.runId !== this.o.keys.runId) throw new WireError(what, `belongs to run ${r.runId}`);
    if (r.version !== version) throw new WireError(what, `was computed at weights version ${r.version}, expected ${version}`);
    if (r.samples !== samples) throw new WireError(what, `covers ${r.samples} samples, expected ${samples}`);
    if (!Number.isFinite(r.errorSum) || !kernelsOf(r.gradient).allFinite(r.gradient, r.gradient.length)) throw new WireError(what, 'contains NaN or infinite values (diverged? try a smaller --eta)');
    this.seen.add(r.worker);
    return { gradient: r.gradient, samples: r.samples, errorSum: r.errorSum, correct: r.correct };
  }

  /**
   * Deletes what the run's last step left (the weights, the version, stray
   * results), then lets the opener of the run close it (onClose).
   */
  async close(outcome: RunOutcome = 'finished'): Promise<void> {
    try {
      await this.enqueueChain;
      const { keys } = this.o;
      await this.o.redis.unlink(keys.version, keys.done, keys.failed, ...(this.lastWeightsKey ? [this.lastWeightsKey] : []));
      this.lastWeightsKey = null;
    } finally {
      await this.o.onClose?.(outcome);
    }
  }
}
