// The distributed StepExecutor: one step of data-parallel SGD through Redis.
//
//   1. broadcast weights v: SET weights:v + PUBLISH (one pipeline), so
//      subscribed workers get them pushed and late joiners can GET them;
//   2. enqueue one BullMQ job per shard (job id = step+shard: re-adding is a no-op);
//   3. wait for "step:shard" notices on the run's done list (BLPOP; workers
//      RPUSH after storing their result), ignoring stale or duplicate ones;
//   4. fetch every result in one MGET, validate (run, step, shard, version,
//      sample count, checksum, finite values) and return them in shard order.
// Nothing is applied until every shard of the step has passed validation.

import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ShardFailedError, StepTimeoutError, WireError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { Float } from '../../lib/math/float.js';
import type { ModelContext } from '../../lib/train/model-context.js';
import type { StepPlan } from '../../lib/train/plan.js';
import type { ShardOutcome, StepExecutor } from '../../lib/train/step-executor.js';
import { decodeShardResult, encodeWeightsSnapshot } from '../../lib/wire/codecs.js';
import { shardJobId, type RunKeys } from '../../lib/wire/keys.js';
import { hasOnlyFinite } from '../../lib/wire/tensor-bytes.js';
import type { ShardJobData } from '../../lib/wire/shard-job-data.js';

export interface RedisExecutorOptions {
  redis: Redis;
  /** A dedicated connection for BLPOP (a blocked connection cannot serve other commands). */
  blocking: Redis;
  queue: Queue<ShardJobData>;
  keys: RunKeys;
  ctx: ModelContext;
  log: Logger;
  /** Worker processes started for this run, when known (dpt train); 0 = count those that answer. */
  workers: number;
  /** Expiry of per-step blobs (weights, gradients): a crashed coordinator leaves nothing for long. */
  blobTtlMs?: number;
  /** Give up on a step when no notice arrives for this long. */
  stepTimeoutMs?: number;
  /** Aborts a waiting step (e.g. every local worker process died). */
  signal?: AbortSignal;
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

export class RedisExecutor implements StepExecutor {
  readonly mode = 'distributed';
  private readonly seen = new Set<string>();
  private readonly blobTtlMs: number;
  private readonly stepTimeoutMs: number;
  private lastResultKeys: string[] = [];
  private lastWeightsKey: string | null = null;

  constructor(private readonly o: RedisExecutorOptions) {
    this.blobTtlMs = o.blobTtlMs ?? 10 * 60_000;
    this.stepTimeoutMs = o.stepTimeoutMs ?? 5 * 60_000;
  }

  /** Workers started for the run, or else the number of distinct workers that returned results. */
  get workers(): number {
    return this.o.workers || this.seen.size;
  }

  async run(plan: StepPlan, params: Float, version: number): Promise<readonly ShardOutcome[]> {
    const { redis, keys, queue } = this.o;
    const started = performance.now();
    const snapshot = asBuffer(encodeWeightsSnapshot({ runId: keys.runId, version, params }));
    const p = redis.pipeline().set(keys.weights(version), snapshot, 'PX', this.blobTtlMs).publish(keys.weightsChannel, snapshot);
    // The previous step's blobs are consumed: drop them now rather than wait for expiry.
    if (version > 0) p.unlink(keys.weights(version - 1));
    if (this.lastResultKeys.length) p.unlink(...this.lastResultKeys);
    await p.exec();
    this.lastWeightsKey = keys.weights(version);
    await queue.addBulk(plan.shards.map((s) => ({
      name: 'shard',
      data: { step: plan.step, shard: s.index, version, indices: Array.from(s.indices) },
      opts: { jobId: shardJobId(plan.step, s.index) },
    })));
    await this.awaitNotices(plan);
    const resultKeys = plan.shards.map((s) => keys.result(plan.step, s.index));
    this.lastResultKeys = resultKeys;
    const blobs = await redis.mgetBuffer(...resultKeys);
    const outcomes = plan.shards.map((s, i) => this.validate(plan, s.index, s.indices.length, version, blobs[i]));
    this.o.log.debug({ step: plan.step, shards: plan.shards.length, ms: +(performance.now() - started).toFixed(2) }, 'step');
    return outcomes;
  }

  private async awaitNotices(plan: StepPlan): Promise<void> {
    const pending = new Set(plan.shards.map((s) => s.index));
    let lastProgress = performance.now();
    while (pending.size > 0) {
      if (this.o.signal?.aborted) throw this.o.signal.reason instanceof Error ? this.o.signal.reason : new Error('aborted');
      const reply = await this.o.blocking.blpop(this.o.keys.done, 1);
      if (reply === null) {
        const waited = performance.now() - lastProgress;
        if (waited > this.stepTimeoutMs) throw new StepTimeoutError(plan.step, [...pending], waited);
        if (Math.round(waited / 1000) % 10 === 0) this.o.log.warn({ step: plan.step, missing: [...pending] }, 'waiting for workers');
        continue;
      }
      const notice = reply[1];
      if (notice.startsWith('fail:')) {
        const [, step, shard, ...reason] = notice.split(':');
        if (Number(step) === plan.step) throw new ShardFailedError(plan.step, Number(shard), reason.join(':'));
        continue;
      }
      const [step, shard] = notice.split(':').map(Number);
      if (step !== plan.step) continue; // a late duplicate of an earlier step: its result was already used
      if (pending.delete(shard)) lastProgress = performance.now();
    }
  }

  private validate(plan: StepPlan, shard: number, samples: number, version: number, blob: Buffer | null): ShardOutcome {
    const what = `step ${plan.step} shard ${shard} result`;
    if (!blob) throw new WireError(what, 'announced but missing from Redis (expired? is the blob TTL shorter than a step?)');
    const r = decodeShardResult(blob, { dtype: this.o.ctx.config.dtype, paramCount: this.o.ctx.paramCount });
    if (r.runId !== this.o.keys.runId) throw new WireError(what, `belongs to run ${r.runId}`);
    if (r.step !== plan.step || r.shard !== shard) throw new WireError(what, `is labelled step ${r.step} shard ${r.shard}`);
    if (r.version !== version) throw new WireError(what, `was computed at weights version ${r.version}, expected ${version}`);
    if (r.samples !== samples) throw new WireError(what, `covers ${r.samples} samples, expected ${samples}`);
    if (!Number.isFinite(r.errorSum) || !hasOnlyFinite(r.gradient)) throw new WireError(what, 'contains NaN or infinite values (diverged? try a smaller --eta)');
    this.seen.add(r.worker);
    return { gradient: r.gradient, samples: r.samples, errorSum: r.errorSum, correct: r.correct };
  }

  /** Deletes the last step's blobs; everything else of the step is gone already. */
  async close(): Promise<void> {
    const leftovers = [...this.lastResultKeys, ...(this.lastWeightsKey ? [this.lastWeightsKey] : [])];
    if (leftovers.length) await this.o.redis.unlink(...leftovers);
    this.lastResultKeys = [];
    this.lastWeightsKey = null;
  }
}
