// The distributed StepExecutor: one step of data-parallel SGD through Redis.
// Every message out is sealed and every message in opened with the run's
// keys (services/step-protocol.ts).
//
//   1. broadcast weights v: PUBLISH, then SET weights:v and SET version
//      (written together in one system call, the weights never copied), so
//      subscribed workers get them pushed first and late joiners can GET them;
//   2. the step's shard jobs. Dispatch 'list': pushed onto the jobs list in
//      the same write as the broadcast, behind it, where the workers' BLPOPs
//      are waiting. Dispatch 'bullmq': normally in the queue already,
//      enqueued during the previous step (prefetch; job id = step + first
//      shard, so re-adding is a no-op); workers already hold them and wait
//      for v; the next step's jobs are enqueued once Redis has answered the
//      broadcast. A job carries one or more consecutive shards
//      (services/step-protocol.ts): by default as many as make one job per worker;
//   3. workers RPUSH their sealed ShardResult bytes onto the run's done list;
//      the coordinator pops them with BLMPOP (the results and the notice in
//      one round trip, all that are waiting at once) and keeps a result only
//      if it opens under the run's keys and answers this step's job (run,
//      step, shard, version, sample count): anything else is dropped and
//      counted, never fatal. A result covers a whole subtree of the step's
//      reduction tree (one or more shards, lib/math/pairwise-tree.ts), and is
//      kept only when none of its shards is covered yet. Results return in
//      shard order; the loop adds them along the tree.
//   4. a step with no new result for a while re-sends its weights and
//      re-queues its missing shards (whatever was lost: a dropped result, a
//      deleted key, a Redis restarted empty, a job popped by a worker that
//      died), and the opener checks its lease.
// Nothing is applied until every shard of the step has a result.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AuthError, LeaseLostError, ShardFailedError, StepTimeoutError, WireError } from '../../lib/errors.js';
import { isTreeNode } from '../../lib/math/pairwise-tree.js';
import type { Logger } from '../../lib/log.js';
import type { Float } from '../../lib/math/float.js';
import { sendChunked } from '../../lib/redis/chunked-command.js';
import type { RunKeys } from '../../lib/redis/keys.js';
import type { ModelContext } from '../../lib/train/model-context.js';
import type { StepPlan } from '../../lib/train/plan.js';
import type { RunOutcome, ShardOutcome, StepExecutor } from '../../lib/train/train-loop.js';
import type { Dispatch } from '../../lib/config.js';
import {
  autoShardsPerJob, bullJob, decodeShardFailure, decodeShardResult, encodeWeightsSnapshotParts, jobToken, retryJobs, shardJobs,
  type RunSeal, type ShardFailure, type ShardJobData, type ShardResult, type TensorExpectation,
} from '../step-protocol.js';

export interface RedisExecutorOptions {
  redis: Redis;
  /** A dedicated connection for BLPOP (a blocked connection cannot serve other commands). */
  blocking: Redis;
  /** How jobs reach the workers: the run's jobs list, or `queue` (dispatch 'bullmq'). */
  dispatch: Dispatch;
  /** The BullMQ queue of dispatch 'bullmq'; null for 'list'. */
  queue: Queue<ShardJobData> | null;
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
  /** The run's keys under this coordinator's lease: every message out is sealed with it, every message in opened. */
  seal: RunSeal;
  /**
   * After this long without a new result, the step's state on Redis is
   * asserted again: weights re-sent, every missing shard re-queued as a job
   * of its own (idempotent: a duplicate result is dropped), and `onStall`
   * called (the opener checks its lease, the run's keys, the dataset).
   * With dispatch 'list', whose jobs cannot be seen once popped, a run whose
   * steps are slow waits longer: at least 4 times its median recent step.
   */
  resendMs?: number;
  onStall?: () => Promise<void>;
  /** Monitoring (services/coordinator/monitor.ts): told what each step did; never changes a result. */
  observer?: StepObserver;
}

/** What a step tells monitoring: phase times, the results it kept (with their worker), what it dropped or re-queued. */
export interface StepObserver {
  /** Seconds from the start of run() to Redis answering the broadcast, and from there to the last result. */
  phases(broadcastSeconds: number, waitSeconds: number): void;
  result(r: ShardResult): void;
  dropped(reason: DropReason): void;
  redone(shards: number): void;
}

/** BullMQ job states in which a job will still be run: its shard needs no new job. */
const PENDING = new Set<string>(['waiting', 'prioritized', 'active', 'delayed', 'waiting-children']);

/** Why a message from Redis was dropped (counted per reason, logged at most every few seconds). */
/** Why a result message was dropped instead of applied (each a label of dpt_results_rejected_total). */
export const DROP_REASONS = ['undecodable', 'unauthenticated', 'other-run', 'other-step', 'not-a-subtree', 'duplicate', 'wrong-version', 'wrong-samples'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

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
  /** Messages dropped so far, by reason. */
  readonly dropped = new Map<DropReason, number>();
  private droppedLoggedAt = -Infinity;
  /** Rounds of shards re-queued by the stall check. */
  redone = 0;
  /** Dispatch 'bullmq': the job carrying each shard of the last steps enqueued, what the stall check looks for before re-queuing. */
  private readonly jobOf = new Map<number, Map<number, string>>();
  private readonly resendMs: number;
  /** The last steps' durations (ms), newest last: how long a list job may stay unanswered before it is re-queued. */
  private readonly recentSteps: number[] = [];
  /** Whether run() has completed a step: the first (workers joining) says nothing about step times. */
  private firstRunDone = false;
  /** The keys messages are sealed with: replaced when the coordinator re-takes a lost lease. */
  seal: RunSeal;
  /** Per-step phase times for the debug 'step' line (ms): encoding and sealing the broadcast, opening and checking results, blocked in BLMPOP. */
  private readonly spent = { seal: 0, open: 0, popWait: 0, enqueueCpu: 0 };

  constructor(private readonly o: RedisExecutorOptions) {
    this.expect = { dtype: o.ctx.config.dtype, paramCount: o.ctx.paramCount };
    this.blobTtlMs = o.blobTtlMs ?? 10 * 60_000;
    this.stepTimeoutMs = o.stepTimeoutMs ?? 5 * 60_000;
    this.resendMs = o.resendMs ?? 3000;
    this.seal = o.seal;
  }

  /** Workers started for the run, or else the number of distinct workers that returned results. */
  get workers(): number {
    return this.o.workers || this.seen.size;
  }

  /**
   * Dispatch 'bullmq' (a list's jobs go out with their weights instead):
   * the step after the coming run(): its jobs are enqueued during that run,
   * once the broadcast is answered, so a worker finishing a job of this step
   * fetches its next job in the same call and waits for the weights with it
   * in hand. Workers serve older steps first (job priority), and a job
   * whose weights are slow to come is given back (shard-processor.ts).
   */
  prefetch(plan: StepPlan, version: number): void {
    // A list's jobs go out with their weights: a job popped ahead would only wait for them.
    if (this.o.dispatch === 'bullmq') this.next = { plan, version };
  }

  async run(plan: StepPlan, params: Float, version: number): Promise<readonly ShardOutcome[]> {
    const { redis, keys } = this.o;
    const started = performance.now();
    this.spent.seal = this.spent.open = this.spent.popWait = 0;
    // The snapshot goes out twice (stored for late joiners, pushed to subscribers) without being
    // copied: its parts view `params`, which the loop changes only after this step's results are in.
    const sent: Promise<unknown>[] = [...this.broadcast(params, version), redis.pexpire(keys.done, this.blobTtlMs)];
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
    const outcomes = await this.collect(plan, params, version);
    // What a step takes, but not the first (workers starting up); a stalled one is outvoted by the median.
    if (this.firstRunDone) {
      this.recentSteps.push(performance.now() - started);
      if (this.recentSteps.length > 15) this.recentSteps.shift();
    }
    this.firstRunDone = true;
    this.o.observer?.phases((published - started) / 1000, (performance.now() - published) / 1000);
    const ms = (a: number, b: number) => +(b - a).toFixed(3);
    // Built only when it will be written: this runs once per step.
    if (this.o.log.isLevelEnabled('debug')) this.o.log.debug({
      step: plan.step, shards: plan.shards.length, publishMs: ms(started, published), enqueueMs: ms(published, enqueued),
      collectMs: ms(enqueued, performance.now()), ms: ms(started, performance.now()),
      sealMs: +this.spent.seal.toFixed(3), openMs: +this.spent.open.toFixed(3), popWaitMs: +this.spent.popWait.toFixed(3), enqueueCpuMs: +this.spent.enqueueCpu.toFixed(3),
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
    const t0 = performance.now();
    const jobs = shardJobs(plan, version, perJob);
    let added: Promise<unknown>;
    if (this.o.dispatch === 'list') {
      const { redis, keys } = this.o;
      // Expiring like the step's other keys: a crashed coordinator leaves nothing for long.
      added = Promise.all([redis.rpush(keys.jobs, ...jobs.map((d) => jobToken(this.seal, d))), redis.pexpire(keys.jobs, this.blobTtlMs)]);
    } else {
      const bull = jobs.map((d) => bullJob(this.seal, d));
      this.jobOf.set(plan.step, new Map(bull.flatMap((j) => j.data.shards.map((s) => [s.shard, j.opts.jobId!] as const))));
      for (const step of this.jobOf.keys()) if (step < plan.step - 1) this.jobOf.delete(step);
      added = this.add(bull);
    }
    this.spent.enqueueCpu = performance.now() - t0;
    await added;
  }

  /**
   * Adds jobs one by one, not with addBulk: addBulk builds an ioredis
   * pipeline, whose constructor copies every script BullMQ defines (some 50)
   * onto the new object, ~70 us of CPU each time, half the coordinator's
   * BullMQ cost per step (bench/README.md). Commands sent in the same tick
   * leave in one write all the same, and addBulk's pipeline was not atomic
   * either (not MULTI); adding a job id twice is still a no-op.
   */
  private async add(jobs: ReturnType<typeof bullJob>[]): Promise<void> {
    await Promise.all(jobs.map((j) => this.o.queue!.add(j.name, j.data, j.opts)));
  }

  /**
   * Weights v to the workers: PUBLISH to those subscribed, SET for late
   * joiners (written together in one system call, the tensor never copied),
   * and the run's current version.
   */
  private broadcast(params: Float, version: number): Promise<unknown>[] {
    const { redis, keys } = this.o;
    const t0 = performance.now();
    const snapshot = this.seal.seal('weights', encodeWeightsSnapshotParts({ runId: keys.runId, version, params }));
    this.spent.seal += performance.now() - t0;
    return [
      sendChunked(redis, 'publish', [keys.weightsChannel, snapshot]),
      sendChunked(redis, 'set', [keys.weights(version), snapshot, 'PX', String(this.blobTtlMs)]),
      redis.set(keys.version, version, 'PX', this.blobTtlMs),
    ];
  }

  /**
   * A step with no new result for resendMs: whatever was lost (a result
   * dropped as forged or damaged, a job or the weights deleted, Redis
   * restarted empty, a worker that died holding a job) is asserted again.
   */
  private async resend(plan: StepPlan, params: Float, version: number, missing: number[]): Promise<void> {
    await this.o.onStall?.();
    await Promise.all(this.broadcast(params, version));
    if (this.o.dispatch === 'list') {
      // A popped job cannot be seen: every missing shard is pushed again, to
      // the head of the list (before any later step's). A copy answered twice is dropped.
      this.redone++;
      this.o.observer?.redone(missing.length);
      // LPUSH puts its last value first: pushed in reverse, the shards come off the list in order.
      const { redis, keys } = this.o;
      await Promise.all([redis.lpush(keys.jobs, ...retryJobs(plan, version, missing).map((d) => jobToken(this.seal, d)).reverse()), redis.pexpire(keys.jobs, this.blobTtlMs)]);
      this.o.log.warn({ step: plan.step, shards: missing }, 'no result for a while: weights re-sent, missing shards re-queued');
      return;
    }
    // Only shards whose job is gone (done with its result lost, deleted, never added): a job still waiting
    // or in a worker's hands (workers starting up, a slow step) is not queued twice.
    const jobOf = this.jobOf.get(plan.step) ?? new Map<number, string>();
    const states = await Promise.all(missing.map((k) => (jobOf.has(k) ? this.o.queue!.getJobState(jobOf.get(k)!) : 'unknown')));
    const lost = missing.filter((_, i) => !PENDING.has(states[i]));
    if (lost.length === 0) return;
    const round = ++this.redone;
    const jobs = retryJobs(plan, version, lost).map((d) => bullJob(this.seal, d, round));
    this.o.observer?.redone(lost.length);
    for (const [i, k] of lost.entries()) jobOf.set(k, jobs[i].opts.jobId!);
    this.jobOf.set(plan.step, jobOf);
    await this.add(jobs);
    this.o.log.warn({ step: plan.step, shards: lost, jobStates: lost.map((k) => states[missing.indexOf(k)]) }, 'no result for a while: weights re-sent, lost shards re-queued');
  }

  /**
   * How long a step goes without a new result before it is re-sent:
   * resendMs, or for a list's slow steps 4 x their median (the lower middle,
   * from 3 normal steps on), never more than half the step timeout, so a lost
   * job is always re-sent before the step would time out.
   */
  private resendAfter(): number {
    if (this.o.dispatch !== 'list' || this.recentSteps.length < 3) return this.resendMs;
    const sorted = [...this.recentSteps].sort((a, b) => a - b);
    return Math.min(Math.max(this.resendMs, 4 * sorted[(sorted.length - 1) >> 1]), Math.max(this.resendMs, this.stepTimeoutMs / 2));
  }

  /** Blocks until every shard of the step is covered by a valid result; returns them in shard order. */
  private async collect(plan: StepPlan, params: Float, version: number): Promise<ShardOutcome[]> {
    const { keys } = this.o;
    const outcomes: ShardOutcome[] = [];
    /** Per shard: whether a kept result covers it. */
    const covered = new Uint8Array(plan.shards.length);
    let missing = plan.shards.length;
    let lastProgress = performance.now();
    let resentAt = lastProgress;
    const resendAfter = this.resendAfter();
    while (missing > 0) {
      if (this.o.signal?.aborted) throw this.o.signal.reason instanceof Error ? this.o.signal.reason : new Error('aborted');
      const now = performance.now();
      if (now - Math.max(lastProgress, resentAt) >= resendAfter) {
        const pending = plan.shards.filter((s) => !covered[s.index]).map((s) => s.index);
        if (now - lastProgress > this.stepTimeoutMs) throw new StepTimeoutError(plan.step, pending, now - lastProgress);
        resentAt = now;
        await this.resend(plan, params, version, pending);
      }
      const t0 = performance.now();
      const reply = await this.pop(missing);
      const t1 = performance.now();
      this.spent.popWait += t1 - t0;
      if (reply === null) continue;
      const [key, values] = reply;
      const failures = key.toString() === keys.failed;
      for (const value of values) {
        if (failures) {
          this.failure(plan, value);
          continue;
        }
        const r = this.open(value);
        if (r === null) continue;
        const why = this.check(plan, version, r, covered);
        if (why !== null) {
          this.drop(why, { step: r.step, shard: r.shard, shards: r.shardCount, worker: r.worker });
          continue;
        }
        this.seen.add(r.worker);
        this.o.observer?.result(r);
        covered.fill(1, r.shard, r.shard + r.shardCount);
        outcomes.push({ first: r.shard, count: r.shardCount, gradient: r.gradient, samples: r.samples, errorSum: r.errorSum, correct: r.correct });
        missing -= r.shardCount;
        lastProgress = performance.now();
      }
      this.spent.open += performance.now() - t1;
    }
    return outcomes.sort((a, b) => a.first - b.first);
  }

  /** A result's message, or null (counted) when it is not an authentic, well-formed ShardResult. */
  private open(bytes: Buffer): ShardResult | null {
    try {
      return decodeShardResult(this.seal.open('result', bytes, 'a result'), this.expect);
    } catch (e) {
      if (!(e instanceof AuthError || e instanceof WireError)) throw e;
      this.drop(e instanceof AuthError ? 'unauthenticated' : 'undecodable', { err: e.message, bytes: bytes.byteLength });
      return null;
    }
  }

  /**
   * Why an authentic result does not answer this step's job, or null when it
   * does. A late copy of an earlier step, or a second copy of a shard in
   * hand (the same subtree, or a shard re-queued alone after its group's
   * result was lost), is normal (at-least-once delivery); the rest would be a bug.
   */
  private check(plan: StepPlan, version: number, r: ShardResult, covered: Uint8Array): DropReason | null {
    if (r.runId !== this.o.keys.runId) return 'other-run';
    if (r.step !== plan.step || r.shard >= plan.shards.length) return 'other-step';
    if (!isTreeNode(r.shard, r.shardCount, plan.shards.length)) return 'not-a-subtree';
    for (let s = r.shard; s < r.shard + r.shardCount; s++) if (covered[s]) return 'duplicate';
    if (r.version !== version) return 'wrong-version';
    let samples = 0;
    for (let s = r.shard; s < r.shard + r.shardCount; s++) samples += plan.shards[s].indices.length;
    if (r.samples !== samples) return 'wrong-samples';
    return null;
  }

  /** Counts a dropped message; says so in the log at most every 5 s (normal duplicates only at debug level). */
  private drop(reason: DropReason, detail: Record<string, unknown>): void {
    this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1);
    this.o.observer?.dropped(reason);
    const routine = reason === 'duplicate' || reason === 'other-step';
    const now = performance.now();
    if (routine || now - this.droppedLoggedAt < 5000) {
      this.o.log.debug({ reason, ...detail }, 'dropped a message');
      return;
    }
    this.droppedLoggedAt = now;
    this.o.log.warn({ reason, ...detail, dropped: Object.fromEntries(this.dropped) }, 'dropped a message that does not answer this step');
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
      f = decodeShardFailure(this.seal.open('failure', bytes, 'a failure notice'));
    } catch (e) {
      if (!(e instanceof AuthError || e instanceof WireError)) throw e;
      this.drop(e instanceof AuthError ? 'unauthenticated' : 'undecodable', { err: e.message, notice: true });
      return;
    }
    if (f.runId === this.o.keys.runId && f.step === plan.step && f.shard < plan.shards.length) {
      throw new ShardFailedError(plan.step, f.shard, f.worker ? `${f.reason} (worker ${f.worker})` : f.reason);
    }
  }

  /**
   * Deletes what the run's last step left (the weights, the version, stray
   * results), then lets the opener of the run close it (onClose).
   */
  async close(outcome: RunOutcome = 'finished'): Promise<void> {
    try {
      await this.enqueueChain;
      // A coordinator that lost its lease deletes nothing: the keys are its successor's now.
      if (!(this.o.signal?.reason instanceof LeaseLostError)) {
        const { keys } = this.o;
        await this.o.redis.unlink(keys.version, keys.done, keys.failed, keys.jobs, ...(this.lastWeightsKey ? [this.lastWeightsKey] : []));
      }
      this.lastWeightsKey = null;
    } finally {
      await this.o.onClose?.(outcome);
    }
  }
}
