// `dpt coordinator`: the coordinator of a multi-machine run. Workers anywhere
// join with `dpt worker --redis URL [--run-id ID]`.

import { ConfigError } from '../errors.js';
import { createLogger } from '../log.js';
import type { ConfigFlags } from '../train/config-parse.js';
import type { RunSummary } from '../train/run-outputs.js';
import { defaultOutDir, prepareRun } from '../train/run-training.js';
import { checkRunId, DEFAULT_PREFIX } from '../wire/keys.js';
import { checkRedis } from '../broker/connect.js';
import { runCoordinator } from '../../services/coordinator/coordinator-main.js';

export interface CoordinatorCommandOptions extends ConfigFlags {
  runId?: string;
  redis?: string;
  prefix?: string;
  out?: string;
  logLevel?: string;
  checkpointDir?: string;
}

export async function coordinatorCommand(opts: CoordinatorCommandOptions): Promise<RunSummary> {
  if (!opts.runId) throw new ConfigError('--run-id', 'required: a name for this run that workers can join (e.g. --run-id mnist-1)');
  const runId = checkRunId(opts.runId);
  const url = opts.redis ?? process.env.REDIS_URL;
  if (!url) throw new ConfigError('--redis', 'required (or set REDIS_URL): workers on other machines must reach the same Redis');
  const run = prepareRun(opts);
  await checkRedis(url);
  const log = createLogger('coordinator', opts.logLevel);
  const summary = await runCoordinator({
    redisUrl: url, prefix: opts.prefix ?? DEFAULT_PREFIX, runId, run, outDir: opts.out ?? defaultOutDir(run.config), log,
    checkpoint: opts.checkpointDir ? { dir: opts.checkpointDir, runId } : undefined,
  });
  log.flush();
  return summary;
}
