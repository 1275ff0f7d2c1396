// A worker that joins mid-run takes jobs, and the result does not change.
import { describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../helpers/lease.js';
import { createLogger } from '../../lib/log.js';
import { prepareRun, runTraining } from '../../lib/train/run-training.js';
import { openCoordinator } from '../../services/coordinator/coordinator.js';
import { LocalWorkers } from '../../cli/local-workers.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { tempOut, train } from './helpers.js';

const redis = useTestRedis();

describe('a worker joining mid-run', () => {
  it('takes jobs and leaves the bits unchanged', async () => {
    const flags = { preset: 'mnist', maxSteps: '1200', shardSize: '16', testLimit: '500' };
    const local = await train(flags, 0, redis.url);
    const prefix = uniquePrefix('late');
    const runId = 'late-joiner';
    const crashes: Error[] = [];
    const first = new LocalWorkers(1, redis.url, prefix, runId, 'warn', (e) => crashes.push(e), undefined, TEST_SECRET);
    let second: LocalWorkers | null = null;
    let joinedAt = -1;
    const run = prepareRun(flags);
    const executor = await openCoordinator({ redisUrl: redis.url, secret: TEST_SECRET, prefix, runId, ctx: run.ctx, log: createLogger('coordinator', 'warn') });
    const summary = await runTraining(run, executor, {
      outDir: tempOut('late'), print: () => {},
      observe: async (plan) => {
        if (plan.step === 50) {
          second = new LocalWorkers(1, redis.url, prefix, runId, 'warn', (e) => crashes.push(e), undefined, TEST_SECRET);
          joinedAt = plan.step;
          // Give the newcomer time to start while the run goes on.
        }
      },
    });
    await first.stop();
    await (second as LocalWorkers | null)?.stop();
    expect(crashes).toEqual([]);
    expect(joinedAt).toBe(50);
    expect(summary.workers).toBe(2); // the late worker returned results
    expect(summary.paramsSha256).toBe(local.paramsSha256);
  });
});
