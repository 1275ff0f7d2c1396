// `dpt coordinator`: the coordinator of a multi-machine run. Workers anywhere
// join with `dpt worker --redis URL [--run-id ID]`.

import type { ConfigFlags, Dispatch } from '../lib/config.js';
import { ConfigError, RunStoppedError } from '../lib/errors.js';
import { createLogger } from '../lib/log.js';
import { checkRedis, useRedisCa } from '../lib/redis/connect.js';
import { checkRunId, DEFAULT_PREFIX } from '../lib/redis/keys.js';
import type { RunSummary } from '../lib/train/run-files.js';
import { runTraining } from '../lib/train/run-training.js';
import { openCoordinator } from '../services/coordinator/coordinator.js';
import { requireSecret } from './secret.js';
import { parseMetricsEvery } from './command-line.js';
import { optionNumber } from '../lib/options.js';
import { prepareCommandRun } from './command-run.js';
import { Monitoring, monitoringPorts, type MonitoringFlags } from './monitoring.js';

export interface CoordinatorCommandOptions extends ConfigFlags, MonitoringFlags {
  runId?: string;
  shardsPerJob?: string;
  /** 'list' or 'bullmq' (lib/options.ts checked it). */
  dispatch?: string;
  redis?: string;
  prefix?: string;
  out?: string;
  logLevel?: string;
  checkpointDir?: string;
  secretFile?: string;
  redisCa?: string;
  leaseMs?: string;
  metricsEvery?: string;
  /** The arguments after `node dpt`, masked, for summary.json (main() passes them). */
  commandLine?: readonly string[];
  initFrom?: string;
  initSha256?: string;
}

/** --shards-per-job: 'auto' (one job per worker) or a whole number of shards (lib/options.ts). */
export function parseShardsPerJob(v: string | undefined): number | 'auto' {
  if (v === undefined || v === 'auto') return 'auto';
  return optionNumber('shardsPerJob', v);
}

export async function coordinatorCommand(opts: CoordinatorCommandOptions): Promise<RunSummary> {
  if (!opts.runId) throw new ConfigError('--run-id', 'required: a name for this run that workers can join (e.g. --run-id mnist-1)');
  const runId = checkRunId(opts.runId);
  const url = opts.redis ?? process.env.REDIS_URL;
  if (!url) throw new ConfigError('--redis', 'required (or set REDIS_URL): workers on other machines must reach the same Redis');
  const shardsPerJob = parseShardsPerJob(opts.shardsPerJob);
  const metricsEvery = parseMetricsEvery(opts.metricsEvery);
  const { run, outDir } = await prepareCommandRun(opts, runId);
  const leaseMs = optionNumber('leaseMs', opts.leaseMs ?? '10000');
  const ports = monitoringPorts(opts, 'coordinator');
  const secret = requireSecret(opts.secretFile);
  useRedisCa(opts.redisCa);
  await checkRedis(url);
  const log = createLogger('coordinator', opts.logLevel);
  // Served from before the run opens (/healthz answers, /readyz says why not yet) until it ends.
  const monitoring = await Monitoring.start(ports, run.ctx, runId, log);
  monitoring.monitor.watchRedis(url, log);
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
    return await monitoring.around(async () => {
      const executor = await openCoordinator({
        redisUrl: url, secret, prefix: opts.prefix ?? DEFAULT_PREFIX, runId, ctx: run.ctx, log, shardsPerJob, dispatch: opts.dispatch as Dispatch | undefined, signal: stop.signal, leaseMs,
        observer: monitoring.monitor,
      });
      monitoring.monitor.runOpened(runId);
      return runTraining(run, executor, {
        outDir, print: (line) => log.info(line),
        checkpoint: opts.checkpointDir ? { dir: opts.checkpointDir, runId } : undefined,
        identity: { runId, command: opts.commandLine ?? [] }, metricsEvery,
        // Fields a log shipper can query (the same names and values as metrics.jsonl's epoch records), not a formatted line.
        reportEpoch: (m) => log.info({ ...m, epochs: run.config.epochs }, `epoch ${m.epoch + 1}/${run.config.epochs}`),
        ...monitoring.hooks(opts.checkpointDir !== undefined),
      });
    });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    log.flush();
  }
}
