// What the coordinator's executor does with what it finds on the run's
// result and failure lists, against a real Redis: a genuine failure notice
// for the step in hand fails it at once (not after a timeout); anything else
// (garbage, unsealed or forged messages, other runs, other steps, a result
// that does not answer the job) is dropped and counted, never fatal, never
// applied, and the genuine results complete the step.
import { Queue, type Job } from 'bullmq';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ShardFailedError } from '../../lib/errors.js';
import { createLogger } from '../../lib/log.js';
import { bullConnection } from '../../lib/redis/connect.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { epochOrder, planStep } from '../../lib/train/plan.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { encodeShardResult } from '../../lib/wire/codecs.js';
import type { ShardResult } from '../../lib/wire/types.js';
import { RedisExecutor } from '../../services/coordinator/redis-executor.js';
import {
  decodeShardFailure, encodeShardFailure, RunSeal, SHARD_QUEUE, type ShardFailure, type ShardJobData,
} from '../../services/step-protocol.js';
import { ShardProcessor } from '../../services/worker/shard-processor.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { sealed, takeTestLease, type TestLease } from '../helpers/lease.js';
import { useConnection, useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('step-messages');
/** BLMPOP blocks its connection: the executor pops on a connection of its own. */
const blocking = useConnection(db, 'step-messages-blocking');

describe('the result and failure lists', () => {
  const { ctx, config } = prepareRun({ preset: 'parity', batchSize: '16', shardSize: '8' });
  const keys = new RunKeys(db.prefix, 'msgs');
  const log = createLogger('test', 'silent');
  const plan = planStep(epochOrder(config.seed, 0, 700), 0, 0, 16, 8);
  let lease: TestLease;
  const queues: Queue[] = [];
  beforeAll(async () => {
    lease = await takeTestLease(db.client, keys);
  });
  afterEach(async () => {
    for (const q of queues.splice(0)) {
      await q.obliterate({ force: true });
      await q.close();
    }
    await db.client.del(keys.done, keys.failed);
  });

  /** An executor of this run whose stall check runs after `resendMs`. */
  const executor = (resendMs = 20_000) => {
    const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: bullConnection(db.url, 'test-msgs-bull'), prefix: keys.bullPrefix });
    queues.push(queue);
    return new RedisExecutor({ redis: db.client, blocking: blocking.client, dispatch: 'bullmq', queue, keys, ctx, log, workers: 1, stepTimeoutMs: 30_000, resendMs, seal: lease.seal });
  };
  const result = (shard: number, over: Partial<ShardResult> = {}): ShardResult => ({
    runId: keys.runId, step: 0, shard, shardCount: 1, version: 0, samples: 8, errorSum: 1, correct: 3, gradient: new Float32Array(ctx.paramCount).fill(0.25), worker: 'w', ...over,
  });
  const push = (bytes: Buffer) => db.client.rpush(keys.done, bytes);
  const notices = async (): Promise<ShardFailure[]> =>
    (await db.client.lrangeBuffer(keys.failed, 0, -1)).map((b) => decodeShardFailure(lease.seal.open('failure', b, 'notice')));
  const processor = () => new ShardProcessor({
    redis: db.client, keys, ctx, weights: new WeightsCache(db.client, keys, { dtype: 'float32', paramCount: ctx.paramCount }, log, lease.worker),
    lease: lease.worker, workerName: 't', log,
  });
  const job = (data: ShardJobData, attemptsMade: number) => ({ id: 'x', data: lease.seal.sealJob(data), attemptsMade, opts: { attempts: 3 } }) as unknown as Job;

  it('a genuine job on its last failed attempt is reported and fails the step with ShardFailedError; one BullMQ will retry is not', async () => {
    const running = executor().run(plan, ctx.initialParams(), 0);
    const p = processor();
    p.onFailed(job({ step: 0, version: 0, shardsInStep: 2, shards: [{ shard: 1, indices: [3] }] }, 1), new Error('transient'));
    p.onFailed(job({ step: 0, version: 0, shardsInStep: 2, shards: [{ shard: 1, indices: [3] }] }, 3), new Error('weights version 0 did not arrive'));
    await expect(running).rejects.toThrow(ShardFailedError);
    await expect(running).rejects.toThrow(/step 0 shard 1 failed: weights version 0 did not arrive \(worker t\)/);
  });

  it('a job of several shards that failed for good is reported for each of them', async () => {
    processor().onFailed(job({ step: 5, version: 5, shardsInStep: 2, shards: [{ shard: 0, indices: [0] }, { shard: 1, indices: [1] }] }, 3), new Error('out of memory'));
    await new Promise((r) => setTimeout(r, 100));
    expect(await notices()).toEqual([
      { runId: 'msgs', step: 5, shard: 0, reason: 'out of memory', worker: 't' },
      { runId: 'msgs', step: 5, shard: 1, reason: 'out of memory', worker: 't' },
    ]);
  });

  const other = () => new RunSeal(Buffer.from('someone-else-entirely-000000000000'), keys.runId, lease.seal.fence);
  it.each([
    ['garbage bytes', () => Buffer.from('not a protobuf \xff\xff\xff')],
    ['the old "step:shard:reason" text', () => Buffer.from('0:1:forged')],
    ['an unsealed notice', () => Buffer.from(encodeShardFailure({ runId: 'msgs', step: 0, shard: 1, reason: 'forged', worker: 'x' }))],
    ['a notice sealed under another secret', () => sealed(other(), 'failure', encodeShardFailure({ runId: 'msgs', step: 0, shard: 1, reason: 'forged', worker: 'x' }))],
    ['a genuine notice of another step', () => sealed(lease.seal, 'failure', encodeShardFailure({ runId: 'msgs', step: 7, shard: 1, reason: 'stale', worker: 'x' }))],
    ['a genuine notice of a shard the step does not have', () => sealed(lease.seal, 'failure', encodeShardFailure({ runId: 'msgs', step: 0, shard: 9, reason: '?', worker: 'x' }))],
  ])('%s on the failure list is dropped, and the step completes', async (_what, notice) => {
    await db.client.rpush(keys.failed, notice());
    const running = executor().run(plan, ctx.initialParams(), 0);
    for (const shard of [0, 1]) await push(sealed(lease.seal, 'result', encodeShardResult(result(shard))));
    expect((await running).map((o) => o.samples)).toEqual([8, 8]);
  });

  it.each([
    ['garbage bytes', 'unauthenticated' as const, () => Buffer.from('garbage \x00\x01\x02')],
    ['a truncated result', 'unauthenticated' as const, () => { const b = sealed(lease.seal, 'result', encodeShardResult(result(1))); return b.subarray(0, b.length - 10); }],
    ['an unsealed, well-formed, finite forged result (all 0.5)', 'unauthenticated' as const, () => Buffer.from(encodeShardResult(result(1, { gradient: new Float32Array(ctx.paramCount).fill(0.5) })))],
    ['a result sealed under another secret', 'unauthenticated' as const, () => sealed(other(), 'result', encodeShardResult(result(1, { gradient: new Float32Array(ctx.paramCount).fill(0.5) })))],
    ['a genuine result of another run id', 'other-run' as const, () => sealed(lease.seal, 'result', encodeShardResult(result(1, { runId: 'elsewhere' })))],
    ['a genuine result at an old weights version', 'wrong-version' as const, () => sealed(lease.seal, 'result', encodeShardResult(result(1, { version: 7 })))],
    ['a genuine result with a wrong sample count', 'wrong-samples' as const, () => sealed(lease.seal, 'result', encodeShardResult(result(1, { samples: 3 })))],
  ])('%s on the result list is dropped and counted; the genuine result after it is the one used', async (_what, reason, bad) => {
    const e = executor();
    const running = e.run(plan, ctx.initialParams(), 0);
    await push(bad());
    for (const shard of [0, 1]) await push(sealed(lease.seal, 'result', encodeShardResult(result(shard))));
    const outcomes = await running;
    expect(Array.from(outcomes[1].gradient.subarray(0, 3))).toEqual([0.25, 0.25, 0.25]);
    expect(e.dropped.get(reason)).toBe(1);
  });

  it('a 200 MB blob on the result list is dropped, and the step completes', async () => {
    const e = executor();
    const running = e.run(plan, ctx.initialParams(), 0);
    await push(Buffer.alloc(200 * 1024 * 1024, 7));
    for (const shard of [0, 1]) await push(sealed(lease.seal, 'result', encodeShardResult(result(shard))));
    expect(await running).toHaveLength(2);
    expect(e.dropped.get('unauthenticated')).toBe(1);
  });

  it('a step whose result was lost re-sends its weights and re-queues the missing shard as a job of its own', async () => {
    const e = executor(300);
    const running = e.run(plan, ctx.initialParams(), 0);
    await push(sealed(lease.seal, 'result', encodeShardResult(result(0))));
    // Shard 1's job done (removed from the queue) but its result lost: it has to run again.
    let original: Job<ShardJobData> | undefined;
    while (!original) original = await queues[0].getJob('s0-0');
    await original.remove();
    // Shard 1's result never comes: after the stall time a retry job for it is in the queue, sealed.
    let retry: Job<ShardJobData> | undefined;
    for (let i = 0; i < 50 && !retry; i++) {
      await new Promise((r) => setTimeout(r, 100));
      retry = await queues[0].getJob('s0-1-r1');
    }
    expect(retry?.data.shards).toEqual([{ shard: 1, indices: Array.from(plan.shards[1].indices) }]);
    expect(() => lease.seal.openJob(retry!.data, 'retry')).not.toThrow();
    expect(e.redone).toBeGreaterThanOrEqual(1);
    await push(sealed(lease.seal, 'result', encodeShardResult(result(1))));
    expect(await running).toHaveLength(2);
  });

  it('a step that is only slow (its job still waiting) gets its weights again but no second job', async () => {
    const e = executor(300);
    const running = e.run(plan, ctx.initialParams(), 0);
    await new Promise((r) => setTimeout(r, 1000)); // three stall checks
    expect(e.redone).toBe(0);
    expect((await queues[0].getJobs(['waiting', 'prioritized'])).map((j) => j.id).sort()).toEqual(['s0-0']);
    for (const shard of [0, 1]) await push(sealed(lease.seal, 'result', encodeShardResult(result(shard))));
    expect(await running).toHaveLength(2);
  });
});
