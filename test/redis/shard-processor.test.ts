// The worker's shard processor against a real Redis: each result carries the
// job's own gradient, also when jobs overlap in one process (results are
// sent from their buffer without a copy, so overlapping jobs must not share one).
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { decodeShardResult, encodeWeightsSnapshot } from '../../lib/wire/codecs.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { RunSeal, type ShardJobData } from '../../services/step-protocol.js';
import { tensorToBytes } from '../../lib/wire/tensors.js';
import { ShardProcessor } from '../../services/worker/shard-processor.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { sealed, takeTestLease } from '../helpers/lease.js';
import { useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('shard-processor');

/** A processor of run `runId` whose weights of `version` (the initial parameters) are stored. */
async function processorWithWeights(runId: string, version: number) {
  const { ctx } = prepareRun({ preset: 'mnist', batchSize: '64', shardSize: '16', testLimit: '10' });
  const keys = new RunKeys(db.prefix, runId);
  const log = createLogger('test', 'silent');
  const expect32 = { dtype: 'float32' as const, paramCount: ctx.paramCount };
  const params = ctx.initialParams();
  const { seal, worker } = await takeTestLease(db.client, keys);
  await db.client.set(keys.weights(version), sealed(seal, 'weights', encodeWeightsSnapshot({ runId: keys.runId, version, params })));
  await db.client.set(keys.version, version);
  const processor = new ShardProcessor({ redis: db.client, keys, ctx, weights: new WeightsCache(db.client, keys, expect32, log, worker), lease: worker, workerName: 'w', log });
  /** A result as the coordinator reads it. */
  const result = (bytes: Buffer) => decodeShardResult(seal.open('result', bytes, 'a result'), expect32);
  return { ctx, keys, seal, result, params, processor };
}

describe('ShardProcessor', () => {
  it('jobs processed at the same time each push their own, exact gradient', async () => {
    const { ctx, keys, seal, result, params, processor } = await processorWithWeights('sp', 3);
    const shards = [[0, 1, 2, 3], [10, 11, 12], [20, 21, 22, 23, 24]];
    const job = (shard: number) => ({ id: `s3-${shard}`, data: seal.sealJob({ step: 3, version: 3, shardsInStep: 4, shards: [{ shard, indices: shards[shard] }] }), attemptsMade: 0, opts: {} }) as unknown as Job<ShardJobData>;
    // Two rounds: the second reuses the buffers the first gave back.
    for (let round = 0; round < 2; round++) {
      expect(await Promise.all(shards.map((_, k) => processor.process(job(k))))).toEqual(['stored', 'stored', 'stored']);
      const pushed = await db.client.lrangeBuffer(keys.done, 0, -1);
      await db.client.del(keys.done);
      expect(pushed).toHaveLength(3);
      for (const bytes of pushed) {
        const r = result(bytes); // a shared buffer fails here: authentication or crc32
        const expected = ctx.newParams();
        ctx.shardGradient(ctx.weightsFor(params, 0), expected, shards[r.shard]);
        expect(Buffer.from(tensorToBytes(r.gradient)).equals(Buffer.from(tensorToBytes(expected))), `round ${round} shard ${r.shard}`).toBe(true);
      }
    }
  });

  it('a job of several shards pushes one exact result per whole subtree of the step\'s tree, in shard order, in one push', async () => {
    const { ctx, keys, seal, result, params, processor } = await processorWithWeights('sp-multi', 2);
    // Shards 1..3 of a step of 4: the tree is (g0 + g1) + (g2 + g3), so shard 1 goes alone and shards 2 and 3 as their sum.
    const shards = [{ shard: 1, indices: [7, 3, 5] }, { shard: 2, indices: [40, 41] }, { shard: 3, indices: [9] }];
    const rpushes: number[] = [];
    const send = db.client.sendCommand.bind(db.client);
    db.client.sendCommand = ((command: Parameters<typeof send>[0]) => {
      if (command.name === 'rpush') rpushes.push(1);
      return send(command);
    }) as typeof db.client.sendCommand;
    try {
      const job = { id: 's2-1', data: seal.sealJob({ step: 2, version: 2, shardsInStep: 4, shards }), attemptsMade: 0, opts: {} } as unknown as Job<ShardJobData>;
      expect(await processor.process(job)).toBe('stored');
    } finally {
      db.client.sendCommand = send;
    }
    expect(rpushes).toHaveLength(1);
    const pushed = (await db.client.lrangeBuffer(keys.done, 0, -1)).map(result);
    expect(pushed.map((r) => [r.step, r.shard, r.shardCount, r.version, r.samples])).toEqual([[2, 1, 1, 2, 3], [2, 2, 2, 2, 3]]);
    const g = shards.map((s) => {
      const one = ctx.newParams();
      ctx.shardGradient(ctx.weightsFor(params, 0), one, s.indices);
      return one;
    });
    const pair = g[1].map((v, i) => Math.fround(v + g[2][i]));
    expect(Buffer.from(tensorToBytes(pushed[0].gradient)).equals(Buffer.from(tensorToBytes(g[0]))), 'shard 1').toBe(true);
    expect(Buffer.from(tensorToBytes(pushed[1].gradient)).equals(Buffer.from(tensorToBytes(pair))), 'shards 2 + 3').toBe(true);
    expect(pushed[1].errorSum).toBe(pushed[1].errorSum); // a number, checked against the coordinator's sum in test/distributed
  });

  it('a tree-aligned group of 4 shards sends one tensor: ((g0 + g1) + (g2 + g3))', async () => {
    const { ctx, keys, seal, result, params, processor } = await processorWithWeights('sp-tree', 2);
    const shards = [{ shard: 0, indices: [1, 2] }, { shard: 1, indices: [3] }, { shard: 2, indices: [4, 5, 6] }, { shard: 3, indices: [7] }];
    const job = { id: 's2-0', data: seal.sealJob({ step: 2, version: 2, shardsInStep: 4, shards }), attemptsMade: 0, opts: {} } as unknown as Job<ShardJobData>;
    expect(await processor.process(job)).toBe('stored');
    const pushed = (await db.client.lrangeBuffer(keys.done, 0, -1)).map(result);
    expect(pushed.map((r) => [r.shard, r.shardCount, r.samples])).toEqual([[0, 4, 7]]);
    const g = shards.map((s) => {
      const one = ctx.newParams();
      const stats = ctx.shardGradient(ctx.weightsFor(params, 0), one, s.indices);
      return { one, stats };
    });
    const want = g[0].one.map((_, i) => Math.fround(Math.fround(g[0].one[i] + g[1].one[i]) + Math.fround(g[2].one[i] + g[3].one[i])));
    expect(Buffer.from(tensorToBytes(pushed[0].gradient)).equals(Buffer.from(tensorToBytes(want)))).toBe(true);
    expect(pushed[0].errorSum).toBe((g[0].stats.errorSum + g[1].stats.errorSum) + (g[2].stats.errorSum + g[3].stats.errorSum));
    expect(pushed[0].correct).toBe(g.reduce((n, x) => n + x.stats.correct, 0));
  });
});

describe('ShardProcessor and jobs that are not the run\'s', () => {
  it.each([
    ['unsealed', (d: ShardJobData) => d],
    ['sealed, then its sample indices changed', (d: ShardJobData, seal: RunSeal) => ({ ...seal.sealJob(d), shards: [{ shard: 0, indices: [5, 6, 7] }] })],
    ['sealed under another secret', (d: ShardJobData) => new RunSeal(Buffer.from('another-secret-of-32-bytes-000000'), 'sp-forged', 1).sealJob(d)],
    ['malformed', () => ({ step: 'x' }) as unknown as ShardJobData],
  ])('a %s job is dropped: no work, no result, no failure notice', async (_what, forge) => {
    const { keys, seal, processor } = await processorWithWeights('sp-forged', 4);
    const data = forge({ step: 4, version: 4, shardsInStep: 4, shards: [{ shard: 0, indices: [1, 2, 3] }] }, seal);
    const job = { id: 'forged', data, attemptsMade: 0, opts: { attempts: 3 } } as unknown as Job<ShardJobData>;
    expect(await processor.process(job)).toBe('dropped');
    processor.onFailed(job, new Error('failed for good'));
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.client.llen(keys.done)).toBe(0);
    expect(await db.client.llen(keys.failed)).toBe(0);
  });
});
