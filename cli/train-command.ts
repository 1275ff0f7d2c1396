// `dpt train`: resolve the config, load the data, train, write the outputs.
// Everything the user can get wrong is checked before the first step.
// --workers 0 computes in this process; --workers N resolves a broker
// (--redis, REDIS_URL, or a private redis-server it starts and stops), forks
// N real worker processes and coordinates them: the same bits either way.
// A worker that dies, or a private redis-server that dies, ends the run at
// once with one line saying so (exit code 1), the run marked failed where
// Redis is still there to hold it.

import { randomBytes } from 'node:crypto';
import { resolveBroker } from '../lib/redis/private-redis.js';
import { ConfigError, RunStoppedError } from '../lib/errors.js';
import { createLogger } from '../lib/log.js';
import { checkStepCount, type ConfigFlags } from '../lib/config.js';
import { InProcessExecutor } from '../lib/train/train-loop.js';
import { abandonRedis, brokerErrorFor, useRedisCa } from '../lib/redis/connect.js';
import { prepareRunDirs, type RunSummary } from '../lib/train/run-files.js';
import { defaultOutDir, prepareRun, runTraining, type PreparedRun, type TrainingOptions } from '../lib/train/run-training.js';
import { DEFAULT_PREFIX } from '../lib/redis/keys.js';
import { openCoordinator } from '../services/coordinator/coordinator.js';
import { parseShardsPerJob } from './coordinator-command.js';
import { LocalWorkers } from './local-workers.js';
import { trainSecret } from './secret.js';
import { Monitoring, monitoringPorts, type MonitoringFlags, type MonitoringPorts } from './monitoring.js';

export interface TrainOptions extends ConfigFlags, MonitoringFlags {
  out?: string;
  workers?: string;
  shardsPerJob?: string;
  redis?: string;
  prefix?: string;
  quiet?: boolean;
  checkpointDir?: string;
  secretFile?: string;
  redisCa?: string;
}

export function parseWorkers(v: string | undefined): number {
  if (v === undefined) return 0;
  if (!/^\d+$/.test(v) || Number(v) > 256) throw new ConfigError('--workers', `expected a whole number of worker processes (0..256), got "${v}"`);
  return Number(v);
}

export async function trainCommand(opts: TrainOptions): Promise<RunSummary> {
  const workers = parseWorkers(opts.workers);
  const shardsPerJob = parseShardsPerJob(opts.shardsPerJob);
  // --redis-ca reaches every connection of this process, and the workers, as DPT_REDIS_CA.
  const restoreCa = useRedisCa(opts.redisCa);
  try {
    return await train(opts, workers, shardsPerJob);
  } finally {
    restoreCa();
  }
}

async function train(opts: TrainOptions, workers: number, shardsPerJob: number | 'auto'): Promise<RunSummary> {
  const run = prepareRun(opts);
  checkStepCount(run.config, run.ctx.trainCount);
  const outDir = opts.out ?? defaultOutDir(run.config);
  prepareRunDirs(outDir, opts.checkpointDir);
  const ports = monitoringPorts(opts, 'train');
  const print = opts.quiet ? () => {} : (line: string) => console.log(line);
  const training = { outDir, print, checkpoint: opts.checkpointDir ? { dir: opts.checkpointDir } : undefined };
  if (workers === 0) return monitored(ports, run, 'in-process', training, (t) => runTraining(run, new InProcessExecutor(run.ctx), t), false);
  return trainWithLocalWorkers(run, workers, shardsPerJob, training, opts, ports);
}

/**
 * Runs `train` with the run monitor's hooks; with --metrics-port or
 * --dashboard, serves them for as long as it runs. `distributed`: record
 * per-worker totals in summary.json.
 */
async function monitored(
  ports: MonitoringPorts, run: PreparedRun, runId: string, training: TrainingOptions,
  train: (t: TrainingOptions, monitoring: Monitoring) => Promise<RunSummary>, distributed: boolean,
): Promise<RunSummary> {
  const monitoring = await Monitoring.start(ports, run.ctx, runId, createLogger('coordinator', process.env.DPT_LOG_LEVEL ?? 'warn'));
  for (const port of monitoring.ports) training.print?.(`dpt: serving http://localhost:${port}/ (${port === ports.dashboard ? 'dashboard' : 'metrics at /metrics, dashboard at /'})`);
  const hooks = monitoring.hooks(training.checkpoint !== undefined);
  // In-process, the run is open as soon as it starts; a distributed one once published on Redis.
  if (!distributed) monitoring.monitor.runOpened(runId);
  let outcome = 'failed';
  try {
    const summary = await train({ ...training, ...hooks, workerTotals: distributed ? hooks.workerTotals : undefined }, monitoring);
    outcome = 'finished';
    return summary;
  } catch (e) {
    if (e instanceof RunStoppedError) outcome = 'stopped';
    throw e;
  } finally {
    await monitoring.close(outcome);
  }
}

async function trainWithLocalWorkers(
  run: PreparedRun, count: number, shardsPerJob: number | 'auto', training: TrainingOptions, opts: TrainOptions, ports: MonitoringPorts,
): Promise<RunSummary> {
  const runId = `train-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  return monitored(ports, run, runId, training, (t, monitoring) => trainThroughRedis(run, count, shardsPerJob, t, opts, runId, monitoring), true);
}

async function trainThroughRedis(
  run: PreparedRun, count: number, shardsPerJob: number | 'auto', training: TrainingOptions, opts: TrainOptions, runId: string, monitoring: Monitoring,
): Promise<RunSummary> {
  const secret = trainSecret(opts.secretFile);
  const broker = await resolveBroker(opts.redis);
  const prefix = opts.prefix ?? DEFAULT_PREFIX;
  // Aborted by a dead worker or a dead private Redis: the reason is the error the run ends with.
  const aborted = new AbortController();
  const onLost = () => {
    // Nothing will ever answer at that address again: let every connection fail now rather than reconnect forever.
    abandonRedis(broker.url);
    aborted.abort(broker.lost.reason);
  };
  broker.lost.addEventListener('abort', onLost, { once: true });
  // SIGTERM or SIGINT: the run is stopped (marked so on Redis, its workers leave), never left 'running'.
  const onSignal = (signal: NodeJS.Signals) => aborted.abort(new RunStoppedError(signal));
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  // Workers log warnings and errors only: the epoch lines are the user's view of the run.
  const workers = new LocalWorkers(count, broker.url, prefix, runId, process.env.DPT_LOG_LEVEL ?? 'warn', (e) => aborted.abort(e), undefined, secret);
  let trained: Promise<RunSummary> | undefined;
  try {
    const log = createLogger('coordinator', process.env.DPT_LOG_LEVEL ?? 'warn');
    monitoring.monitor.watchRedis(broker.url, log);
    const executor = await openCoordinator({
      redisUrl: broker.url, secret, prefix, runId, ctx: run.ctx, log,
      workers: count, shardsPerJob, signal: aborted.signal, observer: monitoring.monitor,
    });
    monitoring.monitor.runOpened(runId);
    trained = runTraining(run, executor, training);
    const summary = await untilAborted(trained, aborted.signal);
    await workers.stop();
    return summary;
  } catch (e) {
    // Without their Redis, workers cannot finish a job or say goodbye: no grace then.
    await workers.kill(broker.lost.aborted ? 0 : 2000);
    // The loop may still be unwinding (closing the run as failed): give it a few seconds.
    if (trained) await settledWithin(trained, 5000);
    throw aborted.signal.aborted ? aborted.signal.reason : (brokerErrorFor(e, broker.url) ?? e);
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    broker.lost.removeEventListener('abort', onLost);
    await broker.stop();
  }
}

/** `p`, or a rejection with the signal's reason as soon as it aborts (`p` goes on, its outcome handled). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Waits until `p` settles, at most `ms`. */
async function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => {}), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
