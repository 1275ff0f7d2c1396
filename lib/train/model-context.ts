// Everything needed to compute with a configured network on a dataset:
// the net spec, the dtype, and a workspace. Shared by the local trainer,
// the coordinator, the workers and the eval/predict commands.

import type { Dataset, Split } from '../data/dataset.js';
import type { Float } from '../math/float.js';
import { kernelsFor } from '../math/kernels.js';
import { paramLayout } from '../math/layout.js';
import { backward, forward, Workspace, type BatchStats, type NetSpec } from '../math/network.js';
import { initParams } from '../math/init.js';
import { stream } from '../random/streams.js';
import type { TrainConfig } from './config.js';
import { gatherBatch } from './gather.js';

/** Evaluation runs in chunks of this many samples to bound workspace memory. */
const EVAL_CHUNK = 1000;

export class ModelContext {
  readonly net: NetSpec;
  private readonly trainWs: Workspace;
  private evalWs: Workspace | null = null;
  private readonly labels: Uint8Array;

  constructor(
    readonly config: TrainConfig,
    readonly dataset: Dataset,
  ) {
    const layout = paramLayout(config.structure);
    this.net = { layout, activation: config.activation, loss: config.loss };
    // A shard never spans batches, so it never holds more than min(shardSize, batchSize) samples.
    this.trainWs = new Workspace(layout, Math.min(config.shardSize, config.batchSize), this.newParams());
    this.labels = new Uint8Array(Math.max(config.shardSize, EVAL_CHUNK));
  }

  /** Training samples the run uses: the first trainLimit, or all. */
  get trainCount(): number {
    const n = this.dataset.train.count;
    return this.config.trainLimit > 0 ? Math.min(this.config.trainLimit, n) : n;
  }

  get paramCount(): number {
    return this.net.layout.size;
  }

  /** Zeros for a parameter-sized buffer, where the active kernels compute fastest. */
  newParams(): Float {
    return kernelsFor(this.config.dtype).alloc(this.net.layout.size);
  }

  /** The initial parameters of the run: stream (seed, 'init', 0). */
  initialParams(): Float {
    const p = this.newParams();
    initParams(p, this.net.layout, this.config.init, stream(this.config.seed, 'init', 0));
    return p;
  }

  /**
   * Adds the gradient of the loss summed over the given training samples (in
   * order) into `grad`, which the caller zeroes for a fresh shard.
   */
  shardGradient(params: Float, grad: Float, indices: ArrayLike<number>): BatchStats {
    if (indices.length > this.trainWs.capacity) throw new RangeError(`shard of ${indices.length} samples exceeds the shard size ${this.trainWs.capacity}`);
    const ws = this.trainWs;
    const n = indices.length;
    gatherBatch(ws.input, this.labels, this.dataset.train, this.dataset.inputSize, indices, this.config.inputScaling, this.dataset.maxValue);
    return backward(this.net, params, grad, ws, this.labels.subarray(0, n), n);
  }

  /** Predicted class of each sample of `split` (first `limit`, 0 = all). */
  predict(params: Float, split: Split, limit = 0): Uint8Array {
    const count = limit > 0 ? Math.min(limit, split.count) : split.count;
    const ws = (this.evalWs ??= new Workspace(this.net.layout, EVAL_CHUNK, params));
    const K = this.net.layout.structure[this.net.layout.structure.length - 1];
    const predictions = new Uint8Array(count);
    const idx = new Uint32Array(EVAL_CHUNK);
    for (let start = 0; start < count; start += EVAL_CHUNK) {
      const n = Math.min(EVAL_CHUNK, count - start);
      for (let r = 0; r < n; r++) idx[r] = start + r;
      gatherBatch(ws.input, this.labels, split, this.dataset.inputSize, idx.subarray(0, n), this.config.inputScaling, this.dataset.maxValue);
      const out = forward(this.net, params, ws, n);
      for (let r = 0; r < n; r++) {
        let best = 0;
        for (let j = 1; j < K; j++) if (out[r * K + j] > out[r * K + best]) best = j;
        predictions[start + r] = best;
      }
    }
    return predictions;
  }

  /** Fraction of the first `limit` samples of `split` classified correctly. */
  accuracy(params: Float, split: Split, limit = 0): number {
    const predictions = this.predict(params, split, limit);
    let hits = 0;
    for (let i = 0; i < predictions.length; i++) if (predictions[i] === split.labels[i]) hits++;
    return predictions.length === 0 ? 0 : hits / predictions.length;
  }
}
