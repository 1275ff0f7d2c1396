// A worker: stateless, started with only a Redis URL. It finds its run
// (given, or the newest active one), fetches the spec and the dataset
// (from Redis, or a local copy verified by the same hash), then computes
// shard gradients until the run is over. It exits cleanly when the run
// finishes (so a Kubernetes Job completes) or on SIGTERM (the job in hand is
// finished first; BullMQ hands back anything not started).

import { Worker } from 'bullmq';
import { hostname } from 'node:os';
import { connectRedis, bullConnection, redactUrl } from '../../lib/redis/connect.js';
import { loadDataset } from '../../lib/data/load-dataset.js';
import type { Dataset } from '../../lib/data/dataset.js';
import { WireError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { downloadDataset } from '../../lib/redis/dataset-store.js';
import { newestActiveRun, pollUntil, readSpec, readStatus } from '../../lib/redis/run-store.js';
import { encodeDataset } from '../../lib/wire/codecs.js';
import { ModelContext } from '../../lib/train/model-context.js';
import { RunKeys } from '../../lib/redis/keys.js';
import type { RunSpec } from '../../lib/wire/types.js';
import { SHARD_QUEUE, type ShardJobData } from '../step-protocol.js';
import { ShardProcessor, type ShardOutcomeKind } from './shard-processor.js';
import { WeightsCache } from './weights-cache.js';

export interface WorkerOptions {
  redisUrl: string;
  prefix: string;
  runId?: string;
  /** A local copy of the dataset ('mnist', 'parity' or a folder), verified against the run's hash. */
  data?: string;
  log: Logger;
  /** Stops the worker (SIGTERM). */
  signal: AbortSignal;
  /** BullMQ lock: must exceed the slowest shard, or the job is re-run as stalled. */
  lockDurationMs?: number;
}

export interface WorkerReport {
  runId: string | null;
  jobs: number;
  /** Shards whose results this worker pushed (a job carries one or more). */
  shards: number;
  reason: 'finished' | 'failed' | 'signal';
}

export async function runWorker(o: WorkerOptions): Promise<WorkerReport> {
  const name = `${hostname()}:${process.pid}`;
  const log = o.log.child({ worker: name });
  const onError = (err: Error) => log.warn({ err: err.message }, 'redis connection error; reconnecting');
  const redis = connectRedis(o.redisUrl, 'dpt-worker', onError);
  const sub = connectRedis(o.redisUrl, 'dpt-worker-sub', onError);
  let worker: Worker | null = null;
  let poll: NodeJS.Timeout | undefined;
  const stopping = (r: WorkerReport): WorkerReport => {
    log.info({ run: r.runId, jobs: r.jobs, shards: r.shards, reason: r.reason }, 'worker stopping');
    return r;
  };
  try {
    log.info({ redis: redactUrl(o.redisUrl) }, 'worker starting');
    const runId = o.runId ?? (await pollUntil(() => newestActiveRun(redis, o.prefix), o.signal, 500));
    if (!runId) return stopping({ runId: null, jobs: 0, shards: 0, reason: 'signal' });
    const keys = new RunKeys(o.prefix, runId);
    const spec = await pollUntil(() => readSpec(redis, keys), o.signal);
    if (!spec) return stopping({ runId, jobs: 0, shards: 0, reason: 'signal' });
    const before = await readStatus(redis, keys);
    if (before === 'finished' || before === 'failed') {
      log.info({ run: runId, status: before }, 'run already over');
      return stopping({ runId, jobs: 0, shards: 0, reason: before });
    }
    const dataset = await obtainDataset(o, redis, spec, log);
    const ctx = new ModelContext(spec.config, dataset);
    const weights = new WeightsCache(redis, keys, { dtype: spec.config.dtype, paramCount: spec.paramCount }, log);

    // The run ends by a control message; a status poll covers a message missed while reconnecting.
    const over = new Promise<'finished' | 'failed' | 'signal'>((resolve) => {
      o.signal.addEventListener('abort', () => resolve('signal'), { once: true });
      sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
        const ch = channel.toString();
        if (ch === keys.weightsChannel) weights.onMessage(message);
        else if (ch === keys.controlChannel) {
          const m = message.toString();
          if (m === 'finished' || m === 'failed') resolve(m);
        }
      });
      poll = setInterval(() => {
        readStatus(redis, keys).then((s) => {
          if (s === 'finished' || s === 'failed') resolve(s);
        }, () => {});
      }, 2000);
    });
    await sub.subscribe(keys.weightsChannel, keys.controlChannel);

    const processor = new ShardProcessor({ redis, keys, ctx, weights, workerName: name, log });
    let jobs = 0;
    let shards = 0;
    worker = new Worker<ShardJobData, ShardOutcomeKind>(SHARD_QUEUE, processor.process, {
      connection: bullConnection(o.redisUrl, 'dpt-worker-bull'),
      prefix: keys.bullPrefix,
      concurrency: 1, // CPU-bound: one shard at a time per process; run more processes for more cores
      lockDuration: o.lockDurationMs ?? 30_000,
      // Look for jobs whose worker died (lock expired) as often as a lock lasts.
      stalledInterval: o.lockDurationMs ?? 30_000,
      // Results travel in the run's done list; job records are of no use once done.
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 100 },
    });
    worker.on('completed', (job, outcome) => {
      jobs++;
      if (outcome === 'stored') shards += job.data.shards.length;
    });
    worker.on('failed', processor.onFailed);
    worker.on('error', (err) => log.warn({ err }, 'queue error'));
    log.info({ run: runId, dataset: spec.dataset.name, structure: spec.config.structure.join('-') }, 'worker ready');
    // Awaited first: `{ jobs, reason: await over }` would read jobs before the run ends (always 0).
    const reason = await over;
    return stopping({ runId, jobs, shards, reason });
  } finally {
    clearInterval(poll);
    // close() lets the job in hand finish; unstarted jobs stay queued for other workers.
    await worker?.close();
    await Promise.allSettled([redis.quit(), sub.quit()]);
  }
}

async function obtainDataset(o: WorkerOptions, redis: ReturnType<typeof connectRedis>, spec: RunSpec, log: Logger): Promise<Dataset> {
  const started = performance.now();
  if (o.data !== undefined) {
    const local = loadDataset(o.data);
    const { ref } = encodeDataset(local);
    if (ref.sha256 !== spec.dataset.sha256) {
      throw new WireError(`--data ${o.data}`, `content hash ${ref.sha256} differs from the run's dataset ${spec.dataset.name} (${spec.dataset.sha256})`);
    }
    log.info({ source: o.data, ms: Math.round(performance.now() - started) }, 'dataset loaded locally and verified');
    return { ...local, name: spec.dataset.name };
  }
  const ds = await downloadDataset(redis, o.prefix, spec.dataset);
  log.info({ bytes: spec.dataset.bytes, ms: Math.round(performance.now() - started) }, 'dataset downloaded and verified');
  return ds;
}
