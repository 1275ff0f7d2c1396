// A worker: stateless, started with only a Redis URL. It finds its run
// (given, or the newest active one), fetches the spec and the dataset
// (from Redis, or a local copy verified by the same hash), then computes
// shard gradients until the run is over. It takes jobs where the run's spec
// says (its jobs list, or its BullMQ queue). It exits cleanly when the run
// finishes (so a Kubernetes Job completes) or on SIGTERM (the job in hand is
// finished first; jobs not taken stay for other workers).

import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { bullConnection, connectRedis, ERROR_REPORT_INTERVAL_MS, throttled } from '../../lib/redis/connect.js';
import { redactUrl } from '../../lib/log.js';
import { validateConfig } from '../../lib/config.js';
import { loadDataset } from '../../lib/data/load-dataset.js';
import type { Dataset } from '../../lib/data/dataset.js';
import { AuthError, ConfigError, WireError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { downloadDataset } from '../../lib/redis/dataset-store.js';
import { newestActiveRun, pollUntil, readLease, readSpec, readStatus } from '../../lib/redis/run-store.js';
import { encodeDataset } from '../../lib/wire/codecs.js';
import { ModelContext } from '../../lib/train/model-context.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { decodeRunSpec, readControlNotice, SHARD_QUEUE, type RunSpec, type ShardJobData } from '../step-protocol.js';
import { LeaseKeys } from './lease-keys.js';
import { ShardProcessor, type ShardOutcomeKind } from './shard-processor.js';
import { WeightsCache } from './weights-cache.js';
import { serveOptional, type MetricsServer, type PortChoice } from '../../lib/metrics/metrics-server.js';
import { WorkerMetrics } from './metrics.js';

export interface WorkerOptions {
  redisUrl: string;
  /** The secret shared with the coordinator (DPT_SECRET, --secret-file): messages are sealed with keys derived from it. */
  secret: Uint8Array;
  prefix: string;
  runId?: string;
  /** A local copy of the dataset ('mnist', 'parity' or a folder), verified against the run's hash. */
  data?: string;
  log: Logger;
  /** Stops the worker (SIGTERM). */
  signal: AbortSignal;
  /** BullMQ lock: must exceed the slowest shard, or the job is re-run as stalled. */
  lockDurationMs?: number;
  /** Serve /metrics, /healthz and /readyz on this port (port 0 or absent: no server). */
  metricsPort?: PortChoice;
}

export interface WorkerReport {
  runId: string | null;
  jobs: number;
  /** Shards whose results this worker pushed (a job carries one or more). */
  shards: number;
  reason: 'finished' | 'failed' | 'stopped' | 'signal';
}

/** Default BullMQ lock: a job held by a dead worker goes to another within about this long (twice at most: the stalled check runs as often). */
export const DEFAULT_LOCK_MS = 5000;

/** Seconds a worker tries to open its run's spec before it calls its secret wrong. */
const WRONG_SECRET_TRIES = 5;

/** A run status after which a worker has nothing more to do. */
const isOver = (s: string | null): s is 'finished' | 'failed' | 'stopped' => s === 'finished' || s === 'failed' || s === 'stopped';

export async function runWorker(o: WorkerOptions): Promise<WorkerReport> {
  const name = `${hostname()}:${process.pid}`;
  const log = o.log.child({ worker: name });
  // connectRedis reports a connection's errors at most every few seconds (a Redis that went away fails every retry).
  const metrics = o.metricsPort?.port ? new WorkerMetrics() : null;
  const onError = (err: Error) => {
    metrics?.error('redis');
    log.warn({ err: err.message }, 'redis connection error; reconnecting');
  };
  const redis = connectRedis(o.redisUrl, 'dpt-worker', onError);
  const sub = connectRedis(o.redisUrl, 'dpt-worker-sub', onError);
  let worker: Worker | null = null;
  /** Dispatch 'list': the connection blocked in BLPOP on the jobs list, and the loop taking jobs from it. */
  let taker: Redis | null = null;
  let taking: Promise<void> | null = null;
  let poll: NodeJS.Timeout | undefined;
  /** Set once the run's spec is open: /readyz says ready from then on, while Redis answers. */
  let runKnown: string | null = null;
  let server: MetricsServer | null = null;
  const stopping = (r: WorkerReport): WorkerReport => {
    log.info({ run: r.runId, jobs: r.jobs, shards: r.shards, reason: r.reason }, 'worker stopping');
    return r;
  };
  try {
    if (metrics) {
      server = await serveOptional(o.metricsPort!, {
        registry: metrics.registry,
        ready: () => (redis.status !== 'ready' ? `not connected to Redis (${redis.status})` : runKnown === null ? 'no run joined yet' : null),
      }, log, '/metrics, /healthz, /readyz');
    }
    log.info({ redis: redactUrl(o.redisUrl) }, 'worker starting');
    const runId = o.runId ?? (await pollUntil(() => newestActiveRun(redis, o.prefix), o.signal, 500, (ms) => {
      log.warn({ prefix: o.prefix, waitedS: Math.round(ms / 1000) }, 'no active run under this prefix yet: waiting (is --prefix right?)');
    }));
    if (!runId) return stopping({ runId: null, jobs: 0, shards: 0, reason: 'signal' });
    const keys = new RunKeys(o.prefix, runId);
    const published = await pollUntil(() => readSpec(redis, keys), o.signal, 250, (ms) => {
      log.warn({ run: runId, key: keys.spec, waitedS: Math.round(ms / 1000) }, 'no such run yet: waiting (are --run-id and --prefix right?)');
    });
    if (!published) return stopping({ runId, jobs: 0, shards: 0, reason: 'signal' });
    const before = await readStatus(redis, keys);
    // A stopped run is over for the workers it had, but may be continued: one that joins it waits for its coordinator.
    if (before === 'finished' || before === 'failed') {
      log.info({ run: runId, status: before }, 'run already over');
      return stopping({ runId, jobs: 0, shards: 0, reason: before });
    }
    if (before === 'stopped') log.info({ run: runId }, 'the run is stopped: waiting for a coordinator to continue it');
    const lease = new LeaseKeys(redis, keys, o.secret, log);
    const failures = { count: 0 };
    if (!(await lease.load(o.signal))) return stopping({ runId, jobs: 0, shards: 0, reason: 'signal' });
    const spec = await pollUntil(() => openSpec(redis, keys, lease, log, failures), o.signal, 1000);
    if (!spec) return stopping({ runId, jobs: 0, shards: 0, reason: 'signal' });
    const dataset = await obtainDataset(o, redis, spec, log);
    const ctx = new ModelContext(spec.config, dataset);
    const weights = new WeightsCache(redis, keys, { dtype: spec.config.dtype, paramCount: spec.paramCount }, log, lease);
    if (metrics) weights.onTaken = (source) => metrics.weightsTaken(source);

    // The run ends by a control message; a status poll covers a message missed while reconnecting.
    const over = new Promise<'finished' | 'failed' | 'stopped' | 'signal'>((resolve) => {
      o.signal.addEventListener('abort', () => resolve('signal'), { once: true });
      sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
        const ch = channel.toString();
        if (ch === keys.weightsChannel) weights.onMessage(message);
        else if (ch === keys.controlChannel) {
          // Only the coordinator's sealed notice ends the run: a stranger's PUBLISH does not send workers home.
          const status = readControlNotice(lease.seal, message);
          if (status) resolve(status);
          else log.warn('ignoring a control message that is not this run\'s coordinator\'s');
        }
      });
      // A notice missed while reconnecting: the status says the run is over and no coordinator holds it any more.
      poll = setInterval(() => {
        Promise.all([readStatus(redis, keys), readLease(redis, keys)]).then(([s, l]) => {
          if (isOver(s) && l === null) resolve(s);
        }, () => {});
      }, 2000);
    });
    await sub.subscribe(keys.weightsChannel, keys.controlChannel);

    const processor = new ShardProcessor({ redis, keys, ctx, weights, lease, workerName: name, host: hostname(), log, metrics: metrics ?? undefined });
    const counts = { jobs: 0, shards: 0 };
    let leaving = false;
    const overOrStopped = over.then((reason) => {
      leaving = true;
      // The run is over: nothing left to take, so the blocked BLPOP need not time out first.
      if (reason !== 'signal') taker?.disconnect();
      return reason;
    });
    if (spec.dispatch === 'list') {
      taker = connectRedis(o.redisUrl, 'dpt-worker-jobs', onError);
      taking = takeJobs(taker, keys, processor, counts, () => leaving, log);
    } else {
      worker = bullWorker(o, keys, processor, counts, log, metrics);
    }
    runKnown = runId;
    log.info({ run: runId, dataset: spec.dataset.name, structure: spec.config.structure.join('-'), dispatch: spec.dispatch }, 'worker ready');
    // Awaited first: `{ jobs, reason: await over }` would read jobs before the run ends (always 0).
    const reason = await overOrStopped;
    // The job in hand is finished (its results pushed) before the worker reports and leaves.
    await taking;
    return stopping({ runId, jobs: counts.jobs, shards: counts.shards, reason });
  } finally {
    clearInterval(poll);
    // close() lets the job in hand finish; unstarted jobs stay queued for other workers.
    await worker?.close();
    await Promise.allSettled([redis.quit(), sub.quit(), server?.close(), taker?.quit()]);
  }
}

/**
 * Dispatch 'list': pops jobs from the run's jobs list, one at a time (the
 * process computes one shard at a time), until `leaving()`. BLPOP waits at
 * most a second, so a stopping worker leaves within one with nothing in hand
 * (a job popped is always computed). Redis errors are reported and waited
 * out: the connection reconnects by itself.
 */
async function takeJobs(taker: Redis, keys: RunKeys, processor: ShardProcessor, counts: { jobs: number; shards: number }, leaving: () => boolean, log: Logger): Promise<void> {
  while (!leaving()) {
    let popped: [Buffer, Buffer] | null;
    try {
      popped = await taker.blpopBuffer(keys.jobs, 1);
    } catch (e) {
      if (leaving()) return;
      log.warn({ err: (e as Error).message }, 'could not take a job; trying again');
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    if (!popped) continue;
    try {
      const { outcome, shards } = await processor.take(popped[1]);
      counts.jobs++;
      if (outcome === 'stored') counts.shards += shards;
    } catch (e) {
      // Redis failing mid-job (its lease unreadable, its results not pushed): the stalled step sends it again.
      log.warn({ err: (e as Error).message }, 'a job could not be completed; its step will send it again');
    }
  }
}

/** Dispatch 'bullmq': a BullMQ worker running `processor` on the run's queue. */
function bullWorker(o: WorkerOptions, keys: RunKeys, processor: ShardProcessor, counts: { jobs: number; shards: number }, log: Logger, metrics: WorkerMetrics | null): Worker {
  const worker = new Worker<ShardJobData, ShardOutcomeKind>(SHARD_QUEUE, processor.process, {
    connection: bullConnection(o.redisUrl, 'dpt-worker-bull'),
    prefix: keys.bullPrefix,
    concurrency: 1, // CPU-bound: one shard at a time per process; run more processes for more cores
    // Renewed every half lock while a job runs; a dead worker's job is free once its lock expires.
    lockDuration: o.lockDurationMs ?? DEFAULT_LOCK_MS,
    // Look for jobs whose worker died (lock expired) as often as a lock lasts.
    stalledInterval: o.lockDurationMs ?? DEFAULT_LOCK_MS,
    // A job may outlive several dead workers (and a busy machine's late renewals) before it is given up.
    maxStalledCount: 10,
    // Results travel in the run's done list; job records are of no use once done.
    removeOnComplete: { count: 0 },
    removeOnFail: { count: 100 },
  });
  worker.on('completed', (job, outcome) => {
    counts.jobs++;
    if (outcome === 'stored') counts.shards += job.data.shards.length;
  });
  worker.on('failed', processor.onFailed);
  const reportQueueError = throttled((err) => log.warn({ err: err.message }, 'queue error'), ERROR_REPORT_INTERVAL_MS);
  worker.on('error', (err) => {
    metrics?.error('queue');
    reportQueueError(err);
  });
  return worker;
}

async function obtainDataset(o: WorkerOptions, redis: Redis, spec: RunSpec, log: Logger): Promise<Dataset> {
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

/**
 * The run's spec, when it opens under the run's keys: what this worker
 * trains (the config, the dataset's hash) is then the coordinator's, not a
 * stranger's. Null (logged) while it does not: a new coordinator may be
 * replacing it.
 */
async function openSpec(redis: Redis, keys: RunKeys, lease: LeaseKeys, log: Logger, failures: { count: number }): Promise<RunSpec | null> {
  const bytes = await readSpec(redis, keys);
  if (!bytes) return null;
  // A spec that fails under every lease read for this long is not in transition: the secrets differ.
  if (failures.count >= WRONG_SECRET_TRIES) {
    throw new AuthError(`run ${keys.runId}`, 'its spec does not open with this worker\'s secret: DPT_SECRET / --secret-file must be the coordinator\'s');
  }
  try {
    const spec = decodeRunSpec(await lease.open('spec', bytes, `run spec ${keys.spec}`));
    validateConfig(spec.config);
    return spec;
  } catch (e) {
    if (!(e instanceof AuthError || e instanceof WireError || e instanceof ConfigError)) throw e;
    failures.count++;
    log.warn({ err: e.message }, 'the run spec is not the coordinator\'s (or is being replaced): waiting');
    return null;
  }
}
