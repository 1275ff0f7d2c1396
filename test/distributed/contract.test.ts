// The reproducibility contract: the final parameters are the same bits for
// any number of workers (real processes through real Redis) and in-process.
import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../helpers/redis.js';
import { startPrivateRedis } from '../../lib/redis/private-redis.js';
import { train } from './helpers.js';

const redis = useTestRedis();

describe.each(['float32', 'float64'])('the same bits for 0, 1, 2 and 3 workers (%s)', (dtype) => {
  it('parity preset, 3 epochs, batch 32 in shards of 8', async () => {
    const flags = { preset: 'parity', epochs: '3', batchSize: '32', shardSize: '8', dtype };
    const local = await train(flags, 0, redis.url);
    for (const workers of [1, 2, 3]) {
      const s = await train(flags, workers, redis.url);
      expect(s.paramsSha256, `${workers} workers`).toBe(local.paramsSha256);
      expect(s.workers).toBe(workers);
      expect(s.steps).toBe(local.steps);
      expect(s.testAccuracy).toBe(local.testAccuracy);
      // Error sums are added along the same tree as the gradients, whoever pre-added which subtree.
      expect(s.trainError).toBe(local.trainError);
      expect(s.reduction).toBe('pairwise-tree-v1');
    }
  });

  it('MNIST, 200 steps of batch 64 in shards of 16', async () => {
    const flags = { preset: 'mnist', maxSteps: '200', shardSize: '16', testLimit: '1000', dtype };
    const local = await train(flags, 0, redis.url);
    expect(local.steps).toBe(200);
    for (const workers of [1, 2, 3]) {
      const s = await train(flags, workers, redis.url);
      expect(s.paramsSha256, `${workers} workers`).toBe(local.paramsSha256);
      expect(s.trainError, `${workers} workers`).toBe(local.trainError);
    }
  });
});

describe('the jobs list and BullMQ', () => {
  it('carry the same jobs: the same bits through either dispatch, for 2 and 3 workers', async () => {
    const flags = { preset: 'parity', epochs: '3', batchSize: '32', shardSize: '8' };
    const local = await train(flags, 0, redis.url);
    for (const workers of [2, 3]) {
      for (const dispatch of ['list', 'bullmq']) {
        const s = await train(flags, workers, redis.url, { dispatch });
        expect(s.paramsSha256, `${workers} workers, ${dispatch}`).toBe(local.paramsSha256);
        expect(s.trainError, `${workers} workers, ${dispatch}`).toBe(local.trainError);
      }
    }
  });
});

describe('on a Redis without BLMPOP (before Redis 7)', () => {
  it('results are taken one per round trip, with the same bits', async () => {
    // BLMPOP renamed away: the server answers "unknown command", as Redis 6 would.
    const old = await startPrivateRedis({ args: ['--rename-command', 'BLMPOP', ''] });
    try {
      const flags = { preset: 'parity', epochs: '2', batchSize: '32', shardSize: '8' };
      const local = await train(flags, 0, redis.url);
      const s = await train(flags, 2, old.url);
      expect(s.paramsSha256).toBe(local.paramsSha256);
    } finally {
      await old.stop();
    }
  });
});
