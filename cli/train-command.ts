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
import { InProcessExecutor } from '../lib/train/train-loop.js';
import type { RunSummary } from '../lib/train/run-files.js';
import { defaultOutDir, prepareRun, runTraining, type PreparedRun, type TrainingOptions } from '../lib/train/run-training.js';
import { DEFAULT_PREFIX } from '../lib/redis/keys.js';
import { openCoordinator } from '../services/coordinator/coordinator.js';
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
  const training = { outDir, print, checkpoint: opts.checkpointDir ? { dir: opts.checkpointDir } : undefined };
  if (workers === 0) return runTraining(run, new InProcessExecutor(run.ctx), training);
  return trainWithLocalWorkers(run, workers, shardsPerJob, training, opts);
}

async function trainWithLocalWorkers(
  run: PreparedRun, count: number, shardsPerJob: number | 'auto', training: TrainingOptions, opts: TrainOptions,
): Promise<RunSummary> {
  const broker = await resolveBroker(opts.redis);
  const runId = `train-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const prefix = opts.prefix ?? DEFAULT_PREFIX;
  const aborted = new AbortController();
  // Workers log warnings and errors only: the epoch lines are the user's view of the run.
  const workers = new LocalWorkers(count, broker.url, prefix, runId, process.env.DPT_LOG_LEVEL ?? 'warn', (e) => aborted.abort(e));
  try {
    const executor = await openCoordinator({
      redisUrl: broker.url, prefix, runId, ctx: run.ctx, log: createLogger('coordinator', process.env.DPT_LOG_LEVEL ?? 'warn'),
      workers: count, shardsPerJob, signal: aborted.signal,
    });
    const summary = await runTraining(run, executor, training);
    await workers.stop();
    return summary;
  } catch (e) {
    await workers.kill();
    throw e;
  } finally {
    await broker.stop();
  }
}
