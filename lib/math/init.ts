// Parameter initialisation from a seeded stream.
//   normal (the article's): every weight and bias ~ N(0, 1)
//   xavier (Glorot normal):  W ~ N(0, 2 / (fan_in + fan_out)), b = 0
//   he:                      W ~ N(0, 2 / fan_in), b = 0
// Draws are made in float64 and rounded once into the parameter buffer.

import type { Init } from '../config.js';
import type { Xoshiro128 } from '../random/xoshiro128.js';
import { fillNormal } from '../random/sample.js';
import type { Float } from './float.js';
import type { ParamLayout } from './layout.js';

export function initParams(params: Float, layout: ParamLayout, init: Init, rng: Xoshiro128): void {
  for (const l of layout.layers) {
    const w = params.subarray(l.wOffset, l.bOffset);
    const b = params.subarray(l.bOffset, l.bOffset + l.outputs);
    const std = init === 'normal' ? 1 : init === 'xavier' ? Math.sqrt(2 / (l.inputs + l.outputs)) : Math.sqrt(2 / l.inputs);
    const draws = new Float64Array(w.length);
    fillNormal(rng, draws, std);
    w.set(draws);
    if (init === 'normal') {
      const bd = new Float64Array(b.length);
      fillNormal(rng, bd);
      b.set(bd);
    } else {
      b.fill(0);
    }
  }
}
