// The one inner kernel every linear kernel is built from: a register tile of
// independent running sums, each advanced by ONE product per step k:
//
//   acc[r][v] = init[r][v]
//   for k = 0..K-1:  acc[r][v] = acc[r][v] + splat(a[r][k]) * b[k][v]
//   out[r][v] = acc[r][v]
//
// Each lane of each accumulator is a separate sum (a different output
// element), and the steps k are taken in increasing order with a separate
// multiply then add (wasm never fuses them), so every element gets exactly
// the rounding sequence of the naive loop. Vectorisation and blocking only
// run independent sums side by side; no sum is ever split or reassociated.
//
// Operands stay in the naive loop's order: splat(a) * b (the scalar is the
// left factor there too) and acc + product. Only NaN bits could notice: when
// two NaNs with different bits meet, x86 keeps the first operand's, while
// V8's JavaScript keeps either one depending on the compiler tier (measured),
// so no order can match JavaScript there; with one NaN bit pattern in play
// (e.g. the machine's default NaN made by inf*0) the bytes are exact.
//
// Addresses are byte pointers into linear memory; strides are in bytes:
//   a[r][k] = a + r*aRow + k*aStep        (one scalar per row and step)
//   b[k][v] = b + k*bStep + v*16          (one vector per step and column)
//   init[r][v] = init + r*iRow + v*16     (iRow 0 = the same row for all r)
//   out[r][v]  = out + r*oRow + v*16
// The last vector column stores only `n` lanes (1..LANES); its other lanes
// compute on whatever follows the data and are discarded, so the caller
// guarantees 16 readable bytes after every b and init row (see
// lib/accel/wasm/heap.ts).
//
// Tiles are 2x4 (forward and dinp, see rows.ts), 4x2 with its four A rows
// adjacent (dW), 4x1, 1x2, 1x1 (rows x vectors). The two big ones have 8
// independent accumulators (enough to hide the add latency) and, with their
// b vectors, a splat and a product, fit x64's 16 vector registers; per step
// they do 6 loads for 8 multiplies and 8 adds. What separates them is the
// pointer additions V8 emits around those 22 operations: one per A row
// advanced, so 2x4 rather than 4x2 with rows that are not adjacent.

import { storeN } from './simd';

/**
 * Four rows by two vectors, for aRow == sizeof<T>() (dW: the tile's four
 * rows of A are adjacent values of one dout row): one A pointer, the rows
 * at immediate offsets. Against a 4x2 tile with a pointer per row (V8 makes
 * that loop ~33 instructions for its 16 vector operations) the dW GEMM of
 * 784-32-10 at batch 256 takes 5 % less time. Unrolling the k loop instead
 * (a second step's A values at an immediate offset) measured 25 % slower
 * by two and 16 % by four: V8 then spills accumulators.
 */
export function tile4x2Adjacent<T>(
  out: usize, oRow: usize, init: usize, iRow: usize,
  a: usize, aStep: usize, b: usize, bStep: usize, K: usize, n: usize,
): void {
  let a00 = v128.load(init), a01 = v128.load(init, 16);
  let a10 = v128.load(init + iRow), a11 = v128.load(init + iRow, 16);
  let a20 = v128.load(init + 2 * iRow), a21 = v128.load(init + 2 * iRow, 16);
  let a30 = v128.load(init + 3 * iRow), a31 = v128.load(init + 3 * iRow, 16);
  let p = a;
  let q = b;
  for (let k: usize = 0; k < K; k++) {
    const b0 = v128.load(q), b1 = v128.load(q, 16);
    let s = v128.load_splat<T>(p);
    a00 = v128.add<T>(a00, v128.mul<T>(s, b0));
    a01 = v128.add<T>(a01, v128.mul<T>(s, b1));
    s = v128.load_splat<T>(p, sizeof<T>());
    a10 = v128.add<T>(a10, v128.mul<T>(s, b0));
    a11 = v128.add<T>(a11, v128.mul<T>(s, b1));
    s = v128.load_splat<T>(p, 2 * sizeof<T>());
    a20 = v128.add<T>(a20, v128.mul<T>(s, b0));
    a21 = v128.add<T>(a21, v128.mul<T>(s, b1));
    s = v128.load_splat<T>(p, 3 * sizeof<T>());
    a30 = v128.add<T>(a30, v128.mul<T>(s, b0));
    a31 = v128.add<T>(a31, v128.mul<T>(s, b1));
    p += aStep;
    q += bStep;
  }
  v128.store(out, a00); storeN<T>(out + 16, a01, n);
  v128.store(out + oRow, a10); storeN<T>(out + oRow + 16, a11, n);
  v128.store(out + 2 * oRow, a20); storeN<T>(out + 2 * oRow + 16, a21, n);
  v128.store(out + 3 * oRow, a30); storeN<T>(out + 3 * oRow + 16, a31, n);
}

/**
 * Two rows by four vectors: per step 4 b loads and 2 splats for 8
 * multiplies and 8 adds, like 4x2, but only two A pointers to advance.
 */
export function tile2x4<T>(
  out: usize, oRow: usize, init: usize, iRow: usize,
  a: usize, aRow: usize, aStep: usize, b: usize, bStep: usize, K: usize, n: usize,
): void {
  let a00 = v128.load(init), a01 = v128.load(init, 16), a02 = v128.load(init, 32), a03 = v128.load(init, 48);
  let a10 = v128.load(init + iRow), a11 = v128.load(init + iRow, 16), a12 = v128.load(init + iRow, 32), a13 = v128.load(init + iRow, 48);
  let p0 = a, p1 = a + aRow;
  let q = b;
  for (let k: usize = 0; k < K; k++) {
    const b0 = v128.load(q), b1 = v128.load(q, 16), b2 = v128.load(q, 32), b3 = v128.load(q, 48);
    let s = v128.load_splat<T>(p0);
    a00 = v128.add<T>(a00, v128.mul<T>(s, b0));
    a01 = v128.add<T>(a01, v128.mul<T>(s, b1));
    a02 = v128.add<T>(a02, v128.mul<T>(s, b2));
    a03 = v128.add<T>(a03, v128.mul<T>(s, b3));
    s = v128.load_splat<T>(p1);
    a10 = v128.add<T>(a10, v128.mul<T>(s, b0));
    a11 = v128.add<T>(a11, v128.mul<T>(s, b1));
    a12 = v128.add<T>(a12, v128.mul<T>(s, b2));
    a13 = v128.add<T>(a13, v128.mul<T>(s, b3));
    p0 += aStep; p1 += aStep;
    q += bStep;
  }
  v128.store(out, a00); v128.store(out, a01, 16); v128.store(out, a02, 32); storeN<T>(out + 48, a03, n);
  v128.store(out + oRow, a10); v128.store(out + oRow, a11, 16); v128.store(out + oRow, a12, 32); storeN<T>(out + oRow + 48, a13, n);
}

export function tile4x1<T>(
  out: usize, oRow: usize, init: usize, iRow: usize,
  a: usize, aRow: usize, aStep: usize, b: usize, bStep: usize, K: usize, n: usize,
): void {
  let a0 = v128.load(init), a1 = v128.load(init + iRow);
  let a2 = v128.load(init + 2 * iRow), a3 = v128.load(init + 3 * iRow);
  let p0 = a, p1 = a + aRow, p2 = a + 2 * aRow, p3 = a + 3 * aRow;
  let q = b;
  for (let k: usize = 0; k < K; k++) {
    const b0 = v128.load(q);
    a0 = v128.add<T>(a0, v128.mul<T>(v128.load_splat<T>(p0), b0));
    a1 = v128.add<T>(a1, v128.mul<T>(v128.load_splat<T>(p1), b0));
    a2 = v128.add<T>(a2, v128.mul<T>(v128.load_splat<T>(p2), b0));
    a3 = v128.add<T>(a3, v128.mul<T>(v128.load_splat<T>(p3), b0));
    p0 += aStep; p1 += aStep; p2 += aStep; p3 += aStep;
    q += bStep;
  }
  storeN<T>(out, a0, n);
  storeN<T>(out + oRow, a1, n);
  storeN<T>(out + 2 * oRow, a2, n);
  storeN<T>(out + 3 * oRow, a3, n);
}

export function tile1x2<T>(
  out: usize, init: usize, a: usize, aStep: usize, b: usize, bStep: usize, K: usize, n: usize,
): void {
  let a0 = v128.load(init), a1 = v128.load(init, 16);
  let p = a, q = b;
  for (let k: usize = 0; k < K; k++) {
    const s = v128.load_splat<T>(p);
    a0 = v128.add<T>(a0, v128.mul<T>(s, v128.load(q)));
    a1 = v128.add<T>(a1, v128.mul<T>(s, v128.load(q, 16)));
    p += aStep;
    q += bStep;
  }
  v128.store(out, a0);
  storeN<T>(out + 16, a1, n);
}

export function tile1x1<T>(
  out: usize, init: usize, a: usize, aStep: usize, b: usize, bStep: usize, K: usize, n: usize,
): void {
  let a0 = v128.load(init);
  let p = a, q = b;
  for (let k: usize = 0; k < K; k++) {
    a0 = v128.add<T>(a0, v128.mul<T>(v128.load_splat<T>(p), v128.load(q)));
    p += aStep;
    q += bStep;
  }
  storeN<T>(out, a0, n);
}
