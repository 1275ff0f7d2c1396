// Naive reference kernels for linear.ts: one output element at a time, the
// reduction written as the plain loop of its definition. Slow on purpose and
// obviously right; the fast kernels are tested to give exactly these bits.
// `round` is Math.fround for float32 arithmetic, identity for float64.

import type { Float } from './float.js';

type Round = (x: number) => number;

// out (B, OC) = inp (B, C) W^T + b
export function linearForwardNaive(out: Float, inp: Float, w: Float, b: Float, B: number, C: number, OC: number, round: Round): void {
  for (let i = 0; i < B; i++) {
    for (let o = 0; o < OC; o++) {
      let acc = b[o];
      for (let c = 0; c < C; c++) acc = round(acc + round(inp[i * C + c] * w[o * C + c]));
      out[i * OC + o] = acc;
    }
  }
}

// dw (OC, C) += dout^T inp; db (OC) += colsum(dout); dinp (B, C) = dout W
export function linearBackwardNaive(
  dinp: Float | null, dw: Float, db: Float,
  dout: Float, inp: Float, w: Float, B: number, C: number, OC: number, round: Round,
): void {
  for (let o = 0; o < OC; o++) {
    let acc = db[o];
    for (let i = 0; i < B; i++) acc = round(acc + dout[i * OC + o]);
    db[o] = acc;
    for (let c = 0; c < C; c++) {
      let g = dw[o * C + c];
      for (let i = 0; i < B; i++) g = round(g + round(dout[i * OC + o] * inp[i * C + c]));
      dw[o * C + c] = g;
    }
  }
  if (dinp === null) return;
  for (let i = 0; i < B; i++) {
    for (let c = 0; c < C; c++) {
      let acc = 0;
      for (let o = 0; o < OC; o++) acc = round(acc + round(dout[i * OC + o] * w[o * C + c]));
      dinp[i * C + c] = acc;
    }
  }
}
