// Backward, adding into the gradients:
//   db[o]      = db[o] + dout[0][o] + dout[1][o] + ...         i increasing
//   dW[o][c]   = dW[o][c] + dout[0][o]*inp[0][c] + ...          i increasing
//   dinp[i][c] = 0 + dout[i][0]*W[0][c] + dout[i][1]*W[1][c] + ...  o increasing
// db is vectorised across o, dW and dinp across c (LANES columns per
// vector), every element still a single running sum in the naive order.
// dW tiles hold four rows o of dW in registers for the whole pass over the
// samples; dinp tiles hold two samples' rows (rows.ts).
//
// The last column vector is partial when C is not a multiple of LANES: its
// loads run up to 15 bytes past the end of an inp, W or dW row (into the
// next row, or past the array: the caller leaves 16 readable bytes there)
// and only the valid lanes are stored.
//
// When inp is mostly zeros (MNIST's first layer) and the checks that keep
// the bits exact pass, dW goes over inp's nonzeros instead (sparse.ts).

import { lanes } from './simd';
import { rowsTimesMatrix } from './rows';
import { tile1x1, tile1x2, tile4x1, tile4x2Adjacent } from './tile';
import { cleanStarts, allFiniteAt, dwSparse, listBytes, sparseEnough } from './sparse';

/** Scratch bytes backward<T> needs: four zero vectors, dinp's accumulators' start (rows.ts). */
export const BACKWARD_SCRATCH: usize = 64;

/** Scratch bytes the sparse dW path needs (dW transposed and padded, one row's nonzero list). */
export function sparseBackwardScratch<T>(C: usize, OC: usize): usize {
  const L = lanes<T>();
  return C * ((OC + L - 1) / L * L) * sizeof<T>() + listBytes<T>(C);
}

export function backward<T>(
  dinp: usize, dw: usize, db: usize, dout: usize, inp: usize, w: usize,
  B: usize, C: usize, OC: usize, hasDinp: bool, scratch: usize, sparse: usize,
): void {
  biasGrad<T>(db, dout, B, OC);

  const S = sizeof<T>();
  const L = lanes<T>();
  const nv = (C + L - 1) / L;
  const tail = C - (nv - 1) * L;
  const rowC = C * S;
  const rowOC = OC * S;

  // dW (OC, C) += dout^T inp: rows of dW are outputs o, the steps are samples i.
  // `sparse` is the scratch for the sparse path (sparseBackwardScratch), 0 when the host had no room for it.
  if (sparse != 0 && OC > 0 && sparseEnough<T>(inp, B, C) && allFiniteAt<T>(dout, B * OC) && cleanStarts<T>(dw, OC * C)) {
    const OCp = (OC + L - 1) / L * L;
    dwSparse<T>(dw, dout, inp, B, C, OC, OCp, sparse, sparse + C * OCp * S);
  } else {
    denseDw<T>(dw, dout, inp, B, C, OC);
  }

  if (!hasDinp) return;
  // dinp (B, C) = 0 + dout W: rows are samples i, the steps are outputs o.
  const zero = scratch;
  for (let z: usize = 0; z < BACKWARD_SCRATCH; z += 16) v128.store(zero + z, i64x2.splat(0));
  rowsTimesMatrix<T>(dinp, rowC, zero, 0, dout, rowOC, w, rowC, B, OC, nv, tail);
}

/** dW (OC, C) += dout^T inp in register tiles: four rows o and two column vectors at a time, the samples as steps. */
function denseDw<T>(dw: usize, dout: usize, inp: usize, B: usize, C: usize, OC: usize): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  const nv = (C + L - 1) / L;
  const tail = C - (nv - 1) * L;
  const rowC = C * S;
  const rowOC = OC * S;
  let o: usize = 0;
  for (; o + 4 <= OC; o += 4) {
    const g = dw + o * rowC;
    let v: usize = 0;
    for (; v + 2 <= nv; v += 2) {
      tile4x2Adjacent<T>(g + v * 16, rowC, g + v * 16, rowC, dout + o * S, rowOC, inp + v * 16, rowC, B, v + 2 == nv ? tail : L);
    }
    if (v < nv) tile4x1<T>(g + v * 16, rowC, g + v * 16, rowC, dout + o * S, S, rowOC, inp + v * 16, rowC, B, tail);
  }
  for (; o < OC; o++) {
    const g = dw + o * rowC;
    let v: usize = 0;
    for (; v + 2 <= nv; v += 2) {
      tile1x2<T>(g + v * 16, g + v * 16, dout + o * S, rowOC, inp + v * 16, rowC, B, v + 2 == nv ? tail : L);
    }
    if (v < nv) tile1x1<T>(g + v * 16, g + v * 16, dout + o * S, rowOC, inp + v * 16, rowC, B, tail);
  }
}

/** db[o] += dout[i][o] for i increasing: whole vectors of o, then the rest one by one. */
function biasGrad<T>(db: usize, dout: usize, B: usize, OC: usize): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  const rowOC = OC * S;
  let o: usize = 0;
  for (; o + L <= OC; o += L) {
    let acc = v128.load(db + o * S);
    let p = dout + o * S;
    for (let i: usize = 0; i < B; i++) {
      acc = v128.add<T>(acc, v128.load(p));
      p += rowOC;
    }
    v128.store(db + o * S, acc);
  }
  for (; o < OC; o++) {
    let acc = load<T>(db + o * S);
    let p = dout + o * S;
    for (let i: usize = 0; i < B; i++) {
      // @ts-ignore: arithmetic on T (f32 or f64 here; asc checks it, tsc cannot)
      acc = acc + load<T>(p);
      p += rowOC;
    }
    store<T>(db + o * S, acc);
  }
}
