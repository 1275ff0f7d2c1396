// `dpt worker`: compute shard gradients for a run until it finishes.
// Exit code 0 when the run is over (finished or failed: either way this
// worker's part is done), so a Kubernetes Job completes.

import { ConfigError } from '../lib/errors.js';
import { createLogger } from '../lib/log.js';
import { checkRunId, DEFAULT_PREFIX } from '../lib/redis/keys.js';
import { checkRedis, useRedisCa } from '../lib/redis/connect.js';
import { DEFAULT_LOCK_MS, runWorker, type WorkerReport } from '../services/worker/worker.js';
import { requireSecret } from './secret.js';
import { optionNumber } from '../lib/options.js';
import { DEFAULT_METRICS_PORT, portOption } from '../lib/metrics/metrics-server.js';

export interface WorkerCommandOptions {
  redis?: string;
  runId?: string;
  data?: string;
  prefix?: string;
  logLevel?: string;
  lockMs?: string;
  secretFile?: string;
  redisCa?: string;
  metricsPort?: string;
}

export async function workerCommand(opts: WorkerCommandOptions): Promise<WorkerReport> {
  const url = opts.redis ?? process.env.REDIS_URL;
  if (!url) throw new ConfigError('--redis', 'required (or set REDIS_URL): the Redis the coordinator uses');
  const runId = opts.runId === undefined ? undefined : checkRunId(opts.runId);
  const lockMs = optionNumber('lockMs', opts.lockMs ?? String(DEFAULT_LOCK_MS));
  const metricsPort = portOption(opts.metricsPort, '--metrics-port', DEFAULT_METRICS_PORT);
  const secret = requireSecret(opts.secretFile);
  useRedisCa(opts.redisCa);
  await checkRedis(url);
  const log = createLogger('worker', opts.logLevel);
  const stop = new AbortController();
  const onSignal = () => {
    stop.abort();
    // The job in hand normally finishes in milliseconds; if Redis is gone the
    // goodbye commands would wait forever, so leave anyway after a grace period.
    setTimeout(() => {
      log.warn('could not close cleanly within 10 s (Redis unreachable?); exiting');
      log.flush();
      process.exit(0);
    }, 10_000).unref();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  // Forked by `dpt train`: leave with the parent rather than outlive it.
  if (process.send) process.once('disconnect', onSignal);
  try {
    return await runWorker({ redisUrl: url, secret, prefix: opts.prefix ?? DEFAULT_PREFIX, runId, data: opts.data, log, signal: stop.signal, lockDurationMs: lockMs, metricsPort });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('disconnect', onSignal);
    log.flush();
  }
}
