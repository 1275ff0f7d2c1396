// The multi-layer perceptron: batched forward and backward passes over one
// flat parameter buffer, in the article's formulation:
//   a_0 = x,  z_l = W_l a_{l-1} + b_l,  a_l = f(z_l)
//   delta_L = dE/da_L * f'(z_L)         (squared error: -2 (y - a_L) * f'(z_L))
//   delta_l = (W_{l+1}^T delta_{l+1}) * f'(z_l)
//   dE/dW_l = delta_l a_{l-1}^T,  dE/db_l = delta_l
// With softmax cross-entropy the last layer is a softmax and delta_L = p - y.
//
// backward() ADDS the gradient summed over the batch's samples (in sample
// order) into `grad`, or writes it there (`overwrite`: the bits of adding it
// to zeros); the caller decides what a batch is (a shard) and how sums
// combine (along the step's pairwise tree, pairwise-tree.ts) so every run
// reproduces the same bits.

import type { Activation, Loss } from '../config.js';
import type { Float } from './float.js';
import type { ParamLayout } from './layout.js';
import { kernelsOf, type KernelSet } from './kernels.js';

export interface NetSpec {
  readonly layout: ParamLayout;
  readonly activation: Activation;
  readonly loss: Loss;
}

/** W (OC, C) and b (OC) of each layer of a flat buffer: views, made once per buffer. */
interface LayerViews {
  readonly w: Float[];
  readonly b: Float[];
}
// Views of a buffer are the same whoever asks: kept per buffer (parameters,
// the few gradient buffers an executor reuses) so a shard does not allocate
// four typed arrays per layer.
const viewCache = new WeakMap<Float, { layout: ParamLayout; views: LayerViews }>();

function layerViews(layout: ParamLayout, buf: Float): LayerViews {
  const hit = viewCache.get(buf);
  if (hit && hit.layout === layout) return hit.views;
  const views = {
    w: layout.layers.map((l) => buf.subarray(l.wOffset, l.bOffset)),
    b: layout.layers.map((l) => buf.subarray(l.bOffset, l.bOffset + l.outputs)),
  };
  viewCache.set(buf, { layout, views });
  return views;
}

/**
 * The weights of one step, ready for its shards: the parameters and each
 * layer's W transposed where the kernels take it (KernelSet.transpose), made
 * once per step instead of inside every shard's forward pass. Loaded per
 * weights version: the in-process loop updates one buffer in place, so the
 * version, not the buffer, says whether the transposes are current.
 */
export class PreparedWeights {
  private current: Float | null = null;
  private version = -1;
  /** The kernel set the transposes were made for: another (selectKernels) makes them again, or not at all. */
  private kernels: KernelSet | null = null;
  /** W transposed (C, OC) per layer, or null where the kernels make their own. */
  private wT: (Float | null)[] = [];

  constructor(private readonly layout: ParamLayout) {}

  /** Makes these the weights of version `version` (a no-op when they already are, for the same kernels). */
  load(params: Float, version: number): this {
    const k = kernelsOf(params);
    if (params === this.current && version === this.version && k === this.kernels) return this;
    if (k !== this.kernels) this.wT = this.layout.layers.map((l) => (k.transpose ? k.alloc(l.inputs * l.outputs) : null));
    const { w } = layerViews(this.layout, params);
    this.layout.layers.forEach((l, i) => {
      const t = this.wT[i];
      if (t && k.transpose) k.transpose(t, w[i], l.outputs, l.inputs);
    });
    this.current = params;
    this.version = version;
    this.kernels = k;
    return this;
  }

  /** The parameters last loaded. */
  get params(): Float {
    if (!this.current) throw new Error('PreparedWeights: nothing loaded');
    return this.current;
  }

  /** Each layer's W transposed for `k` (the kernels computing now), or null where they make their own. */
  transposedFor(k: KernelSet): readonly (Float | null)[] {
    if (k !== this.kernels) throw new Error('PreparedWeights: loaded for other kernels (load() again after selectKernels)');
    return this.wT;
  }
}

/** Scratch buffers for batches of up to `capacity` samples. */
export class Workspace {
  /** acts[0] is the input batch (B, C0); acts[l] the activations of layer l (B, OC_l). */
  readonly acts: Float[];
  /** deltas[l] holds dE/dz_l (B, OC_l); deltas[0] is unused. */
  readonly deltas: Float[];
  readonly stats = new Float64Array(1);

  constructor(
    readonly layout: ParamLayout,
    readonly capacity: number,
    like: Float,
  ) {
    // Where the active kernels compute fastest (WebAssembly memory for 'wasm').
    const k = kernelsOf(like);
    this.acts = layout.structure.map((n) => k.alloc(capacity * n));
    this.deltas = layout.structure.map((n, l) => k.alloc(l === 0 ? 0 : capacity * n));
  }

  /** The input batch buffer (capacity, inputSize): fill rows 0..B-1 before forward(). */
  get input(): Float {
    return this.acts[0];
  }
}

/**
 * Forward pass on the first B rows of ws.input; returns ws.acts[L]. With
 * cross-entropy the last layer is left as logits (softmax is fused into the
 * loss); argmax is the same either way, and probabilities() converts.
 */
export function forward(net: NetSpec, params: Float, ws: Workspace, B: number, prepared?: PreparedWeights): Float {
  const k = kernelsOf(params);
  const layers = net.layout.layers;
  const act = k.activations[net.activation];
  const { w, b } = layerViews(net.layout, params);
  if (prepared && prepared.params !== params) throw new Error('forward: the prepared weights are not these parameters');
  const wT = prepared?.transposedFor(k);
  for (let l = 0; l < layers.length; l++) {
    const { inputs: C, outputs: OC } = layers[l];
    const out = ws.acts[l + 1];
    k.linearForward(out, ws.acts[l], w[l], b[l], B, C, OC, wT?.[l]);
    const last = l === layers.length - 1;
    if (last && net.loss === 'cross-entropy') continue; // softmax is fused into the loss
    act.forward(out, B * OC);
  }
  return ws.acts[layers.length];
}

export interface BatchStats {
  /** Sum over samples of the per-sample error E. */
  errorSum: number;
  /** Samples whose largest output is the label. */
  correct: number;
}

/**
 * Forward and backward on B samples whose inputs are in ws.input and labels
 * in `labels`; adds the gradient summed over the samples into `grad` (same
 * layout as params), or with `overwrite` writes it there: the bits of adding
 * it to zeros, without zeroing first. `prepared`: the weights transposed
 * once for several calls (PreparedWeights of these params).
 */
export function backward(
  net: NetSpec, params: Float, grad: Float, ws: Workspace, labels: Uint8Array, B: number, prepared?: PreparedWeights, overwrite = false,
): BatchStats {
  const k = kernelsOf(params);
  const layers = net.layout.layers;
  const L = layers.length;
  const act = k.activations[net.activation];
  forward(net, params, ws, B, prepared);
  const K = layers[L - 1].outputs;
  let errorSum: number;
  if (net.loss === 'cross-entropy') {
    errorSum = k.softmaxCrossEntropyBackward(ws.deltas[L], ws.acts[L], labels, B, K, ws.stats);
  } else {
    errorSum = k.squaredErrorBackward(ws.deltas[L], ws.acts[L], labels, B, K, ws.stats);
    act.backward(ws.deltas[L], ws.acts[L], B * K);
  }
  const correct = ws.stats[0];
  const p = layerViews(net.layout, params);
  const g = layerViews(net.layout, grad);
  for (let l = L - 1; l >= 0; l--) {
    const { inputs: C, outputs: OC } = layers[l];
    const dinp = l > 0 ? ws.deltas[l] : null;
    k.linearBackward(dinp, g.w[l], g.b[l], ws.deltas[l + 1], ws.acts[l], p.w[l], B, C, OC, overwrite);
    if (dinp) act.backward(dinp, ws.acts[l], B * C);
  }
  return { errorSum, correct };
}

/** Output-layer values as the user sees them: activations, or softmax probabilities for cross-entropy. */
export function probabilities(net: NetSpec, params: Float, ws: Workspace, B: number): Float {
  const out = forward(net, params, ws, B);
  if (net.loss === 'cross-entropy') kernelsOf(params).softmaxForward(out, B, net.layout.layers[net.layout.layers.length - 1].outputs);
  return out;
}
