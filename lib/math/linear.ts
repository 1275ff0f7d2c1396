// Fully connected layer kernels, the fast versions (the naive references are
// in linear-naive.ts and must give identical bits).
//
// Shapes: inp (B, C), W (OC, C) row-major, b (OC), out (B, OC).
// Summation order, which every implementation keeps:
//   out[i][o]  = b[o] + sum_c inp[i][c] * W[o][c]          c increasing
//   dW[o][c]  += sum_i dout[i][o] * inp[i][c]               i increasing
//   db[o]     += sum_i dout[i][o]                            i increasing
//   dinp[i][c] = 0 + sum_o dout[i][o] * W[o][c]              o increasing
// Speed comes from unrolling across independent sums (four outputs, or four
// samples folded into one pass), never from reordering one sum. Every
// operation is followed by R (see specialise.ts).

import type { Float } from './float.js';

const R = (x: number): number => x;

export function linearForward(out: Float, inp: Float, w: Float, b: Float, B: number, C: number, OC: number): void {
  for (let i = 0; i < B; i++) {
    const x = i * C;
    const y = i * OC;
    let o = 0;
    for (; o + 4 <= OC; o += 4) {
      const w0 = o * C;
      const w1 = w0 + C;
      const w2 = w1 + C;
      const w3 = w2 + C;
      let a0 = b[o];
      let a1 = b[o + 1];
      let a2 = b[o + 2];
      let a3 = b[o + 3];
      for (let c = 0; c < C; c++) {
        const v = inp[x + c];
        a0 = R(a0 + R(v * w[w0 + c]));
        a1 = R(a1 + R(v * w[w1 + c]));
        a2 = R(a2 + R(v * w[w2 + c]));
        a3 = R(a3 + R(v * w[w3 + c]));
      }
      out[y + o] = a0;
      out[y + o + 1] = a1;
      out[y + o + 2] = a2;
      out[y + o + 3] = a3;
    }
    for (; o < OC; o++) {
      const w0 = o * C;
      let a = b[o];
      for (let c = 0; c < C; c++) a = R(a + R(inp[x + c] * w[w0 + c]));
      out[y + o] = a;
    }
  }
}

/** Adds dout's contributions into dw and db; writes dinp when it is not null (the first layer needs none). */
export function linearBackward(
  dinp: Float | null, dw: Float, db: Float,
  dout: Float, inp: Float, w: Float, B: number, C: number, OC: number,
): void {
  for (let i = 0; i < B; i++) {
    for (let o = 0; o < OC; o++) db[o] = R(db[o] + dout[i * OC + o]);
  }
  for (let o = 0; o < OC; o++) {
    const r = o * C;
    let i = 0;
    for (; i + 4 <= B; i += 4) {
      const d0 = dout[i * OC + o];
      const d1 = dout[(i + 1) * OC + o];
      const d2 = dout[(i + 2) * OC + o];
      const d3 = dout[(i + 3) * OC + o];
      const x0 = i * C;
      const x1 = x0 + C;
      const x2 = x1 + C;
      const x3 = x2 + C;
      for (let c = 0; c < C; c++) {
        let g = dw[r + c];
        g = R(g + R(d0 * inp[x0 + c]));
        g = R(g + R(d1 * inp[x1 + c]));
        g = R(g + R(d2 * inp[x2 + c]));
        dw[r + c] = R(g + R(d3 * inp[x3 + c]));
      }
    }
    for (; i < B; i++) {
      const d = dout[i * OC + o];
      const x = i * C;
      for (let c = 0; c < C; c++) dw[r + c] = R(dw[r + c] + R(d * inp[x + c]));
    }
  }
  if (dinp === null) return;
  for (let i = 0; i < B; i++) {
    const x = i * C;
    const y = i * OC;
    for (let c = 0; c < C; c++) dinp[x + c] = 0;
    let o = 0;
    for (; o + 4 <= OC; o += 4) {
      const d0 = dout[y + o];
      const d1 = dout[y + o + 1];
      const d2 = dout[y + o + 2];
      const d3 = dout[y + o + 3];
      const w0 = o * C;
      const w1 = w0 + C;
      const w2 = w1 + C;
      const w3 = w2 + C;
      for (let c = 0; c < C; c++) {
        let g = dinp[x + c];
        g = R(g + R(d0 * w[w0 + c]));
        g = R(g + R(d1 * w[w1 + c]));
        g = R(g + R(d2 * w[w2 + c]));
        dinp[x + c] = R(g + R(d3 * w[w3 + c]));
      }
    }
    for (; o < OC; o++) {
      const d = dout[y + o];
      const w0 = o * C;
      for (let c = 0; c < C; c++) dinp[x + c] = R(dinp[x + c] + R(d * w[w0 + c]));
    }
  }
}
