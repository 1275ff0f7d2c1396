// `dpt coordinator`: the coordinator of a multi-machine run. Workers anywhere
// join with `dpt worker --redis URL [--run-id ID]`.

import { checkStepCount, type ConfigFlags } from '../lib/config.js';
import { ConfigError, RunStoppedError } from '../lib/errors.js';
import { createLogger } from '../lib/log.js';
import { checkRedis, useRedisCa } from '../lib/redis/connect.js';
import { checkRunId, DEFAULT_PREFIX } from '../lib/redis/keys.js';
import { prepareRunDirs, type RunSummary } from '../lib/train/run-files.js';
import { defaultOutDir, prepareRun, runTraining } from '../lib/train/run-training.js';
import { openCoordinator } from '../services/coordinator/coordinator.js';
import { requireSecret } from './secret.js';
import { Monitoring, monitoringPorts, type MonitoringFlags } from './monitoring.js';

export interface CoordinatorCommandOptions extends ConfigFlags, MonitoringFlags {
  runId?: string;
  shardsPerJob?: string;
  redis?: string;
  prefix?: string;
  out?: string;
  logLevel?: string;
  checkpointDir?: string;
  secretFile?: string;
  redisCa?: string;
  leaseMs?: string;
}

/** --shards-per-job: 'auto' (one job per worker) or a whole number of shards, 1..65536. */
export function parseShardsPerJob(v: string | undefined): number | 'auto' {
  if (v === undefined || v === 'auto') return 'auto';
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65536) {
    throw new ConfigError('--shards-per-job', `expected auto or a whole number of shards (1..65536), got "${v}"`);
  }
  return Number(v);
}

export async function coordinatorCommand(opts: CoordinatorCommandOptions): Promise<RunSummary> {
  if (!opts.runId) throw new ConfigError('--run-id', 'required: a name for this run that workers can join (e.g. --run-id mnist-1)');
  const runId = checkRunId(opts.runId);
  const url = opts.redis ?? process.env.REDIS_URL;
  if (!url) throw new ConfigError('--redis', 'required (or set REDIS_URL): workers on other machines must reach the same Redis');
  const shardsPerJob = parseShardsPerJob(opts.shardsPerJob);
  const run = prepareRun(opts);
  checkStepCount(run.config, run.ctx.trainCount);
  const outDir = opts.out ?? defaultOutDir(run.config);
  prepareRunDirs(outDir, opts.checkpointDir);
  const leaseMs = Number(opts.leaseMs ?? 10_000);
  if (!Number.isInteger(leaseMs) || leaseMs < 1000) throw new ConfigError('--lease-ms', `expected milliseconds >= 1000, got "${opts.leaseMs}"`);
  const ports = monitoringPorts(opts, 'coordinator');
  const secret = requireSecret(opts.secretFile);
  useRedisCa(opts.redisCa);
  await checkRedis(url);
  const log = createLogger('coordinator', opts.logLevel);
  // Served from before the run opens (/healthz answers, /readyz says why not yet) until it ends.
  const monitoring = await Monitoring.start(ports, run.ctx, runId, log);
  monitoring.monitor.watchRedis(url, log);
  let outcome = 'failed';
  // SIGTERM (a Kubernetes pod stopping) or SIGINT: abandon the step in hand, mark the run stopped so its
  // workers leave, and exit; the checkpoint of the last epoch stays, and the same command continues from it.
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    log.warn({ signal }, 'stopping the run');
    stop.abort(new RunStoppedError(signal));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    const executor = await openCoordinator({
      redisUrl: url, secret, prefix: opts.prefix ?? DEFAULT_PREFIX, runId, ctx: run.ctx, log, shardsPerJob, signal: stop.signal, leaseMs,
      observer: monitoring.monitor,
    });
    monitoring.monitor.runOpened(runId);
    const summary = await runTraining(run, executor, {
      outDir, print: (line) => log.info(line),
      checkpoint: opts.checkpointDir ? { dir: opts.checkpointDir, runId } : undefined,
      ...monitoring.hooks(opts.checkpointDir !== undefined),
    });
    outcome = 'finished';
    return summary;
  } catch (e) {
    if (e instanceof RunStoppedError) outcome = 'stopped';
    throw e;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await monitoring.close(outcome);
    log.flush();
  }
}
