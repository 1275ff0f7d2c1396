// The worker's shard processor against a real Redis: each result carries the
// job's own gradient, also when jobs overlap in one process (results are
// sent from their buffer without a copy, so overlapping jobs must not share one).
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { decodeShardResult, encodeWeightsSnapshot } from '../../lib/wire/codecs.js';
import { RunKeys } from '../../lib/redis/keys.js';
import type { ShardJobData } from '../../services/step-protocol.js';
import { tensorToBytes } from '../../lib/wire/tensors.js';
import { ShardProcessor } from '../../services/worker/shard-processor.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('shard-processor');

/** A processor of run `runId` whose weights of `version` (the initial parameters) are stored. */
async function processorWithWeights(runId: string, version: number) {
  const { ctx } = prepareRun({ preset: 'mnist', batchSize: '64', shardSize: '16', testLimit: '10' });
  const keys = new RunKeys(db.prefix, runId);
  const log = createLogger('test', 'silent');
  const expect32 = { dtype: 'float32' as const, paramCount: ctx.paramCount };
  const params = ctx.initialParams();
  await db.client.set(keys.weights(version), Buffer.from(encodeWeightsSnapshot({ runId: keys.runId, version, params })));
  await db.client.set(keys.version, version);
  const processor = new ShardProcessor({ redis: db.client, keys, ctx, weights: new WeightsCache(db.client, keys, expect32, log), workerName: 'w', log });
  return { ctx, keys, expect32, params, processor };
}

describe('ShardProcessor', () => {
  it('jobs processed at the same time each push their own, exact gradient', async () => {
    const { ctx, keys, expect32, params, processor } = await processorWithWeights('sp', 3);
    const shards = [[0, 1, 2, 3], [10, 11, 12], [20, 21, 22, 23, 24]];
    const job = (shard: number) => ({ id: `s3-${shard}`, data: { step: 3, version: 3, shards: [{ shard, indices: shards[shard] }] }, attemptsMade: 0, opts: {} }) as unknown as Job<ShardJobData>;
    // Two rounds: the second reuses the buffers the first gave back.
    for (let round = 0; round < 2; round++) {
      expect(await Promise.all(shards.map((_, k) => processor.process(job(k))))).toEqual(['stored', 'stored', 'stored']);
      const pushed = await db.client.lrangeBuffer(keys.done, 0, -1);
      await db.client.del(keys.done);
      expect(pushed).toHaveLength(3);
      for (const bytes of pushed) {
        const r = decodeShardResult(bytes, expect32); // a shared buffer fails here: crc32 mismatch
        const expected = ctx.newParams();
        ctx.shardGradient(params, expected, shards[r.shard]);
        expect(Buffer.from(tensorToBytes(r.gradient)).equals(Buffer.from(tensorToBytes(expected))), `round ${round} shard ${r.shard}`).toBe(true);
      }
    }
  });

  it('a job of several shards pushes one exact result per shard, in shard order, in one push', async () => {
    const { ctx, keys, expect32, params, processor } = await processorWithWeights('sp-multi', 2);
    const shards = [{ shard: 1, indices: [7, 3, 5] }, { shard: 2, indices: [40, 41] }, { shard: 3, indices: [9] }];
    const rpushes: number[] = [];
    const send = db.client.sendCommand.bind(db.client);
    db.client.sendCommand = ((command: Parameters<typeof send>[0]) => {
      if (command.name === 'rpush') rpushes.push(1);
      return send(command);
    }) as typeof db.client.sendCommand;
    try {
      const job = { id: 's2-1', data: { step: 2, version: 2, shards }, attemptsMade: 0, opts: {} } as unknown as Job<ShardJobData>;
      expect(await processor.process(job)).toBe('stored');
    } finally {
      db.client.sendCommand = send;
    }
    expect(rpushes).toHaveLength(1);
    const pushed = (await db.client.lrangeBuffer(keys.done, 0, -1)).map((b) => decodeShardResult(b, expect32));
    expect(pushed.map((r) => [r.step, r.shard, r.version, r.samples])).toEqual([[2, 1, 2, 3], [2, 2, 2, 2], [2, 3, 2, 1]]);
    for (const [k, r] of pushed.entries()) {
      const expected = ctx.newParams();
      ctx.shardGradient(params, expected, shards[k].indices);
      expect(Buffer.from(tensorToBytes(r.gradient)).equals(Buffer.from(tensorToBytes(expected))), `shard ${r.shard}`).toBe(true);
    }
  });
});
