// Everything needed to compute with a configured network on a dataset:
// the net spec, the dtype, and a workspace. Shared by the local trainer,
// the coordinator, the workers and the eval/predict commands. Also the one
// place raw dataset values become floats (gatherBatch).

import type { Dataset, Split } from '../data/dataset.js';
import { ConfigError } from '../errors.js';
import type { Float, InputArray } from '../math/float.js';
import { kernelsFor, kernelsOf } from '../math/kernels.js';
import { paramLayout } from '../math/layout.js';
import { backward, forward, PreparedWeights, Workspace, type BatchStats, type NetSpec } from '../math/network.js';
import { initParams } from '../math/init.js';
import { stream } from '../random/streams.js';
import type { InputScaling, TrainConfig } from '../config.js';

/** Evaluation runs in chunks of this many samples to bound workspace memory. */
const EVAL_CHUNK = 1000;

/** Checks that the network fits the data: input width and class count. */
export function checkAgainstDataset(c: TrainConfig, ds: Dataset): void {
  const first = c.structure[0];
  const last = c.structure[c.structure.length - 1];
  if (first !== ds.inputSize) {
    throw new ConfigError('--structure', `the input layer has ${first} units but dataset "${ds.name}" has ${ds.inputSize} inputs per sample`);
  }
  if (last !== ds.numClasses) {
    throw new ConfigError('--structure', `the output layer has ${last} units but dataset "${ds.name}" has ${ds.numClasses} classes`);
  }
}

// Copies the samples named by `indices` into a batch buffer, converting to
// the training dtype: the only place raw dataset values become floats.
// 'unit' scaling divides by the dataset's maxValue (255 for MNIST); the
// quotient is computed in float64 and rounded once into the buffer.
//
// Rows are copied by the gatherRows kernel: TypedArray.set per row in
// TypeScript, which converts each value exactly as an element store does,
// natively and several times faster than an element loop (bench/README.md);
// the native addon's copy prefetches the next rows, which matters in a busy
// worker (native/gather.h). The division is the divideInPlace kernel over
// the batch (gatherDivided: the native addon divides each row right after
// copying it, while it is in cache, with the same bits). That is the same
// number only when the stored value is the raw value itself; a float32
// batch from int32 or float64 sources (not exact in float32) divides the
// raw value element by element instead.
/** Whether every value of `src` is stored exactly in `dst` (then dividing the stored value divides the raw one). */
function storesExactly(dst: Float, src: InputArray): boolean {
  return dst instanceof Float64Array || !(src instanceof Int32Array || src instanceof Float64Array);
}

export function gatherBatch(
  inputs: Float, labels: Uint8Array, split: Split, inputSize: number,
  indices: ArrayLike<number>, scaling: InputScaling, maxValue: number,
): void {
  const src = split.inputs;
  const D = inputSize;
  const B = indices.length;
  if (scaling === 'unit' && !storesExactly(inputs, src)) {
    for (let r = 0; r < B; r++) {
      const s = indices[r];
      const from = s * D;
      const to = r * D;
      for (let j = 0; j < D; j++) inputs[to + j] = src[from + j] / maxValue;
      labels[r] = split.labels[s];
    }
    return;
  }
  const k = kernelsOf(inputs);
  if (scaling === 'unit') k.gatherDivided(inputs, src, indices, B, D, maxValue);
  else k.gatherRows(inputs, src, indices, B, D);
  for (let r = 0; r < B; r++) labels[r] = split.labels[indices[r]];
}

export class ModelContext {
  readonly net: NetSpec;
  private readonly trainWs: Workspace;
  private readonly prepared: PreparedWeights;
  private evalWs: Workspace | null = null;
  private readonly labels: Uint8Array;
  private warmStart: { file: string; sha256: string; params: Float } | null = null;

  constructor(
    readonly config: TrainConfig,
    readonly dataset: Dataset,
  ) {
    checkAgainstDataset(config, dataset);
    const layout = paramLayout(config.structure);
    this.net = { layout, activation: config.activation, loss: config.loss };
    // A shard never spans batches, so it never holds more than min(shardSize, batchSize) samples.
    this.trainWs = new Workspace(layout, Math.min(config.shardSize, config.batchSize), this.newParams());
    this.labels = new Uint8Array(Math.max(config.shardSize, EVAL_CHUNK));
    this.prepared = new PreparedWeights(layout);
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

  /** The file a warm start's parameters came from (--init-from), or null for a fresh start. */
  get initFrom(): { file: string; sha256: string } | null {
    return this.warmStart && { file: this.warmStart.file, sha256: this.warmStart.sha256 };
  }

  /**
   * Starts the run from these parameters instead of drawing them (--init-from).
   * The loop's initial state is the only place they enter, so the in-process
   * trainer and the coordinator (whose workers get them with the first
   * weights broadcast) start from the same bits.
   */
  startFrom(weights: { file: string; sha256: string; params: Float }): void {
    if (weights.params.length !== this.paramCount || weights.params.BYTES_PER_ELEMENT !== this.newParams().BYTES_PER_ELEMENT) {
      throw new ConfigError('--init-from', `${weights.file} holds ${weights.params.length} parameters of ${weights.params.BYTES_PER_ELEMENT * 8}-bit floats; ` +
        `the network needs ${this.paramCount} of ${this.config.dtype}`);
    }
    this.warmStart = weights;
  }

  /** The initial parameters of the run: the warm start's, else drawn from stream (seed, 'init', 0). */
  initialParams(): Float {
    const p = this.newParams();
    if (this.warmStart) p.set(this.warmStart.params);
    else initParams(p, this.net.layout, this.config.init, stream(this.config.seed, 'init', 0));
    return p;
  }

  /**
   * The weights of version `version` ready for the shards computed with them
   * (each layer's W transposed once, where the kernels take it). The
   * previous version's become invalid: one step at a time.
   */
  weightsFor(params: Float, version: number): PreparedWeights {
    return this.prepared.load(params, version);
  }

  /**
   * Writes the gradient of the loss summed over the given training samples
   * (in order, from zero: a shard's gradient) into `grad`, whatever it held.
   * `next`: the samples of the shard the caller computes next, if known (a
   * hint).
   */
  shardGradient(weights: PreparedWeights, grad: Float, indices: ArrayLike<number>, next?: ArrayLike<number>): BatchStats {
    if (indices.length > this.trainWs.capacity) throw new RangeError(`shard of ${indices.length} samples exceeds the shard size ${this.trainWs.capacity}`);
    const ws = this.trainWs;
    const n = indices.length;
    gatherBatch(ws.input, this.labels, this.dataset.train, this.dataset.inputSize, indices, this.config.inputScaling, this.dataset.maxValue);
    // The next shard's rows (random ones of the dataset) are fetched while this one computes.
    if (next) kernelsOf(ws.input).prefetchRows(this.dataset.train.inputs, next, next.length, this.dataset.inputSize);
    return backward(this.net, weights.params, grad, ws, this.labels.subarray(0, n), n, weights, true);
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
