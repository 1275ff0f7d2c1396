// The article's backprop equations on a 2-2-2 sigmoid network and one sample,
// checked against values worked out by hand from the formulas:
//   z1 = W1 x + b1 = [0.1*1 - 0.2*0.5 + 0.05, 0.3*1 + 0.4*0.5 - 0.1] = [0.05, 0.4]
//   a1 = sigmoid(z1),  z2 = W2 a1 + b2,  a2 = sigmoid(z2)
//   E  = (0 - a2[0])^2 + (1 - a2[1])^2                    (label 1: y = [0, 1])
//   delta2 = -2 (y - a2) * a2 (1 - a2);  dW2 = delta2 a1^T;  db2 = delta2
//   delta1 = (W2^T delta2) * a1 (1 - a1); dW1 = delta1 x^T;   db1 = delta1
// (the numbers were evaluated with a scalar calculator script, not this code).
import { describe, expect, it } from 'vitest';
import { paramLayout } from '../../lib/math/layout.js';
import { backward, forward, Workspace } from '../../lib/math/network.js';

describe('a 2-2-2 sigmoid network against hand-computed backprop', () => {
  const layout = paramLayout([2, 2, 2]);
  const net = { layout, activation: 'sigmoid', loss: 'squared' } as const;
  // Layout: W1 (2x2), b1 (2), W2 (2x2), b2 (2).
  const params = Float64Array.from([0.1, -0.2, 0.3, 0.4, 0.05, -0.1, 0.5, -0.6, -0.7, 0.8, 0.2, -0.3]);

  it('forward gives the hand-computed activations', () => {
    const ws = new Workspace(layout, 1, params);
    ws.input.set([1, 0.5]);
    const out = forward(net, params, ws, 1);
    expect(ws.acts[1][0]).toBeCloseTo(0.5124973964842103, 14);
    expect(ws.acts[1][1]).toBeCloseTo(0.598687660112452, 14);
    expect(out[0]).toBeCloseTo(0.5242400081911356, 14);
    expect(out[1]).toBeCloseTo(0.45517118896627623, 14);
  });

  it('backward gives the hand-computed error and gradient', () => {
    const ws = new Workspace(layout, 1, params);
    ws.input.set([1, 0.5]);
    const grad = new Float64Array(layout.size);
    const stats = backward(net, params, grad, ws, Uint8Array.of(1), 1);
    expect(stats.errorSum).toBeCloseTo(0.5716660195206631, 14);
    expect(stats.correct).toBe(0); // a2[0] > a2[1], label 1
    const expected = [
      0.07992733346773417, 0.03996366673386709, -0.08963697116987389, -0.044818485584936944, // dW1
      0.07992733346773417, -0.08963697116987389, // db1
      0.1340200885779745, 0.156559182132905, -0.13848940666254844, -0.16178013662888413, // dW2
      0.26150394030753593, -0.27022460526160974, // db2
    ];
    expected.forEach((v, i) => expect(grad[i]).toBeCloseTo(v, 14));
  });
});
