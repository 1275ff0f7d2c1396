// Dispatch 'list' against a real Redis: the coordinator's executor pushes a
// step's jobs onto the run's jobs list, sealed, in the write that carries the
// step's weights; a job popped and lost (its worker died) is pushed again
// when the step stalls, and a slow run is not flooded with copies; a worker's
// processor computes only authentic, well-formed jobs of the run's current
// step, and reports a job that keeps failing, which fails the step.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ShardFailedError } from '../../lib/errors.js';
import { createLogger } from '../../lib/log.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { epochOrder, planStep, type StepPlan } from '../../lib/train/plan.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { encodeShardResult } from '../../lib/wire/codecs.js';
import { RedisExecutor } from '../../services/coordinator/redis-executor.js';
import { jobToken, parseJobToken, RunSeal, shardJobs, type ShardJobData } from '../../services/step-protocol.js';
import { ShardProcessor } from '../../services/worker/shard-processor.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { sealed, takeTestLease, type TestLease } from '../helpers/lease.js';
import { useConnection, useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('job-list');
/** BLMPOP blocks its connection: the executor pops on a connection of its own. */
const blocking = useConnection(db, 'job-list-blocking');

describe('dispatch list', () => {
  const { ctx, config } = prepareRun({ preset: 'parity', batchSize: '16', shardSize: '4' });
  const keys = new RunKeys(db.prefix, 'jobs');
  const log = createLogger("test", process.env.TLOG ?? "silent");
  const order = epochOrder(config.seed, 0, ctx.trainCount);
  /** Step `step` of epoch 0: 4 shards of 4 samples. */
  const plan = (step: number): StepPlan => planStep(order, 0, step, 16, 4);
  let lease: TestLease;
  beforeAll(async () => {
    lease = await takeTestLease(db.client, keys);
  });
  afterEach(async () => {
    await db.client.del(keys.done, keys.failed, keys.jobs, keys.version);
  });

  const executor = (resendMs = 20_000) => new RedisExecutor({
    redis: db.client, blocking: blocking.client, dispatch: 'list', queue: null, keys, ctx, log, workers: 2, stepTimeoutMs: 30_000, resendMs, seal: lease.seal,
  });
  /** A worker's processor; its weights are read by key (not subscribed), and it gives up waiting for them after `waitMs`. */
  const processor = (waitMs?: number) => new ShardProcessor({
    redis: db.client, keys, ctx, lease: lease.worker, workerName: 't', log,
    weights: new WeightsCache(db.client, keys, { dtype: 'float32', paramCount: ctx.paramCount }, log, lease.worker, waitMs),
  });
  /** The job a token carries, opened as a worker opens it. */
  const open = (token: Buffer): ShardJobData => parseJobToken(lease.seal.open('job', token, 'a token'), ctx.trainCount, 4, 4, 'a token');
  /** The list's tokens once it holds `n`. */
  const tokens = async (n: number): Promise<Buffer[]> => {
    for (let i = 0; i < 200; i++) {
      const all = await db.client.lrangeBuffer(keys.jobs, 0, -1);
      if (all.length >= n) return all;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`the jobs list never held ${n} jobs`);
  };
  const pop = async (): Promise<Buffer> => (await db.client.lpopBuffer(keys.jobs))!;
  const result = (step: number, shard: number) => sealed(lease.seal, 'result', encodeShardResult({
    runId: keys.runId, step, shard, shardCount: 1, version: step, samples: 4, errorSum: 1, correct: 3, gradient: new Float32Array(ctx.paramCount).fill(0.25), worker: 'w',
  }));

  it("a step's jobs go onto the list behind its weights, sealed, one per worker, and expire with the step's keys", async () => {
    const running = executor().run(plan(0), ctx.initialParams(), 0);
    const jobs = (await tokens(2)).map(open);
    // Pushed in the broadcast's write, after it: a worker that pops a job finds its weights and version there.
    expect(await db.client.get(keys.version)).toBe('0');
    expect(await db.client.exists(keys.weights(0))).toBe(1);
    expect(await db.client.pttl(keys.jobs)).toBeGreaterThan(0);
    expect(jobs.map((j) => j.shards.map((s) => s.shard))).toEqual([[0, 1], [2, 3]]);
    expect(jobs.map((j) => [j.step, j.version, j.shardsInStep])).toEqual([[0, 0, 4], [0, 0, 4]]);
    expect(jobs[1].shards[1].indices).toEqual(Array.from(plan(0).shards[3].indices));
    // A worker computes each, one result per job (its two shards are a whole subtree).
    const p = processor();
    for (let i = 0; i < 2; i++) expect(await p.take(await pop())).toEqual({ outcome: 'stored', shards: 2 });
    expect((await running).map((o) => [o.first, o.count])).toEqual([[0, 2], [2, 2]]);
  });

  it('a job popped by a worker that died is pushed again when the step stalls, one shard each, at the head; the step completes', async () => {
    const e = executor(300);
    const running = e.run(plan(0), ctx.initialParams(), 0);
    await tokens(2);
    const p = processor();
    expect((await p.take(await pop())).outcome).toBe('stored');
    await pop(); // shards 2 and 3, lost with their worker
    await db.client.rpush(keys.jobs, 'a later job');
    const again = await tokens(3);
    expect(again.slice(0, 2).map(open).map((j) => j.shards.map((s) => s.shard))).toEqual([[2], [3]]);
    expect(again[2].toString()).toBe('a later job');
    expect(e.redone).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 2; i++) expect((await p.take(await pop())).outcome).toBe('stored');
    expect((await running).map((o) => [o.first, o.count])).toEqual([[0, 2], [2, 1], [3, 1]]);
  });

  it('a run whose steps are slow is not flooded with copies: after a few steps a job is re-sent only past 4 times the median step', async () => {
    const e = executor(100);
    // Step 0 (workers joining) is not counted; steps 1-3 are, and from step 4 on the threshold is 4 x 1.1 s.
    for (let step = 0; step < 6; step++) {
      const running = e.run(plan(step), ctx.initialParams(), step);
      // Nothing for 1.1 s: the stall check runs when BLMPOP's 1 s wait ends empty.
      await new Promise((r) => setTimeout(r, 1100));
      for (let shard = 0; shard < 4; shard++) await db.client.rpush(keys.done, result(step, shard));
      await running;
      // The first steps, slower than resendMs with too little history, are re-sent; none after them.
      if (step === 0) expect(e.redone).toBeGreaterThanOrEqual(1);
      if (step === 3) redoneBefore = e.redone;
      if (step > 3) expect(e.redone, `step ${step}`).toBe(redoneBefore);
    }
    // The copies of the re-sent steps are still on the list, each once per re-send: a bounded number.
    expect(await db.client.llen(keys.jobs)).toBeLessThanOrEqual(4 * 2 * redoneBefore);
  });
  let redoneBefore = 0;

  it('a genuine job replayed onto the list (a copy pushed by someone who can write to Redis) is applied once: its second result is dropped', async () => {
    const e = executor();
    const running = e.run(plan(0), ctx.initialParams(), 0);
    const [first] = await tokens(2);
    await db.client.lpush(keys.jobs, first, first);
    const p = processor();
    for (let i = 0; i < 4; i++) expect((await p.take(await pop())).outcome).toBe('stored');
    expect((await running).map((o) => [o.first, o.count])).toEqual([[0, 2], [2, 2]]);
    // The step is complete with one copy of shards 0-1; the two other copies' results are dropped, by step 0
    // (a duplicate) or, when they come after it, by step 1 (another step's), which pops them before its own.
    const next = e.run(plan(1), ctx.initialParams(), 1);
    await tokens(2);
    for (let i = 0; i < 2; i++) expect((await p.take(await pop())).outcome).toBe('stored');
    expect(await next).toHaveLength(2);
    expect((e.dropped.get('duplicate') ?? 0) + (e.dropped.get('other-step') ?? 0)).toBe(2);
  });

  const other = new RunSeal(Buffer.from('someone-else-entirely-000000000000'), 'jobs', 1);
  const job: ShardJobData = { step: 0, version: 0, shardsInStep: 4, shards: [{ shard: 0, indices: [1, 2, 3] }] };
  const body = (d: object) => Buffer.from(JSON.stringify(d));
  it.each([
    ['garbage bytes', () => Buffer.from('\x00garbage\xff')],
    ['an unsealed job', () => body(job)],
    ['a job sealed under another secret', () => jobToken(other, job)],
    ['a genuine job with its sample indices changed', () => {
      const t = jobToken(lease.seal, job);
      return Buffer.from(t.toString('latin1').replace('[1,2,3]', '[1,2,4]'), 'latin1');
    }],
    ['a genuine result passed off as a job', () => sealed(lease.seal, 'result', body(job))],
    ['a sealed text that is not JSON', () => sealed(lease.seal, 'job', Buffer.from('{"step":'))],
    ['a sealed job with a sample index out of range', () => jobToken(lease.seal, { ...job, shards: [{ shard: 0, indices: [ctx.trainCount] }] })],
    ['a sealed job of more samples than a shard holds', () => jobToken(lease.seal, { ...job, shards: [{ shard: 0, indices: [1, 2, 3, 4, 5] }] })],
  ])('%s is dropped: nothing computed, nothing pushed', async (_what, bad) => {
    await db.client.set(keys.version, 0);
    expect(await processor().take(bad())).toEqual({ outcome: 'dropped', shards: 0 });
    expect(await db.client.llen(keys.done)).toBe(0);
  });

  it('a value too large to be a job of this run is dropped before it is authenticated', async () => {
    expect(await processor().take(Buffer.alloc(4096 + 4 * 4 * 12 + 1, 1))).toEqual({ outcome: 'dropped', shards: 0 });
  });

  it('a genuine job whose weights never come (the run closed under it) is dropped after the patience, not held', async () => {
    const started = performance.now();
    expect((await processor().take(jobToken(lease.seal, { ...job, step: 9, version: 9 }))).outcome).toBe('stale');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await db.client.llen(keys.done)).toBe(0);
  });

  it('a genuine job of a version the run has left behind is stale: nothing computed', async () => {
    await db.client.set(keys.version, 5);
    expect((await processor().take(jobToken(lease.seal, { ...job, step: 3, version: 3 }))).outcome).toBe('stale');
    expect(await db.client.llen(keys.done)).toBe(0);
  });

  it('a job that keeps failing is tried three times, then reported: the step fails with ShardFailedError', async () => {
    const running = executor().run(plan(0), ctx.initialParams(), 0);
    const settled = running.catch((e: unknown) => e);
    await tokens(2);
    // Its weights gone and never coming back: every try gives up after 100 ms.
    await db.client.del(keys.weights(0));
    const started = performance.now();
    expect(await processor(100).take(await pop())).toEqual({ outcome: 'failed', shards: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    const err = await settled;
    expect(err).toBeInstanceOf(ShardFailedError);
    expect((err as Error).message).toMatch(/step 0 shard 0 failed: weights version 0 did not arrive within 100 ms \(worker t\)/);
  });

  it('the jobs of a step are the shard groups the BullMQ dispatch sends, so either gives the same results', () => {
    expect(shardJobs(plan(0), 0, 2).map((d) => d.shards.map((s) => s.shard))).toEqual([[0, 1], [2, 3]]);
    expect(open(jobToken(lease.seal, shardJobs(plan(1), 1, 3)[1]))).toEqual(shardJobs(plan(1), 1, 3)[1]);
  });
});
