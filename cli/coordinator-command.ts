// `dpt coordinator`: the coordinator of a multi-machine run. Workers anywhere
// join with `dpt worker --redis URL [--run-id ID]`.

import { existsSync } from 'node:fs';
import type { ConfigFlags } from '../lib/config.js';
import { ConfigError } from '../lib/errors.js';
import { createLogger } from '../lib/log.js';
import { checkRedis } from '../lib/redis/connect.js';
import { checkRunId, DEFAULT_PREFIX } from '../lib/redis/keys.js';
import { checkpointPath, type RunSummary } from '../lib/train/run-files.js';
import { defaultOutDir, prepareRun, runTraining } from '../lib/train/run-training.js';
import { openCoordinator } from '../services/coordinator/coordinator.js';

export interface CoordinatorCommandOptions extends ConfigFlags {
  runId?: string;
  shardsPerJob?: string;
  redis?: string;
  prefix?: string;
  out?: string;
  logLevel?: string;
  checkpointDir?: string;
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
  await checkRedis(url);
  const log = createLogger('coordinator', opts.logLevel);
  const executor = await openCoordinator({
    redisUrl: url, prefix: opts.prefix ?? DEFAULT_PREFIX, runId, ctx: run.ctx, log, shardsPerJob,
    resuming: opts.checkpointDir !== undefined && existsSync(checkpointPath(opts.checkpointDir)),
  });
  const summary = await runTraining(run, executor, {
    outDir: opts.out ?? defaultOutDir(run.config), print: (line) => log.info(line),
    checkpoint: opts.checkpointDir ? { dir: opts.checkpointDir, runId } : undefined,
  });
  log.flush();
  return summary;
}
