// End-to-end training throughput: the real coordinator loop, in-process and
// with 1 and 2 real worker processes on a private Redis, timing every step.
// The per-step overhead is (distributed step time) - (in-process step time).

import { createLogger } from '../lib/log.js';
import { InProcessExecutor } from '../lib/train/in-process-executor.js';
import { prepareRun, runTraining } from '../lib/train/run-training.js';
import { runCoordinator } from '../services/coordinator/coordinator-main.js';
import { LocalWorkers } from '../services/coordinator/local-workers.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deltas, summary } from './stats.js';

export interface EndToEndResult {
  batch: number;
  workers: number;
  steps: number;
  samplesPerSecond: number;
  stepMs: { median: number; p99: number; mean: number };
}

const out = () => join(mkdtempSync(join(tmpdir(), 'dpt-bench-')), 'out');

export async function benchEndToEnd(redisUrl: string, batch: number, shardSize: number, workers: number, steps: number): Promise<EndToEndResult> {
  const flags = { preset: 'mnist', batchSize: String(batch), shardSize: String(shardSize), maxSteps: String(steps), testLimit: '1' };
  const run = prepareRun(flags);
  const times: number[] = [];
  const observe = () => void times.push(performance.now());
  if (workers === 0) {
    await runTraining(run, new InProcessExecutor(run.ctx), { outDir: out(), print: () => {}, observe });
  } else {
    const runId = `bench-${batch}-${workers}-${Date.now().toString(36)}`;
    const local = new LocalWorkers(workers, redisUrl, 'dpt-bench', runId, 'warn', (e) => {
      throw e;
    });
    await runCoordinator({
      redisUrl, prefix: 'dpt-bench', runId, run, outDir: out(), log: createLogger('bench', 'warn'), print: () => {}, workers, observe,
    });
    await local.stop();
  }
  // Skip the first 10% of steps: worker start-up, JIT warm-up.
  const steady = deltas(times).slice(Math.floor(steps / 10));
  const stepMs = summary(steady);
  return { batch, workers, steps, samplesPerSecond: batch / (stepMs.mean / 1000), stepMs };
}
