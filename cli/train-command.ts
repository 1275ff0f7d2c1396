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
import { RunStoppedError } from '../lib/errors.js';
import { createLogger } from '../lib/log.js';
import type { ConfigFlags, Dispatch } from '../lib/config.js';
import { InProcessExecutor, type EpochMetrics, type LoopState } from '../lib/train/train-loop.js';
import type { StepPlan } from '../lib/train/plan.js';
import { abandonRedis, brokerErrorFor, useRedisCa } from '../lib/redis/connect.js';
import type { RunSummary } from '../lib/train/run-files.js';
import { runTraining, type PreparedRun, type TrainingOptions } from '../lib/train/run-training.js';
import { DEFAULT_PREFIX } from '../lib/redis/keys.js';
import { openCoordinator } from '../services/coordinator/coordinator.js';
import { parseShardsPerJob } from './coordinator-command.js';
import { LocalWorkers } from './local-workers.js';
import { trainSecret } from './secret.js';
import { parseMetricsEvery } from './command-line.js';
import { optionNumber } from '../lib/options.js';
import { prepareCommandRun } from './command-run.js';
import { Monitoring, monitoringPorts, type MonitoringFlags, type MonitoringPorts } from './monitoring.js';

export interface TrainOptions extends ConfigFlags, MonitoringFlags {
  out?: string;
  workers?: string;
  shardsPerJob?: string;
  /** 'list' or 'bullmq' (lib/options.ts checked it). */
  dispatch?: string;
  redis?: string;
  prefix?: string;
  quiet?: boolean;
  checkpointDir?: string;
  secretFile?: string;
  redisCa?: string;
  metricsEvery?: string;
  /** The arguments after `node dpt`, masked, for summary.json (main() passes them). */
  commandLine?: readonly string[];
  initFrom?: string;
  initSha256?: string;
}

export function parseWorkers(v: string | undefined): number {
  return v === undefined ? 0 : optionNumber('workers', v);
}

/** What a caller of trainCommand other than the CLI may watch or stop (the library API, index.ts). */
export interface TrainHooks {
  onStep?: (plan: StepPlan, state: LoopState) => void | Promise<void>;
  onEpoch?: (metrics: EpochMetrics, state: LoopState) => void | Promise<void>;
  /** Aborting stops the run like SIGTERM: the step in hand is abandoned, the run ends with RunStoppedError. */
  signal?: AbortSignal;
}

export async function trainCommand(opts: TrainOptions, hooks: TrainHooks = {}): Promise<RunSummary> {
  const workers = parseWorkers(opts.workers);
  const shardsPerJob = parseShardsPerJob(opts.shardsPerJob);
  const metricsEvery = parseMetricsEvery(opts.metricsEvery);
  // --redis-ca reaches every connection of this process, and the workers, as DPT_REDIS_CA.
  const restoreCa = useRedisCa(opts.redisCa);
  try {
    return await train(opts, workers, shardsPerJob, metricsEvery, hooks);
  } finally {
    restoreCa();
  }
}

async function train(opts: TrainOptions, workers: number, shardsPerJob: number | 'auto', metricsEvery: number, hooks: TrainHooks): Promise<RunSummary> {
  if (hooks.signal?.aborted) throw stoppedBy(hooks.signal);
  const { run, outDir } = await prepareCommandRun(opts, undefined);
  const ports = monitoringPorts(opts, 'train');
  const print = opts.quiet ? () => {} : (line: string) => console.log(line);
  // A run id even in-process: summary.json names every run.
  const runId = `train-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const training: TrainingOptions = {
    outDir, print, checkpoint: opts.checkpointDir ? { dir: opts.checkpointDir } : undefined,
    // --quiet (and the library's default) draws no progress bar either, even on a terminal.
    progress: opts.quiet ? { isTTY: false, write: () => true } : undefined,
    identity: { runId, command: opts.commandLine ?? [] }, metricsEvery, onEpoch: hooks.onEpoch, observe: hooks.onStep,
  };
  if (workers === 0) {
    return monitored(ports, run, runId, training, (t) => trainInProcess(run, t, hooks.signal), false);
  }
  return monitored(ports, run, runId, training,
    (t, monitoring) => trainWithLocalWorkers(run, workers, shardsPerJob, t, opts, runId, monitoring, hooks.signal), true);
}

/**
 * In this process; SIGTERM, SIGINT or the caller's signal ends the run after
 * the step in hand, as stopped (summary.json says so).
 */
async function trainInProcess(run: PreparedRun, training: TrainingOptions, caller?: AbortSignal): Promise<RunSummary> {
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => stop.abort(new RunStoppedError(signal));
  const onAbort = () => stop.abort(stoppedBy(caller!));
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  caller?.addEventListener('abort', onAbort, { once: true });
  // Aborted while the run was being prepared: no event will come.
  if (caller?.aborted) onAbort();
  try {
    return await runTraining(run, new InProcessExecutor(run.ctx), { ...training, signal: stop.signal });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    caller?.removeEventListener('abort', onAbort);
  }
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
  // The caller's step hook (the library's onStep) runs after the monitor's.
  const observe = training.observe;
  const both: TrainingOptions['observe'] = observe && hooks.observe
    ? async (plan, state) => {
      await hooks.observe!(plan, state);
      await observe(plan, state);
    }
    : observe ?? hooks.observe;
  return monitoring.around(() => train({ ...training, ...hooks, observe: both, workerTotals: distributed ? hooks.workerTotals : undefined }, monitoring));
}

async function trainWithLocalWorkers(
  run: PreparedRun, count: number, shardsPerJob: number | 'auto', training: TrainingOptions, opts: TrainOptions, runId: string,
  monitoring: Monitoring, signal?: AbortSignal,
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
  const onAbort = () => aborted.abort(stoppedBy(signal!));
  signal?.addEventListener('abort', onAbort, { once: true });
  // Aborted while the broker was starting: no event will come.
  if (signal?.aborted) onAbort();
  // Workers log warnings and errors only: the epoch lines are the user's view of the run.
  const workers = new LocalWorkers(count, broker.url, prefix, runId, process.env.DPT_LOG_LEVEL ?? 'warn', (e) => aborted.abort(e), undefined, secret);
  let trained: Promise<RunSummary> | undefined;
  try {
    const log = createLogger('coordinator', process.env.DPT_LOG_LEVEL ?? 'warn');
    monitoring.monitor.watchRedis(broker.url, log);
    const executor = await openCoordinator({
      redisUrl: broker.url, secret, prefix, runId, ctx: run.ctx, log,
      workers: count, shardsPerJob, dispatch: opts.dispatch as Dispatch | undefined, signal: aborted.signal, observer: monitoring.monitor,
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
    signal?.removeEventListener('abort', onAbort);
    broker.lost.removeEventListener('abort', onLost);
    await broker.stop();
  }
}

/** The error a run stopped by `signal` ends with: its reason when that is an error, else RunStoppedError. */
function stoppedBy(signal: AbortSignal): Error {
  return signal.reason instanceof RunStoppedError ? signal.reason : new RunStoppedError('the caller\'s AbortSignal');
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
