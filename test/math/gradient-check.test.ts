// Finite-difference check of backprop for every activation / loss pair, in
// float64 on networks with one and two hidden layers: the analytic gradient
// of the summed error must match (E(p + h) - E(p - h)) / 2h per parameter.
import { describe, expect, it } from 'vitest';
import { paramLayout } from '../../lib/math/layout.js';
import { backward, Workspace } from '../../lib/math/network.js';
import { initParams } from '../../lib/math/init.js';
import { Xoshiro128 } from '../../lib/random/xoshiro128.js';
import { ACTIVATIONS, LOSSES } from '../../lib/config.js';
import { randomArray } from './helpers.js';

const cases = ACTIVATIONS.flatMap((activation) => LOSSES.map((loss) => [activation, loss] as const));

describe.each(cases)('gradient of %s with %s loss', (activation, loss) => {
  it.each([[[4, 5, 3]], [[3, 4, 6, 2]]])('matches central differences for structure %j', (structure) => {
    const layout = paramLayout(structure);
    const net = { layout, activation, loss };
    const params = new Float64Array(layout.size);
    initParams(params, layout, 'xavier', new Xoshiro128(42n));
    // Non-zero biases, so every parameter is exercised away from symmetric points.
    for (const l of layout.layers) for (let o = 0; o < l.outputs; o++) params[l.bOffset + o] = 0.1 * (o + 1) - 0.15;
    const B = 3;
    const inputs = randomArray('float64', B * structure[0], 7, 1.5);
    const labels = Uint8Array.from({ length: B }, (_, i) => i % structure[structure.length - 1]);
    const ws = new Workspace(layout, B, params);
    const errorAt = (p: Float64Array): number => {
      ws.input.set(inputs);
      return backward(net, p, new Float64Array(layout.size), ws, labels, B).errorSum;
    };
    const grad = new Float64Array(layout.size);
    ws.input.set(inputs);
    backward(net, params, grad, ws, labels, B);
    const h = 1e-6;
    for (let i = 0; i < layout.size; i++) {
      const save = params[i];
      params[i] = save + h;
      const up = errorAt(params);
      params[i] = save - h;
      const down = errorAt(params);
      params[i] = save;
      const numeric = (up - down) / (2 * h);
      expect(Math.abs(grad[i] - numeric), `param ${i}: analytic ${grad[i]} numeric ${numeric}`).toBeLessThan(1e-6 + 1e-5 * Math.abs(numeric));
    }
  });
});
