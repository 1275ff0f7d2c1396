// The coordinator's side of a run on Redis: takes the run's lease, uploads
// the dataset (once per content), publishes the run spec (which names the
// dispatch: the jobs list, or a BullMQ queue it creates) and returns the
// distributed StepExecutor. The caller (the CLI) hands it to the one
// training loop (lib/train/run-training.ts), so the result is bit-identical
// to `dpt train --workers 0`. Closing the executor marks the run finished,
// failed or stopped (its workers leave), releases the lease and removes the
// run's jobs and blobs.
//
// While the run goes on, the lease is renewed every LEASE_MS / 4. A renewal
// that finds another holder means this coordinator was paused or cut off
// long enough for another to take over: the run is aborted with
// LeaseLostError, and nothing more is written (messages are sealed under the
// lost lease, state changes are fenced). A renewal that finds no lease at
// all means Redis lost the run's state (restarted empty, keys deleted): the
// lease, the spec and the dataset are put back, and the stalled step
// re-sends its weights and jobs (RedisExecutor.resend).

import { Queue } from 'bullmq';
import { hostname } from 'node:os';
import type { Dispatch } from '../../lib/config.js';
import { LeaseLostError, RunStateError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { bullConnection, connectRedis, ERROR_REPORT_INTERVAL_MS, throttled } from '../../lib/redis/connect.js';
import { redactUrl } from '../../lib/log.js';
import { uploadDataset } from '../../lib/redis/dataset-store.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { acquireLease, closeRun, openRun, publishRun, readLease, renewLease, type Lease } from '../../lib/redis/run-store.js';
import type { ModelContext } from '../../lib/train/model-context.js';
import type { RunOutcome } from '../../lib/train/train-loop.js';
import { encodeDataset } from '../../lib/wire/codecs.js';
import { controlNotice, encodeRunSpec, RunSeal, SHARD_QUEUE, type ShardJobData } from '../step-protocol.js';
import { RedisExecutor, type StepObserver } from './redis-executor.js';

/** The lease's time to live: a dead coordinator's run is free for another this long after its last renewal. */
export const LEASE_MS = 10_000;

export interface CoordinatorOptions {
  redisUrl: string;
  prefix: string;
  runId: string;
  /** The shared secret coordinator and workers seal their messages with (DPT_SECRET, --secret-file, or dpt train's own). */
  secret: Uint8Array;
  /** The validated model and dataset: errors surface before Redis is touched. */
  ctx: ModelContext;
  log: Logger;
  /** Worker count to report (e.g. the processes `dpt train` forked); 0 = count those that answer. */
  workers?: number;
  /** Shards per queue job (RedisExecutorOptions.shardsPerJob); default 'auto'. */
  shardsPerJob?: number | 'auto';
  /** How shard jobs reach the workers (services/step-protocol.ts); default 'list'. */
  dispatch?: Dispatch;
  /** Aborts the run (SIGTERM, a dead local worker); its reason is what the step in hand throws. */
  signal?: AbortSignal;
  stepTimeoutMs?: number;
  /** Seconds without a result before a step re-sends its weights and jobs (RedisExecutorOptions.resendMs). */
  resendMs?: number;
  leaseMs?: number;
  /** Monitoring: per-worker totals, metrics, the dashboard (RedisExecutorOptions.observer). */
  observer?: StepObserver;
}

/** Opens the run on Redis; the returned executor owns it (the lease, the connections) until close(). */
export async function openCoordinator(o: CoordinatorOptions): Promise<RedisExecutor> {
  const { ctx } = o;
  const keys = new RunKeys(o.prefix, o.runId);
  const log = o.log.child({ run: o.runId });
  const leaseMs = o.leaseMs ?? LEASE_MS;
  const holder = `${hostname()}:${process.pid}`;
  // connectRedis reports a connection's errors at most every few seconds (a Redis that went away fails every retry).
  const onError = (err: Error) => log.warn({ err: err.message }, 'redis connection error; reconnecting');
  const redis = connectRedis(o.redisUrl, 'dpt-coordinator', onError);
  const blocking = connectRedis(o.redisUrl, 'dpt-coordinator-blocking', onError);
  const aborter = new AbortController();
  const abort = (reason: unknown) => aborter.abort(reason);
  o.signal?.addEventListener('abort', () => abort(o.signal!.reason), { once: true });
  let queue: Queue<ShardJobData> | null = null;
  let lease: Lease | null = null;
  /** The keys of `lease`: what the executor seals and opens with, and what the run-over notice is sealed with. */
  let seal: RunSeal | null = null;
  let renewal: NodeJS.Timeout | undefined;
  let executor: RedisExecutor | null = null;
  const encoded = encodeDataset(ctx.dataset);
  const dispatch = o.dispatch ?? 'list';
  const spec = { runId: o.runId, config: ctx.config, dataset: encoded.ref, paramCount: ctx.paramCount, createdBy: holder, dispatch };
  /** The spec as workers read it: sealed, so that what they train (config, dataset hash) is the coordinator's. */
  const sealedSpec = (seal: RunSeal) => Buffer.concat(seal.seal('spec', [encodeRunSpec(spec)]));

  /**
   * Closes the run for its workers with `outcome` and releases what this
   * coordinator opened. A coordinator that lost its lease leaves the run (and
   * its queue) alone: they belong to the coordinator that took it over.
   */
  const release = async (outcome: RunOutcome): Promise<void> => {
    clearInterval(renewal);
    try {
      let ours = lease !== null && !(aborter.signal.reason instanceof LeaseLostError);
      if (ours && lease && seal) {
        const notice = controlNotice(seal, outcome);
        ours = await closeRun(redis, keys, lease, outcome, notice).catch((e: unknown) => {
          log.warn({ err: e }, 'could not mark the run over');
          return true;
        });
        if (!ours) log.warn('the run belongs to another coordinator now: left as it is');
      }
      // The queue's keys (jobs, events, meta) are of no use once the run is over.
      if (ours) await queue?.obliterate({ force: true }).catch(() => {});
      await queue?.close();
    } finally {
      await Promise.allSettled([redis.quit(), blocking.quit()]);
    }
  };

  /** Puts back what Redis lost: the lease (a new fence, so new keys), the spec and status, the dataset. */
  const restore = async (): Promise<void> => {
    lease = await acquireLease(redis, keys, holder, leaseMs);
    seal = new RunSeal(o.secret, o.runId, lease.fence);
    // Not openRun: whatever of this run's queue and blobs survived is still this coordinator's.
    await publishRun(redis, keys, sealedSpec(seal));
    await uploadDataset(redis, o.prefix, encoded);
    if (executor) executor.seal = seal;
    log.warn({ fence: lease.fence }, "the run's state was gone from Redis (restarted empty? keys deleted?): lease, spec and dataset restored");
  };

  /**
   * The run's lease. A coordinator restarted after a crash finds its dead
   * predecessor's lease still there: it waits for it to expire (one lease
   * time at most). A lease still held after that is renewed by a live
   * coordinator: refused, naming it.
   */
  const takeLease = async (): Promise<Lease> => {
    const deadline = performance.now() + leaseMs + 2000;
    for (let told = false; ; told = true) {
      try {
        return await acquireLease(redis, keys, holder, leaseMs);
      } catch (e) {
        if (!(e instanceof RunStateError) || performance.now() > deadline || aborter.signal.aborted) throw e;
        if (!told) log.warn({ holder: (await readLease(redis, keys))?.holder }, 'the run is held by another coordinator: waiting for its lease to expire');
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };

  /** Renews the lease; restores a lost one, aborts the run when another coordinator holds it. */
  const renew = async (): Promise<void> => {
    if (!lease || aborter.signal.aborted) return;
    if (await renewLease(redis, keys, lease, leaseMs)) return;
    const now = await readLease(redis, keys);
    if (now === null) return restore();
    abort(new LeaseLostError(o.runId, `another coordinator (${now.holder}, lease ${now.fence}) took the run over after this one's lease ` +
      `${lease.fence} expired (was this process paused or cut off from Redis for ${leaseMs / 1000} s?); this coordinator stops`));
  };

  try {
    lease = await takeLease();
    seal = new RunSeal(o.secret, o.runId, lease.fence);
    const started = performance.now();
    const uploaded = await uploadDataset(redis, o.prefix, encoded);
    log.info({ redis: redactUrl(o.redisUrl), dataset: encoded.ref.name, sha256: encoded.ref.sha256, bytes: encoded.ref.bytes, uploaded,
      ms: Math.round(performance.now() - started) }, uploaded ? 'dataset uploaded' : 'dataset already in Redis');
    const { tookOver } = await openRun(redis, keys, sealedSpec(seal));
    if (tookOver) log.info({ was: tookOver, fence: lease.fence }, 'took over the run from an earlier coordinator');
    renewal = setInterval(() => {
      renew().catch((e: unknown) => log.warn({ err: (e as Error).message }, 'could not renew the lease'));
    }, Math.max(250, leaseMs / 4));
    renewal.unref();
    if (dispatch === 'bullmq') queue = new Queue<ShardJobData>(SHARD_QUEUE, {
      connection: bullConnection(o.redisUrl, 'dpt-coordinator-bull'),
      prefix: keys.bullPrefix,
      // Events are not read (results arrive on the done list); keep the stream short so memory stays flat.
      streams: { events: { maxLen: 64 } },
      defaultJobOptions: {
        removeOnComplete: true,
        removeOnFail: 100,
        attempts: 3,
        backoff: { type: 'fixed', delay: 100 },
      },
    });
    // Without a listener BullMQ prints its connection errors raw, every retry.
    queue?.on('error', throttled(onError, ERROR_REPORT_INTERVAL_MS));
    executor = new RedisExecutor({
      redis, blocking, dispatch, queue, keys, ctx, log, workers: o.workers ?? 0, shardsPerJob: o.shardsPerJob, signal: aborter.signal,
      stepTimeoutMs: o.stepTimeoutMs, resendMs: o.resendMs, seal, onClose: release, observer: o.observer,
      onStall: async () => {
        await renew();
        // A dataset deleted alone (the lease and spec still there) is put back too, for workers still to join.
        await uploadDataset(redis, o.prefix, encoded);
      },
    });
    return executor;
  } catch (e) {
    await release('failed');
    throw e;
  }
}
