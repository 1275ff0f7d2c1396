// The batched network against an independent per-sample implementation in
// the article's style (one sample at a time, naive kernels, scalar formulas).
// Because both keep the same summation order (samples in order, inputs in
// order), float32 results must agree to the bit, not just approximately.
import { describe, expect, it } from 'vitest';
import { paramLayout } from '../../lib/math/layout.js';
import { backward, Workspace } from '../../lib/math/network.js';
import { linearBackwardNaive, linearForwardNaive } from '../../lib/math/linear-naive.js';
import { allocFloat, roundingOf, type Float } from '../../lib/math/float.js';
import { ACTIVATIONS, LOSSES, type Activation, type DType, type Loss } from '../../lib/config.js';
import { expectSameBits, randomArray } from './helpers.js';

function act(f: Activation, z: number, r: (x: number) => number): number {
  if (f === 'sigmoid') return r(1 / (1 + Math.exp(-z)));
  if (f === 'tanh') return r(Math.tanh(z));
  return z > 0 ? z : 0;
}
function actPrime(f: Activation, a: number, r: (x: number) => number): number {
  if (f === 'sigmoid') return r(a * r(1 - a));
  if (f === 'tanh') return r(1 - r(a * a));
  return a > 0 ? 1 : 0;
}

/** Gradient summed over samples, one sample at a time. */
function perSampleGradient(dtype: DType, structure: number[], f: Activation, loss: Loss, params: Float, inputs: Float, labels: Uint8Array): Float {
  const r = roundingOf(dtype);
  const layout = paramLayout(structure);
  const grad = allocFloat(dtype, layout.size);
  const L = layout.layers.length;
  for (let s = 0; s < labels.length; s++) {
    const a: Float[] = [inputs.slice(s * structure[0], (s + 1) * structure[0])];
    for (let l = 0; l < L; l++) {
      const { inputs: C, outputs: OC, wOffset, bOffset } = layout.layers[l];
      const z = allocFloat(dtype, OC);
      linearForwardNaive(z, a[l], params.subarray(wOffset, bOffset), params.subarray(bOffset, bOffset + OC), 1, C, OC, r);
      if (!(l === L - 1 && loss === 'cross-entropy')) for (let o = 0; o < OC; o++) z[o] = act(f, z[o], r);
      a.push(z);
    }
    const K = structure[L];
    let delta = allocFloat(dtype, K);
    if (loss === 'squared') {
      for (let j = 0; j < K; j++) {
        const y = j === labels[s] ? 1 : 0;
        delta[j] = r(r(-2 * r(y - a[L][j])) * actPrime(f, a[L][j], r));
      }
    } else {
      const z = a[L];
      const m = Math.max(...z);
      const e = Array.from(z, (v) => r(Math.exp(r(v - m))));
      const sum = e.reduce((acc, v) => r(acc + v), 0);
      for (let j = 0; j < K; j++) delta[j] = r(r(e[j] / sum) - (j === labels[s] ? 1 : 0));
    }
    for (let l = L - 1; l >= 0; l--) {
      const { inputs: C, outputs: OC, wOffset, bOffset } = layout.layers[l];
      const dprev = l > 0 ? allocFloat(dtype, C) : null;
      linearBackwardNaive(dprev, grad.subarray(wOffset, bOffset), grad.subarray(bOffset, bOffset + OC), delta, a[l], params.subarray(wOffset, bOffset), 1, C, OC, r);
      if (dprev) {
        for (let c = 0; c < C; c++) dprev[c] = r(dprev[c] * actPrime(f, a[l][c], r));
        delta = dprev;
      }
    }
  }
  return grad;
}

const cases = (['float32', 'float64'] as const).flatMap((d) => ACTIVATIONS.flatMap((a) => LOSSES.map((l) => [d, a, l] as const)));

describe.each(cases)('batched network vs per-sample reference (%s, %s, %s)', (dtype, f, loss) => {
  it.each([[[10, 3, 2]], [[31, 33, 5, 3]], [[784, 32, 10]]])('same bits for structure %j', (structure) => {
    const layout = paramLayout(structure);
    const params = randomArray(dtype, layout.size, 11, 0.5);
    const B = 9;
    const inputs = randomArray(dtype, B * structure[0], 12);
    const labels = Uint8Array.from({ length: B }, (_, i) => (i * 7) % structure[structure.length - 1]);
    const ws = new Workspace(layout, B, params);
    ws.input.set(inputs);
    const grad = allocFloat(dtype, layout.size);
    backward({ layout, activation: f, loss }, params, grad, ws, labels, B);
    expectSameBits(grad, perSampleGradient(dtype, structure, f, loss, params, inputs, labels));
  });
});

// W transposed once per step (PreparedWeights, for kernels that take it: the
// native addon) must give the bits of the forward that transposes W itself,
// and must follow the parameters from one weights version to the next.
describe('prepared weights', () => {
  it('give the per-sample bits, follow each new version, and refuse other parameters', async () => {
    await import('../../lib/accel/register.js');
    const { kernelsFor, activeKernels } = await import('../../lib/math/kernels.js');
    const { PreparedWeights } = await import('../../lib/math/network.js');
    const structure = [784, 32, 10];
    const layout = paramLayout(structure);
    const net = { layout, activation: 'sigmoid', loss: 'squared' } as const;
    const k = kernelsFor('float32');
    const params = k.alloc(layout.size);
    params.set(randomArray('float32', layout.size, 21, 0.5));
    const B = 9;
    const inputs = randomArray('float32', B * 784, 22).map((x, i) => (i % 5 === 0 ? x : 0));
    const labels = Uint8Array.from({ length: B }, (_, i) => i % 10);
    const ws = new Workspace(layout, B, params);
    const prepared = new PreparedWeights(layout);
    if (activeKernels() === 'native') expect(k.transpose).not.toBeNull();
    for (let version = 0; version < 3; version++) {
      ws.input.set(inputs);
      const grad = k.alloc(layout.size);
      backward(net, params, grad, ws, labels, B, prepared.load(params, version));
      expectSameBits(grad, perSampleGradient('float32', structure, 'sigmoid', 'squared', params, inputs, labels));
      // The next version: the same buffer, updated in place as the in-process loop does.
      for (let i = 0; i < params.length; i++) params[i] = params[i] * 0.75 + 0.01;
    }
    const other = k.alloc(layout.size);
    expect(() => backward(net, other, k.alloc(layout.size), ws, labels, B, prepared)).toThrow(/prepared weights are not these parameters/);
  });

  it('are made again for other kernels, and refused by kernels they were not made for', async () => {
    await import('../../lib/accel/register.js');
    const { kernelsAvailable, selectKernels, activeKernels } = await import('../../lib/math/kernels.js');
    const { PreparedWeights } = await import('../../lib/math/network.js');
    if (!kernelsAvailable('native')) return;
    const before = activeKernels();
    const structure = [784, 32, 10];
    const layout = paramLayout(structure);
    const net = { layout, activation: 'sigmoid', loss: 'squared' } as const;
    const params = randomArray('float32', layout.size, 31, 0.5);
    const B = 5;
    const inputs = randomArray('float32', B * 784, 32);
    const labels = Uint8Array.from({ length: B }, (_, i) => i);
    const want = perSampleGradient('float32', structure, 'sigmoid', 'squared', params, inputs, labels);
    const prepared = new PreparedWeights(layout);
    try {
      for (const impl of ['js', 'native', 'js', 'native'] as const) {
        selectKernels(impl);
        const ws = new Workspace(layout, B, params);
        ws.input.set(inputs);
        const grad = allocFloat('float32', layout.size);
        // The same parameters and version each time: only the kernels change.
        backward(net, params, grad, ws, labels, B, prepared.load(params, 7));
        expectSameBits(grad, want);
      }
      selectKernels('js');
      const ws = new Workspace(layout, B, params);
      expect(() => backward(net, params, allocFloat('float32', layout.size), ws, labels, B, prepared)).toThrow(/loaded for other kernels/);
    } finally {
      selectKernels(before);
    }
  });
});
