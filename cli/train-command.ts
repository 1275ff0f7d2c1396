// `dpt train`: resolve the config, load the data, train, write the outputs.
// Everything the user can get wrong is checked before the first step.
// --workers 0 computes in this process; --workers N resolves a broker
// (--redis, REDIS_URL, or a private redis-server it starts and stops), forks
// N real worker processes and coordinates them: the same bits either way.

import { randomBytes } from 'node:crypto';
import { resolveBroker } from '../lib/redis/private-redis.js';
import { ConfigError } from '../lib/errors.js';
import { createLogger } from '../lib/log.js';
import type { ConfigFlags } from '../lib/config.js';
import { InProcessExecutor } from '../lib/train/in-process-executor.js';
import type { RunSummary } from '../lib/train/run-outputs.js';
import { defaultOutDir, prepareRun, runTraining, type PreparedRun } from '../lib/train/run-training.js';
import { DEFAULT_PREFIX } from '../lib/redis/keys.js';
import { runCoordinator } from '../services/coordinator/coordinator.js';
import { parseShardsPerJob } from './coordinator-command.js';
import { LocalWorkers } from './local-workers.js';

export interface TrainOptions extends ConfigFlags {
  out?: string;
  workers?: string;
  shardsPerJob?: string;
  redis?: string;
  prefix?: string;
  quiet?: boolean;
  checkpointDir?: string;
}

export function parseWorkers(v: string | undefined): number {
  if (v === undefined) return 0;
  if (!/^\d+$/.test(v) || Number(v) > 256) throw new ConfigError('--workers', `expected a whole number of worker processes (0..256), got "${v}"`);
  return Number(v);
}

export async function trainCommand(opts: TrainOptions): Promise<RunSummary> {
  const workers = parseWorkers(opts.workers);
  const shardsPerJob = parseShardsPerJob(opts.shardsPerJob);
  const run = prepareRun(opts);
  const outDir = opts.out ?? defaultOutDir(run.config);
  const print = opts.quiet ? () => {} : (line: string) => console.log(line);
  if (workers === 0) {
    const executor = new InProcessExecutor(run.ctx);
    try {
      return await runTraining(run, executor, { outDir, print, checkpoint: opts.checkpointDir ? { dir: opts.checkpointDir } : undefined });
    } finally {
      await executor.close();
    }
  }
  return trainWithLocalWorkers(run, workers, shardsPerJob, outDir, print, opts);
}

async function trainWithLocalWorkers(
  run: PreparedRun, count: number, shardsPerJob: number | 'auto', outDir: string, print: (l: string) => void, opts: TrainOptions,
): Promise<RunSummary> {
  const broker = await resolveBroker(opts.redis);
  const runId = `train-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const prefix = opts.prefix ?? DEFAULT_PREFIX;
  const aborted = new AbortController();
  // Workers log warnings and errors only: the epoch lines are the user's view of the run.
  const workers = new LocalWorkers(count, broker.url, prefix, runId, process.env.DPT_LOG_LEVEL ?? 'warn', (e) => aborted.abort(e));
  try {
    const summary = await runCoordinator({
      redisUrl: broker.url, prefix, runId, run, outDir, checkpoint: opts.checkpointDir ? { dir: opts.checkpointDir } : undefined,
      log: createLogger('coordinator', process.env.DPT_LOG_LEVEL ?? 'warn'), print, workers: count, shardsPerJob, signal: aborted.signal,
    });
    await workers.stop();
    return summary;
  } catch (e) {
    await workers.kill();
    throw e;
  } finally {
    await broker.stop();
  }
}
