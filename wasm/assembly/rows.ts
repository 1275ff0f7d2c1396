// The row-major product both forward and dinp are:
//   out[i][v] = init[v] + sum_k a[i][k] * b[k][v]     k increasing
// for rows i < M, with a's rows contiguous in k (one scalar per step) and
// `nv` vectors of b per step, the last holding `tail` lanes. init[v] is at
// init + v * initStep: initStep 16 walks a row (forward's bias), 0 reads one
// zero row for every vector (dinp; it must hold four vectors). Rows go in
// pairs through tile2x4, four vectors at a time; vectors left over, and an
// odd last row, through the one-row tiles. Every element is one running sum
// in the naive order whatever tile computes it.
//
// Why 2x4 and not 4x2: V8 emits ~33 instructions per step for a 4x2 tile's
// 16 vector operations, six of them pointer additions (one per A row, one
// for b, the counter); 2x4 has the same loads and arithmetic and two A
// rows to advance. The forward GEMM of 784-32-10 at batch 256 takes 10 %
// less time (in-process A/B of the two builds, both orders).

import { lanes } from './simd';
import { tile1x1, tile1x2, tile2x4 } from './tile';

// @ts-ignore: decorator (AssemblyScript)
@inline export function rowsTimesMatrix<T>(
  out: usize, oRow: usize, init: usize, initStep: usize, a: usize, aRow: usize,
  b: usize, bStep: usize, M: usize, K: usize, nv: usize, tail: usize,
): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  let i: usize = 0;
  for (; i + 2 <= M; i += 2) {
    const x = a + i * aRow;
    const y = out + i * oRow;
    let v: usize = 0;
    for (; v + 4 <= nv; v += 4) {
      tile2x4<T>(y + v * 16, oRow, init + v * initStep, 0, x, aRow, S, b + v * 16, bStep, K, v + 4 == nv ? tail : L);
    }
    if (v < nv) {
      oneRow<T>(y, init, initStep, x, b, bStep, K, v, nv, tail);
      oneRow<T>(y + oRow, init, initStep, x + aRow, b, bStep, K, v, nv, tail);
    }
  }
  if (i < M) oneRow<T>(out + i * oRow, init, initStep, a + i * aRow, b, bStep, K, 0, nv, tail);
}

/** Vectors v0..nv-1 of one row, two at a time. */
function oneRow<T>(y: usize, init: usize, initStep: usize, x: usize, b: usize, bStep: usize, K: usize, v0: usize, nv: usize, tail: usize): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  let v = v0;
  for (; v + 2 <= nv; v += 2) {
    tile1x2<T>(y + v * 16, init + v * initStep, x, S, b + v * 16, bStep, K, v + 2 == nv ? tail : L);
  }
  if (v < nv) tile1x1<T>(y + v * 16, init + v * initStep, x, S, b + v * 16, bStep, K, tail);
}
