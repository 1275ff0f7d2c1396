// The coordinator: owns the model and the schedule of one run. It uploads
// the dataset (once per content), publishes the run spec, then drives the
// same training loop as the local trainer with a RedisExecutor, so the
// result is bit-identical to `dpt train --workers 0`. At the end it marks
// the run finished (workers exit) and removes the run's queue and blobs.

import { Queue } from 'bullmq';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { connectRedis } from '../../lib/redis/connect.js';
import { redactUrl } from '../../lib/redis/redact.js';
import type { Logger } from '../../lib/log.js';
import { bullConnection } from '../../lib/redis/bull-connection.js';
import { uploadDataset } from '../../lib/redis/dataset-store.js';
import { closeRun, openRun } from '../../lib/redis/run-store.js';
import { runTraining, type PreparedRun } from '../../lib/train/run-training.js';
import { checkpointPath } from '../../lib/train/checkpoint.js';
import { encodeDataset } from '../../lib/wire/codecs.js';
import type { RunSummary } from '../../lib/train/run-outputs.js';
import type { StepPlan } from '../../lib/train/plan.js';
import type { LoopState } from '../../lib/train/train-loop.js';
import { RunKeys, SHARD_QUEUE } from '../../lib/redis/keys.js';
import type { ShardJobData } from '../step-protocol.js';
import { RedisExecutor } from './redis-executor.js';

export interface CoordinatorOptions {
  redisUrl: string;
  prefix: string;
  runId: string;
  /** The validated run (config, dataset, context): errors surface before Redis is touched. */
  run: PreparedRun;
  outDir: string;
  log: Logger;
  /** Where epoch lines go (default: the logger at info level). */
  print?: (line: string) => void;
  /** Worker count to report in the summary (e.g. the processes `dpt train` forked). */
  workers?: number;
  /** Shards per queue job (RedisExecutorOptions.shardsPerJob); default 'auto'. */
  shardsPerJob?: number | 'auto';
  signal?: AbortSignal;
  stepTimeoutMs?: number;
  /** Resume from the checkpoint in `dir` when there is one, save one every epoch; runId, when given, must match. */
  checkpoint?: { dir: string; runId?: string };
  /** Called after every step (tests, monitoring). */
  observe?: (plan: StepPlan, state: LoopState) => void | Promise<void>;
}

export async function runCoordinator(o: CoordinatorOptions): Promise<RunSummary> {
  const { run } = o;
  const keys = new RunKeys(o.prefix, o.runId);
  const log = o.log.child({ run: o.runId });
  const onError = (err: Error) => log.warn({ err: err.message }, 'redis connection error; reconnecting');
  const redis = connectRedis(o.redisUrl, 'dpt-coordinator', onError);
  const blocking = connectRedis(o.redisUrl, 'dpt-coordinator-blocking', onError);
  let queue: Queue<ShardJobData> | null = null;
  let executor: RedisExecutor | null = null;
  let opened = false;
  try {
    const encoded = encodeDataset(run.dataset);
    const started = performance.now();
    const uploaded = await uploadDataset(redis, o.prefix, encoded);
    log.info({ redis: redactUrl(o.redisUrl), dataset: encoded.ref.name, sha256: encoded.ref.sha256, bytes: encoded.ref.bytes, uploaded,
      ms: Math.round(performance.now() - started) }, uploaded ? 'dataset uploaded' : 'dataset already in Redis');
    const resuming = o.checkpoint !== undefined && existsSync(checkpointPath(o.checkpoint.dir));
    await openRun(redis, keys, {
      runId: o.runId, config: run.config, dataset: encoded.ref, paramCount: run.ctx.paramCount, createdBy: `${hostname()}:${process.pid}`,
    }, resuming);
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
    executor = new RedisExecutor({
      redis, blocking, queue, keys, ctx: run.ctx, log, workers: o.workers ?? 0, shardsPerJob: o.shardsPerJob, signal: o.signal, stepTimeoutMs: o.stepTimeoutMs,
    });
    const summary = await runTraining(run, executor, {
      outDir: o.outDir, print: o.print ?? ((line) => log.info(line)), observe: o.observe,
      checkpoint: o.checkpoint,
    });
    await closeRun(redis, keys, 'finished');
    return summary;
  } catch (e) {
    if (opened) await closeRun(redis, keys, 'failed').catch(() => {});
    throw e;
  } finally {
    await executor?.close().catch(() => {});
    // The queue's keys (jobs, events, meta) are of no use once the run is over.
    await queue?.obliterate({ force: true }).catch(() => {});
    await queue?.close();
    await Promise.allSettled([redis.quit(), blocking.quit()]);
  }
}
