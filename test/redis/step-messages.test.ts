// A shard job that cannot be computed reaches the coordinator as a named
// error at once, instead of a step timeout minutes later.
import { Queue, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { ShardFailedError, WireError } from '../../lib/errors.js';
import { createLogger } from '../../lib/log.js';
import { bullConnection } from '../../lib/redis/connect.js';
import { epochOrder, planStep } from '../../lib/train/plan.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { encodeShardResult } from '../../lib/wire/codecs.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { decodeShardFailure, encodeShardFailure, SHARD_QUEUE, type ShardFailure, type ShardJobData } from '../../services/step-protocol.js';
import { RedisExecutor } from '../../services/coordinator/redis-executor.js';
import { ShardProcessor } from '../../services/worker/shard-processor.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { useConnection, useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('failure');
/** BLPOP blocks its connection: the executor pops on a connection of its own. */
const blocking = useConnection(db, 'failure-blocking');

describe('failed shard jobs', () => {
  const { ctx, config } = prepareRun({ preset: 'parity', batchSize: '16', shardSize: '8' });
  const keys = new RunKeys(db.prefix, 'fail');
  /** The failure list, decoded. */
  const notices = async (): Promise<ShardFailure[]> => (await db.client.lrangeBuffer(keys.failed, 0, -1)).map((b) => decodeShardFailure(b));
  const log = createLogger('test', 'silent');
  // Built per test: the connection exists only once beforeAll has run.
  const processorFor = () => new ShardProcessor({ redis: db.client, keys, ctx, weights: new WeightsCache(db.client, keys, { dtype: 'float32', paramCount: ctx.paramCount }, log), workerName: 't', log });

  it('a malformed job is reported and fails the step with ShardFailedError', async () => {
    const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: bullConnection(db.url, 'test-failure-bull'), prefix: keys.bullPrefix });
    const executor = new RedisExecutor({ redis: db.client, blocking: blocking.client, queue, keys, ctx, log, workers: 1, stepTimeoutMs: 20_000 });
    try {
      const plan = planStep(epochOrder(config.seed, 0, 700), 0, 0, 16, 8);
      const running = executor.run(plan, ctx.initialParams(), 0);
      // A job for shard 1 of step 0 whose indices are out of range: the worker refuses it.
      const bad = { id: 'bad', data: { step: 0, version: 0, shards: [{ shard: 1, indices: [99999] }] }, attemptsMade: 1, opts: { attempts: 3 } } as unknown as Job<ShardJobData>;
      await expect(processorFor().process(bad)).rejects.toThrow(/outside 0\.\.699/);
      await expect(running).rejects.toThrow(ShardFailedError);
      await expect(running).rejects.toThrow(/step 0 shard 1 failed: .*sample index 99999/);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it.each([
    ['a NaN in the gradient', (g: Float32Array) => (g[g.length - 1] = NaN), 0],
    ['an infinity in the gradient', (g: Float32Array) => (g[3] = -Infinity), 0],
    ['a NaN error sum', () => {}, NaN],
  ])('a result with %s fails the step with a WireError naming it, before anything is applied', async (_what, spoil, errorSum) => {
    const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: bullConnection(db.url, 'test-failure-bull'), prefix: keys.bullPrefix });
    const executor = new RedisExecutor({ redis: db.client, blocking: blocking.client, queue, keys, ctx, log, workers: 1, stepTimeoutMs: 20_000 });
    try {
      const plan = planStep(epochOrder(config.seed, 0, 700), 0, 0, 16, 8);
      const running = executor.run(plan, ctx.initialParams(), 0);
      const gradient = new Float32Array(ctx.paramCount).fill(0.5);
      spoil(gradient);
      const result = { runId: keys.runId, step: 0, shard: 1, version: 0, samples: 8, errorSum, correct: 3, gradient, worker: 'w-diverged' };
      await db.client.rpush(keys.done, Buffer.from(encodeShardResult(result)));
      await expect(running).rejects.toThrow(WireError);
      await expect(running).rejects.toThrow(/step 0 shard 1 result from w-diverged.*contains NaN or infinite values/);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await db.client.del(keys.done);
    }
  });

  it('a job on its last failed attempt is reported; one BullMQ will retry is not', async () => {
    await db.client.del(keys.failed);
    const job = (attemptsMade: number) => ({ id: 'x', data: { step: 4, version: 4, shards: [{ shard: 2, indices: [0] }] }, attemptsMade, opts: { attempts: 3 } }) as unknown as Job;
    const processor = processorFor();
    processor.onFailed(job(1), new Error('transient'));
    processor.onFailed(job(3), new Error('weights version 4 did not arrive'));
    await new Promise((r) => setTimeout(r, 50));
    expect(await notices()).toEqual([{ runId: 'fail', step: 4, shard: 2, reason: 'weights version 4 did not arrive', worker: 't' }]);
  });

  it('a job of several shards that failed for good is reported for each of them', async () => {
    await db.client.del(keys.failed);
    const job = { id: 'y', data: { step: 5, version: 5, shards: [{ shard: 2, indices: [0] }, { shard: 3, indices: [1] }] }, attemptsMade: 3, opts: { attempts: 3 } } as unknown as Job;
    processorFor().onFailed(job, new Error('out of memory'));
    await new Promise((r) => setTimeout(r, 50));
    expect(await notices()).toEqual([
      { runId: 'fail', step: 5, shard: 2, reason: 'out of memory', worker: 't' },
      { runId: 'fail', step: 5, shard: 3, reason: 'out of memory', worker: 't' },
    ]);
  });

  it.each([
    ['garbage bytes', () => Buffer.from('not a protobuf \xff\xff\xff')],
    ['the old "step:shard:reason" text', () => Buffer.from('0:1:forged')],
    ['a notice of another run', () => Buffer.from(encodeShardFailure({ runId: 'other', step: 0, shard: 1, reason: 'forged', worker: 'x' }))],
    ['a notice of another step', () => Buffer.from(encodeShardFailure({ runId: 'fail', step: 7, shard: 1, reason: 'stale', worker: 'x' }))],
    ['a notice of a shard the step does not have', () => Buffer.from(encodeShardFailure({ runId: 'fail', step: 0, shard: 9, reason: 'forged', worker: 'x' }))],
  ])('%s on the failure list is dropped, and the step completes', async (_what, notice) => {
    const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: bullConnection(db.url, 'test-failure-bull'), prefix: keys.bullPrefix });
    const executor = new RedisExecutor({ redis: db.client, blocking: blocking.client, queue, keys, ctx, log, workers: 1, stepTimeoutMs: 20_000 });
    try {
      const plan = planStep(epochOrder(config.seed, 0, 700), 0, 0, 16, 8);
      await db.client.rpush(keys.failed, notice());
      const running = executor.run(plan, ctx.initialParams(), 0);
      for (const shard of [0, 1]) {
        const gradient = new Float32Array(ctx.paramCount).fill(0.25);
        const result = { runId: keys.runId, step: 0, shard, version: 0, samples: 8, errorSum: 1, correct: 3, gradient, worker: 'w' };
        await db.client.rpush(keys.done, Buffer.from(encodeShardResult(result)));
      }
      const outcomes = await running;
      expect(outcomes.map((o) => o.samples)).toEqual([8, 8]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await db.client.del(keys.done, keys.failed);
    }
  });
});
