// The coordinator must add shard gradients in shard order, whatever order
// they arrive in and however they are packed into jobs. Here jobs are
// answered in exactly reverse order (the last shards first), computed by
// the real worker processor; float32 addition is not associative, so a
// reduction in arrival order would change the bits.
import { Queue, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { connectRedis, bullConnection } from '../../lib/redis/connect.js';
import { createLogger } from '../../lib/log.js';
import { kernelsFor } from '../../lib/math/kernels.js';
import { InProcessExecutor, initialState, trainLoop } from '../../lib/train/train-loop.js';
import { epochOrder, planStep } from '../../lib/train/plan.js';
import { paramsSha256 } from '../../lib/wire/tensors.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { SHARD_QUEUE, type ShardJobData } from '../../services/step-protocol.js';
import { RedisExecutor } from '../../services/coordinator/redis-executor.js';
import { ShardProcessor } from '../../services/worker/shard-processor.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { takeTestLease } from '../helpers/lease.js';
import { deleteByPrefix, uniquePrefix, useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

describe('reduction order', () => {
  const flags = { preset: 'mnist', batchSize: '64', shardSize: '16', maxSteps: '5', testLimit: '100' };

  it('adding the shards in reverse order really gives other bits (so the test below can fail)', () => {
    const { ctx, config } = prepareRun(flags);
    const params = ctx.initialParams();
    const plan = planStep(epochOrder(config.seed, 0, 60000), 0, 0, 64, 16);
    const grads = plan.shards.map((s) => {
      const g = ctx.newParams();
      ctx.shardGradient(ctx.weightsFor(params, 0), g, s.indices);
      return g;
    });
    const k = kernelsFor('float32');
    const forward = ctx.newParams();
    const reverse = ctx.newParams();
    grads.forEach((g) => k.addInto(forward, g, g.length));
    [...grads].reverse().forEach((g) => k.addInto(reverse, g, g.length));
    expect(paramsSha256(reverse)).not.toBe(paramsSha256(forward));
  });

  it.each([
    [1, [3, 2, 1, 0, 3, 2, 1, 0]],
    [2, [2, 3, 0, 1, 2, 3, 0, 1]],
  ])('results arriving in reverse job order give the in-process bits (%i shards per job)', async (perJob, order) => {
    const local = prepareRun(flags);
    const expected = await trainLoop(local.ctx, new InProcessExecutor(local.ctx), initialState(local.ctx));

    const { ctx } = prepareRun(flags);
    const prefix = uniquePrefix('order');
    const keys = new RunKeys(prefix, 'order');
    const r = connectRedis(redis.url, 'test-order');
    const blocking = connectRedis(redis.url, 'test-order-blocking');
    const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: bullConnection(redis.url, 'test-order-bull'), prefix: keys.bullPrefix });
    const log = createLogger('test', 'silent');
    const lease = await takeTestLease(r, keys);
    const weights = new WeightsCache(r, keys, { dtype: 'float32', paramCount: ctx.paramCount }, log, lease.worker);
    // Jobs are queued before their weights are broadcast: the cache must hear the broadcasts.
    const sub = connectRedis(redis.url, 'test-order-sub');
    sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => weights.onMessage(message));
    await sub.subscribe(keys.weightsChannel);
    const processor = new ShardProcessor({ redis: r, keys, ctx, weights, lease: lease.worker, workerName: 'reverse', log });
    const arrival: number[] = [];
    let stop = false;
    // A responder that waits until every job of a step is queued, then answers them last shard first.
    const responder = (async () => {
      const done = new Set<string>();
      while (!stop) {
        // Shard jobs carry a priority (their step), so they wait in the 'prioritized' state.
        const jobs = (await queue.getJobs(['waiting', 'prioritized'])).filter((j) => !done.has(j.id!));
        const step = Math.min(...jobs.map((j) => j.data.step));
        const ofStep = jobs.filter((j) => j.data.step === step);
        if (ofStep.length < 4 / perJob) {
          await new Promise((res) => setTimeout(res, 5));
          continue;
        }
        for (const job of ofStep.sort((a, b) => b.data.shards[0].shard - a.data.shards[0].shard)) {
          await processor.process(job as Job<ShardJobData>);
          arrival.push(...job.data.shards.map((s) => s.shard));
          done.add(job.id!);
        }
      }
    })();
    const executor = new RedisExecutor({ redis: r, blocking, dispatch: 'bullmq', queue, keys, ctx, log, workers: 1, shardsPerJob: perJob, seal: lease.seal });
    try {
      const state = await trainLoop(ctx, executor, initialState(ctx));
      expect(arrival.slice(0, 8)).toEqual(order);
      expect(paramsSha256(state.params)).toBe(paramsSha256(expected.params));
    } finally {
      stop = true;
      await responder;
      await queue.obliterate({ force: true });
      await queue.close();
      await deleteByPrefix(r, prefix);
      await Promise.all([r.quit(), blocking.quit(), sub.quit()]);
    }
  });
});
