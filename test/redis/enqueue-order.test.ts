// The coordinator enqueues the next step's jobs during a step, but only once
// Redis has answered the step's broadcast: Redis sends subscribers their
// messages after running everything it read in one go, and BullMQ's add
// scripts sent in the same breath held the weights back. By default a job
// carries ceil(shards / workers) shards: with the worker count given, from
// the first step; with it unknown, one shard per job until workers answer.
// A job of both shards comes back as one result (the step's tree is their sum).
import { Queue, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { Command } from 'ioredis';
import { createLogger } from '../../lib/log.js';
import { bullConnection } from '../../lib/redis/connect.js';
import { epochOrder, planStep } from '../../lib/train/plan.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { SHARD_QUEUE, type ShardJobData } from '../../services/step-protocol.js';
import { RedisExecutor } from '../../services/coordinator/redis-executor.js';
import { ShardProcessor } from '../../services/worker/shard-processor.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { takeTestLease } from '../helpers/lease.js';
import { useConnection, useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('enqueue-order');
const coordinator = useConnection(db, 'eo-coordinator');
const blocking = useConnection(db, 'eo-blocking');
const sub = useConnection(db, 'eo-sub');

describe('jobs a step ahead', () => {
  it.each([
    [1, [[[0, 1]], [[0, 1]], [[0, 1]]]],
    // Unknown: steps 0 and 1 are queued before any result is in; step 2 once one worker has answered.
    [0, [[[0], [1]], [[0], [1]], [[0, 1]]]],
  ])("are added after Redis answers the step's broadcast, before the step they belong to (workers %i: jobs of shards %j)", async (workers, groups) => {
    const { ctx, config } = prepareRun({ preset: 'parity', batchSize: '16', shardSize: '8' });
    const keys = new RunKeys(db.prefix, 'eo');
    const log = createLogger('test', 'silent');
    const events: string[] = [];

    // What the coordinator does, in the order it happens: a PUBLISH answered, jobs of a step added.
    const send = coordinator.client.sendCommand.bind(coordinator.client);
    coordinator.client.sendCommand = ((command: Command) => {
      const reply = send(command) as Promise<unknown>;
      if (command.name === 'publish') void reply.then(() => events.push('broadcast answered'), () => {});
      return reply;
    }) as typeof coordinator.client.sendCommand;
    const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: bullConnection(db.url, 'test-eo-queue'), prefix: keys.bullPrefix });
    // The coordinator adds a step's jobs one by one, all in one tick: consecutive adds of a step are one event.
    const add = queue.add.bind(queue);
    const added: number[][][] = [];
    queue.add = (name, data, opts) => {
      const event = `add step ${data.step}`;
      if (events.at(-1) !== event) {
        events.push(event);
        added.push([]);
      }
      added.at(-1)!.push(data.shards.map((s) => s.shard));
      return add(name, data, opts);
    };

    const lease = await takeTestLease(db.client, keys);
    const weights = new WeightsCache(db.client, keys, { dtype: 'float32', paramCount: ctx.paramCount }, log, lease.worker);
    sub.client.on('messageBuffer', (_channel: Buffer, message: Buffer) => weights.onMessage(message));
    await sub.client.subscribe(keys.weightsChannel);
    const processor = new ShardProcessor({ redis: db.client, keys, ctx, weights, lease: lease.worker, workerName: 'w', log });
    const worker = new Worker(SHARD_QUEUE, processor.process, { connection: bullConnection(db.url, 'test-eo-worker'), prefix: keys.bullPrefix, concurrency: 1 });
    const executor = new RedisExecutor({ redis: coordinator.client, blocking: blocking.client, dispatch: 'bullmq', queue, keys, ctx, log, workers, stepTimeoutMs: 20_000, seal: lease.seal });
    try {
      const order = epochOrder(config.seed, 0, ctx.trainCount);
      const plans = [0, 1, 2].map((b) => planStep(order, 0, b, 16, 8));
      const params = ctx.initialParams();
      for (const [v, plan] of plans.entries()) {
        const next = plans[v + 1];
        if (next) executor.prefetch(next, v + 1);
        events.push(`run step ${v}`);
        const outcomes = await executor.run(plan, params, v);
        const oneJob = groups[v].length === 1;
        expect(outcomes.map((o) => [o.first, o.count, o.samples])).toEqual(oneJob ? [[0, 2, 16]] : [[0, 1, 8], [1, 1, 8]]);
      }
      expect(events).toEqual([
        'run step 0', 'add step 0', 'broadcast answered', 'add step 1',
        // From here on a step's own jobs are queued already; the next step's follow its broadcast's reply.
        'run step 1', 'broadcast answered', 'add step 2',
        'run step 2', 'broadcast answered',
      ]);
      expect(added).toEqual(groups);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
