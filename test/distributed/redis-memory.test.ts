// Redis memory stays flat over a long run: jobs are removed when done,
// per-step blobs are deleted once consumed, the event stream is capped.
// A private Redis, so nothing else moves the numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { TEST_SECRET } from '../helpers/lease.js';
import { connectRedis } from '../../lib/redis/connect.js';
import { startPrivateRedis, type PrivateRedis } from '../../lib/redis/private-redis.js';
import { createLogger } from '../../lib/log.js';
import { prepareRun, runTraining } from '../../lib/train/run-training.js';
import { openCoordinator } from '../../services/coordinator/coordinator.js';
import { LocalWorkers } from '../../cli/local-workers.js';
import { tempOut } from './helpers.js';

let server: PrivateRedis;
let probe: Redis;
beforeAll(async () => {
  server = await startPrivateRedis();
  probe = connectRedis(server.url, 'test-memory-probe');
});
afterAll(async () => {
  await probe?.quit();
  await server?.stop();
});

async function usage(): Promise<{ bytes: number; keys: number }> {
  const info = await probe.info('memory');
  return { bytes: Number(/used_memory:(\d+)/.exec(info)![1]), keys: await probe.dbsize() };
}

describe('Redis memory over a 2,000-step run', () => {
  it('is within a small bound of its value after 100 steps', async () => {
    const samples: Record<number, { bytes: number; keys: number }> = {};
    const workers = new LocalWorkers(2, server.url, 'dpt', 'memory', 'warn', () => {}, undefined, TEST_SECRET);
    const run = prepareRun({ preset: 'parity', epochs: '23', batchSize: '8', maxSteps: '2000' });
    const executor = await openCoordinator({ redisUrl: server.url, secret: TEST_SECRET, prefix: 'dpt', runId: 'memory', ctx: run.ctx, log: createLogger('coordinator', 'warn'), workers: 2 });
    const summary = await runTraining(run, executor, {
      outDir: tempOut('memory'), print: () => {},
      observe: async (plan) => {
        if (plan.step === 99 || plan.step === 1999) samples[plan.step + 1] = await usage();
      },
    });
    await workers.stop();
    expect(summary.steps).toBe(2000);
    const [at100, at2000] = [samples[100], samples[2000]];
    console.log(`redis after 100 steps: ${at100.bytes} B, ${at100.keys} keys; after 2000: ${at2000.bytes} B, ${at2000.keys} keys`);
    expect(at2000.keys).toBeLessThanOrEqual(at100.keys + 2);
    expect(at2000.bytes - at100.bytes).toBeLessThan(256 * 1024);
    // After the run, only the dataset and the run's spec, status and fence counter remain, each to expire.
    const left = (await probe.keys('*')).filter((k) => !k.startsWith('dpt:data:'));
    expect(left.sort()).toEqual(['dpt:run:memory:fence', 'dpt:run:memory:spec', 'dpt:run:memory:status']);
    for (const k of left) expect(await probe.ttl(k), k).toBeGreaterThan(0);
  });
});
