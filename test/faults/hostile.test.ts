// A stranger who can write to Redis, during a real run (a coordinator and
// two workers as processes): garbage, forged results, failures, jobs,
// weights and control messages, on every key and channel of the run. None
// of it is fatal and none of it is applied: the run ends with the bits of a
// run that nothing happened to. Once per dispatch: the jobs list, BullMQ.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { bullConnection } from '../../lib/redis/connect.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { encodeShardResult, encodeWeightsSnapshot } from '../../lib/wire/codecs.js';
import { encodeShardFailure, jobToken, RunSeal, SHARD_QUEUE, shardJobId, shardJobPriority, type ShardJobData } from '../../services/step-protocol.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { checkpointReached, spawnDpt, tempOut, train } from '../distributed/helpers.js';

const redis = useTestRedis();

describe('hostile writes to Redis during a run', () => {
  it.each(['list', 'bullmq'])('garbage and forgeries on every key and channel are dropped; the run ends with the clean bits (dispatch %s)', async (dispatch) => {
    const flags = ['--preset', 'parity', '--epochs', '40', '--batch-size', '16', '--shard-size', '4', '--dispatch', dispatch];
    const expected = await train({ preset: 'parity', epochs: '40', batchSize: '16', shardSize: '4' }, 0, redis.url);
    const prefix = uniquePrefix('hostile');
    const keys = new RunKeys(prefix, 'hostile');
    const out = tempOut('hostile');
    const ckpt = tempOut('hostile-ckpt');
    const workers = [1, 2].map(() => spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'hostile']));
    const coord = spawnDpt(['coordinator', '--run-id', 'hostile', '--redis', redis.url, '--prefix', prefix, ...flags, '--out', out, '--checkpoint-dir', ckpt]);
    await checkpointReached(ckpt, 2);
    const attacker = new Redis(redis.url);
    const mallory = new RunSeal(Buffer.from('mallory-does-not-know-the-secret!'), 'hostile', 1);
    const queue = new Queue<ShardJobData>(SHARD_QUEUE, { connection: bullConnection(redis.url, 'attacker'), prefix: keys.bullPrefix });
    try {
      const version = Number(await attacker.get(keys.version));
      const forgedGradient = new Float32Array(41).fill(0.5); // the parity net 10-3-2 has 41 parameters
      for (let step = version; step < version + 20; step++) {
        for (let shard = 0; shard < 4; shard++) {
          // Well-formed, finite, plausible results for the coming steps, unsealed.
          const forged = encodeShardResult({ runId: 'hostile', step, shard, shardCount: 1, version: step, samples: 4, errorSum: 0, correct: 4, gradient: forgedGradient, worker: 'mallory' });
          await attacker.rpush(keys.done, Buffer.from(forged));
          await attacker.rpush(keys.failed, Buffer.from(encodeShardFailure({ runId: 'hostile', step, shard, reason: 'forged', worker: 'mallory' })));
          await attacker.rpush(keys.failed, `${step}:${shard}:forged`);
        }
        // Jobs with the ids of future steps and other samples, and one with a huge version.
        await queue.add('shard', { step: step + 1, version: step + 1, shardsInStep: 1, shards: [{ shard: 0, indices: [1, 2, 3, 4] }] },
          { jobId: shardJobId(step + 1, 0), priority: shardJobPriority(step + 1) });
        await queue.add('shard', { step, version: 4_000_000_000, shardsInStep: 2, shards: [{ shard: 1, indices: [5] }] }, { jobId: `huge-${step}`, priority: 1 });
        // The same on the jobs list, at its head: unsealed, garbage, and sealed under another secret.
        await attacker.lpush(keys.jobs, JSON.stringify({ step: step + 1, version: step + 1, shardsInStep: 1, shards: [{ shard: 0, indices: [1, 2, 3, 4] }] }));
        await attacker.lpush(keys.jobs, Buffer.from('\x00garbage\xff'));
        await attacker.lpush(keys.jobs, jobToken(mallory, { step, version: 4_000_000_000, shardsInStep: 2, shards: [{ shard: 1, indices: [5] }] }));
        // Weights for the next version, and a run-over notice, unsealed.
        const weights = Buffer.from(encodeWeightsSnapshot({ runId: 'hostile', version: step + 1, params: forgedGradient }));
        await attacker.publish(keys.weightsChannel, weights);
        await attacker.set(keys.weights(step + 1), weights);
        await attacker.publish(keys.controlChannel, 'finished');
        await attacker.rpush(keys.done, Buffer.from('\x00garbage\xff'.repeat(step % 7)));
      }
      await attacker.rpush(keys.done, Buffer.alloc(64 * 1024 * 1024, 1));
    } finally {
      await queue.close();
      attacker.disconnect();
    }
    const c = await coord.done;
    expect(c.code, c.err).toBe(0);
    expect(c.out).toMatch(/dropped a message that does not answer this step/);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).paramsSha256).toBe(expected.paramsSha256);
    // Whichever worker took the forged jobs dropped them: one worker may take them all (BullMQ hands
    // each job to one worker, and a fast worker can win every one of them).
    const ends = await Promise.all(workers.map((w) => w.done));
    for (const r of ends) expect(r.code).toBe(0);
    expect(ends.map((r) => r.out).join('')).toMatch(/dropped a job that is not this run's/);
  });
});
