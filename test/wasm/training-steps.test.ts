// Whole training steps (forward, sigmoid, squared error, backward, SGD) with
// the wasm linear kernels end with the same parameter bytes as with the
// JavaScript ones. Any bit of difference would be amplified step by step.
import { describe, it } from 'vitest';
import { allocFloat, type Float } from '../../lib/math/float.js';
import { kernelsFor } from '../../lib/math/kernels.js';
import { paramLayout } from '../../lib/math/layout.js';
import { initParams } from '../../lib/math/init.js';
import { stream } from '../../lib/random/streams.js';
import { Xoshiro128 } from '../../lib/random/xoshiro128.js';
import { wasmLinearKernels, type LinearKernels } from '../../lib/accel/wasm/index.js';
import type { DType } from '../../lib/config.js';
import { expectSameBits } from '../math/helpers.js';
import { ensureWasmBuilt } from './build.js';

ensureWasmBuilt();

function train(dtype: DType, lin: LinearKernels, structure: number[], B: number, steps: number): Float {
  const k = kernelsFor(dtype, 'js');
  const layout = paramLayout(structure);
  const params = allocFloat(dtype, layout.size);
  initParams(params, layout, 'normal', stream(1, 'init', 0)); // N(0, 1): saturating sigmoids, tiny gradients
  const grad = allocFloat(dtype, layout.size);
  const acts = structure.map((n) => allocFloat(dtype, B * n));
  const deltas = structure.map((n) => allocFloat(dtype, B * n));
  const labels = new Uint8Array(B);
  const rng = new Xoshiro128(7n);
  const act = k.activations.sigmoid;
  const L = layout.layers.length;
  for (let s = 0; s < steps; s++) {
    // Pixel-like inputs: a third exactly zero, the rest in (0, 1].
    for (let j = 0; j < acts[0].length; j++) acts[0][j] = rng.nextDouble() < 1 / 3 ? 0 : Math.ceil(rng.nextDouble() * 255) / 255;
    for (let i = 0; i < B; i++) labels[i] = Math.floor(rng.nextDouble() * structure[L]);
    layout.layers.forEach((l, j) => {
      lin.linearForward(acts[j + 1], acts[j], params.subarray(l.wOffset, l.bOffset), params.subarray(l.bOffset, l.bOffset + l.outputs), B, l.inputs, l.outputs);
      act.forward(acts[j + 1], B * l.outputs);
    });
    k.squaredErrorBackward(deltas[L], acts[L], labels, B, structure[L], new Float64Array(1));
    act.backward(deltas[L], acts[L], B * structure[L]);
    grad.fill(0);
    for (let j = L - 1; j >= 0; j--) {
      const l = layout.layers[j];
      const dinp = j > 0 ? deltas[j] : null;
      lin.linearBackward(dinp, grad.subarray(l.wOffset, l.bOffset), grad.subarray(l.bOffset, l.bOffset + l.outputs),
        deltas[j + 1], acts[j], params.subarray(l.wOffset, l.bOffset), B, l.inputs, l.outputs);
      if (dinp) act.backward(dinp, acts[j], B * l.inputs);
    }
    k.sgdStep(params, grad, layout.size, B, 3);
  }
  return params;
}

describe.each(['float32', 'float64'] as const)('training steps (%s)', (dtype) => {
  it.each([
    [[784, 32, 10], 64],
    [[37, 33, 5, 3], 13],
  ])('%j, batch %i: same parameter bytes after 8 steps', (structure, B) => {
    const viaJs = train(dtype, kernelsFor(dtype, 'js'), structure, B, 8);
    const viaWasm = train(dtype, wasmLinearKernels(dtype)!, structure, B, 8);
    expectSameBits(viaWasm, viaJs);
  });
});
