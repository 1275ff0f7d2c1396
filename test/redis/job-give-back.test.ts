// Jobs are queued a step before their weights exist. A worker holding such a
// job must not sit on it while a job of the step in progress (a retry, a
// stalled job handed out again) waits behind it in the queue: after its
// patience it gives the job back, unspent, and takes the next one.
import { Queue, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log.js';
import { bullConnection } from '../../lib/redis/connect.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { decodeShardResult, encodeWeightsSnapshot } from '../../lib/wire/codecs.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { SHARD_QUEUE, shardJobId, shardJobPriority, type ShardJobData } from '../../services/step-protocol.js';
import { ShardProcessor } from '../../services/worker/shard-processor.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { sealed, takeTestLease } from '../helpers/lease.js';
import { useConnection, useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('give-back');
/** BLPOP blocks its connection: the processor's own commands must not queue behind it. */
const blocking = useConnection(db, 'give-back-blocking');

describe('a job queued ahead of its weights', () => {
  it('is given back after its patience, so the job of the current step behind it runs, and it runs once its weights come', async () => {
    const { ctx } = prepareRun({ preset: 'parity', batchSize: '8', shardSize: '8' });
    const keys = new RunKeys(db.prefix, 'gb');
    const log = createLogger('test', 'silent');
    const expect32 = { dtype: 'float32' as const, paramCount: ctx.paramCount };
    const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: bullConnection(db.url, 'test-gb-queue'), prefix: keys.bullPrefix });
    const { seal, worker: leaseKeys } = await takeTestLease(db.client, keys);
    const processor = new ShardProcessor({
      redis: db.client, keys, ctx, weights: new WeightsCache(db.client, keys, expect32, log, leaseKeys), lease: leaseKeys, workerName: 'w', log, patienceMs: 300,
    });
    const store = async (version: number) => {
      const snapshot = encodeWeightsSnapshot({ runId: keys.runId, version, params: ctx.initialParams() });
      await db.client.set(keys.weights(version), sealed(seal, 'weights', snapshot));
      await db.client.set(keys.version, version);
    };
    let worker: Worker | null = null;
    try {
      await store(0);
      // The worker takes step 1's job (queued a step early) and waits for its weights; then a job of
      // step 0 comes back to the queue (a retry, a stalled job handed out again).
      await queue.add('shard', seal.sealJob({ step: 1, version: 1, shardsInStep: 1, shards: [{ shard: 0, indices: [1, 2] }] }), { jobId: shardJobId(1, 0), priority: shardJobPriority(1) });
      worker = new Worker(SHARD_QUEUE, processor.process, { connection: bullConnection(db.url, 'test-gb-worker'), prefix: keys.bullPrefix, concurrency: 1 });
      while ((await queue.getActiveCount()) === 0) await new Promise((r) => setTimeout(r, 10));
      await queue.add('shard', seal.sealJob({ step: 0, version: 0, shardsInStep: 1, shards: [{ shard: 0, indices: [3, 4, 5] }] }), { jobId: shardJobId(0, 0), priority: shardJobPriority(0) });
      const started = performance.now();
      const first = await blocking.client.blpopBuffer(keys.done, 10);
      expect(first, 'step 0 result within 10 s (without give-back: only after the 60 s weights timeout)').not.toBeNull();
      const r0 = decodeShardResult(seal.open('result', first![1], 'result'), expect32);
      expect([r0.step, r0.samples]).toEqual([0, 3]);
      expect(performance.now() - started).toBeGreaterThan(200); // it did wait for its patience first
      await store(1);
      const second = await blocking.client.blpopBuffer(keys.done, 10);
      expect(second).not.toBeNull();
      const r1 = decodeShardResult(seal.open('result', second![1], 'result'), expect32);
      expect([r1.step, r1.version, r1.samples]).toEqual([1, 1, 2]);
      // Given back, not failed: no attempt was spent on waiting.
      expect(await queue.getFailedCount()).toBe(0);
    } finally {
      await worker?.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
