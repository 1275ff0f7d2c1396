// Epoch -> mini-batch -> shard planning. Pure and stateless: any step's
// samples are computable from (seed, epoch, step) alone, which is what lets a
// worker, a resumed coordinator and the local trainer agree.
//
// Epoch e visits the training set in the order of a permutation drawn from
// stream (seed, 'shuffle', e). Mini-batch k takes positions
// [k*B, min((k+1)*B, N)): the last batch of an epoch may be short, and
// nothing is dropped. A batch is cut into shards of `shardSize` samples in
// order; the last shard may be short.

import { stream } from '../random/streams.js';
import { permutation } from '../random/sample.js';

export interface Shard {
  /** Index within the step's batch; gradients are added in this order. */
  readonly index: number;
  /** Training-sample indices, in summation order. */
  readonly indices: Uint32Array;
}

export interface StepPlan {
  readonly epoch: number;
  /** Step within the epoch. */
  readonly batch: number;
  /** Global step (0-based, counting across epochs). */
  readonly step: number;
  /** Samples in the batch: the divisor of the mean gradient. */
  readonly size: number;
  readonly shards: readonly Shard[];
}

export function stepsPerEpoch(trainCount: number, batchSize: number): number {
  return Math.ceil(trainCount / batchSize);
}

/** Steps in a run: every epoch's, cut short by maxSteps when it is set (> 0). */
export function totalSteps(trainCount: number, batchSize: number, epochs: number, maxSteps: number): number {
  const all = epochs * stepsPerEpoch(trainCount, batchSize);
  return maxSteps > 0 ? Math.min(all, maxSteps) : all;
}

export function epochOrder(seed: number, epoch: number, trainCount: number): Uint32Array {
  return permutation(stream(seed, 'shuffle', epoch), trainCount);
}

/** The plan of batch `batch` of an epoch whose visiting order is `order`. */
export function planStep(
  order: Uint32Array, epoch: number, batch: number, batchSize: number, shardSize: number,
): StepPlan {
  const start = batch * batchSize;
  const end = Math.min(start + batchSize, order.length);
  const shards: Shard[] = [];
  for (let s = start, index = 0; s < end; s += shardSize, index++) {
    shards.push({ index, indices: order.subarray(s, Math.min(s + shardSize, end)) });
  }
  const step = epoch * stepsPerEpoch(order.length, batchSize) + batch;
  return { epoch, batch, step, size: end - start, shards };
}

/**
 * The whole run's steps, addressable by global step: lets the loop look one
 * step ahead (to enqueue the next step's jobs early) without replaying
 * anything. Keeps the visiting order of the last two epochs it was asked for.
 */
export class Schedule {
  readonly perEpoch: number;
  /** Steps in the run: every epoch, cut short by maxSteps when it is set. */
  readonly totalSteps: number;
  private readonly orders = new Map<number, Uint32Array>();

  constructor(
    private readonly seed: number,
    private readonly trainCount: number,
    private readonly batchSize: number,
    private readonly shardSize: number,
    epochs: number,
    maxSteps: number,
  ) {
    this.perEpoch = stepsPerEpoch(trainCount, batchSize);
    this.totalSteps = totalSteps(trainCount, batchSize, epochs, maxSteps);
  }

  /** The plan of global step `step`, or null past the end of the run. */
  plan(step: number): StepPlan | null {
    if (step >= this.totalSteps) return null;
    const epoch = Math.floor(step / this.perEpoch);
    let order = this.orders.get(epoch);
    if (!order) {
      order = epochOrder(this.seed, epoch, this.trainCount);
      this.orders.set(epoch, order);
      for (const e of this.orders.keys()) if (e < epoch - 1) this.orders.delete(e);
    }
    return planStep(order, epoch, step - epoch * this.perEpoch, this.batchSize, this.shardSize);
  }
}
