// The coordinator's side of a run on Redis: uploads the dataset (once per
// content), publishes the run spec, creates the shard queue and returns the
// distributed StepExecutor. The caller (the CLI) hands it to the one
// training loop (lib/train/run-training.ts), so the result is bit-identical
// to `dpt train --workers 0`. Closing the executor marks the run finished or
// failed (its workers exit) and removes the run's queue and blobs.

import { Queue } from 'bullmq';
import { hostname } from 'node:os';
import type { Logger } from '../../lib/log.js';
import { bullConnection, connectRedis, redactUrl } from '../../lib/redis/connect.js';
import { uploadDataset } from '../../lib/redis/dataset-store.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { closeRun, openRun } from '../../lib/redis/run-store.js';
import type { ModelContext } from '../../lib/train/model-context.js';
import { encodeDataset } from '../../lib/wire/codecs.js';
import { SHARD_QUEUE, type ShardJobData } from '../step-protocol.js';
import { RedisExecutor } from './redis-executor.js';

export interface CoordinatorOptions {
  redisUrl: string;
  prefix: string;
  runId: string;
  /** The validated model and dataset: errors surface before Redis is touched. */
  ctx: ModelContext;
  log: Logger;
  /** Worker count to report (e.g. the processes `dpt train` forked); 0 = count those that answer. */
  workers?: number;
  /** Shards per queue job (RedisExecutorOptions.shardsPerJob); default 'auto'. */
  shardsPerJob?: number | 'auto';
  signal?: AbortSignal;
  stepTimeoutMs?: number;
  /**
   * The coordinator continues from its checkpoint: it may take over the run
   * id its crashed predecessor left 'running' (lib/redis/run-store.ts).
   */
  resuming?: boolean;
}

/** Opens the run on Redis; the returned executor owns it (and its connections) until close(). */
export async function openCoordinator(o: CoordinatorOptions): Promise<RedisExecutor> {
  const { ctx } = o;
  const keys = new RunKeys(o.prefix, o.runId);
  const log = o.log.child({ run: o.runId });
  const onError = (err: Error) => log.warn({ err: err.message }, 'redis connection error; reconnecting');
  const redis = connectRedis(o.redisUrl, 'dpt-coordinator', onError);
  const blocking = connectRedis(o.redisUrl, 'dpt-coordinator-blocking', onError);
  let queue: Queue<ShardJobData> | null = null;
  let opened = false;
  /** Releases everything opened so far; with an outcome, closes the run for its workers first. */
  const release = async (outcome: 'finished' | 'failed' | null): Promise<void> => {
    try {
      if (outcome && opened) await closeRun(redis, keys, outcome).catch((e: unknown) => log.warn({ err: e }, 'could not mark the run over'));
      // The queue's keys (jobs, events, meta) are of no use once the run is over.
      await queue?.obliterate({ force: true }).catch(() => {});
      await queue?.close();
    } finally {
      await Promise.allSettled([redis.quit(), blocking.quit()]);
    }
  };
  try {
    const encoded = encodeDataset(ctx.dataset);
    const started = performance.now();
    const uploaded = await uploadDataset(redis, o.prefix, encoded);
    log.info({ redis: redactUrl(o.redisUrl), dataset: encoded.ref.name, sha256: encoded.ref.sha256, bytes: encoded.ref.bytes, uploaded,
      ms: Math.round(performance.now() - started) }, uploaded ? 'dataset uploaded' : 'dataset already in Redis');
    await openRun(redis, keys, {
      runId: o.runId, config: ctx.config, dataset: encoded.ref, paramCount: ctx.paramCount, createdBy: `${hostname()}:${process.pid}`,
    }, o.resuming ?? false);
    opened = true;
    queue = new Queue<ShardJobData>(SHARD_QUEUE, {
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
    return new RedisExecutor({
      redis, blocking, queue, keys, ctx, log, workers: o.workers ?? 0, shardsPerJob: o.shardsPerJob, signal: o.signal,
      stepTimeoutMs: o.stepTimeoutMs, onClose: release,
    });
  } catch (e) {
    await release('failed');
    throw e;
  }
}
