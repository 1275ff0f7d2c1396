// W (OC, C) -> wT (C, OCp): the transposed copy forward needs to vectorise
// across outputs, with columns OC..OCp-1 (OCp = OC rounded up to whole
// vectors) zero. Pure data movement, so every bit (NaN payloads included)
// is kept. Blocks of LANES x LANES elements are transposed in registers with
// shuffles (four times faster than element by element, which mattered for
// small batches); the columns past the last whole block are copied one by one.

import { lanes } from './simd';

export function transposePadded<T>(wT: usize, w: usize, C: usize, OC: usize, OCp: usize): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  const rowW = C * S;
  const rowT = OCp * S;
  const cFull = C / L * L;
  for (let o: usize = 0; o < OCp; o += L) {
    const src = w + o * rowW;
    const dst = wT + o * S;
    const rows = OC - o < L ? OC - o : L; // real rows of W in this block; the rest are padding
    for (let c: usize = 0; c < cFull; c += L) {
      if (sizeof<T>() == 4) block4(dst + c * rowT, rowT, src + c * S, rowW, rows);
      else block2(dst + c * rowT, rowT, src + c * S, rowW, rows);
    }
    for (let c = cFull; c < C; c++) {
      for (let r: usize = 0; r < L; r++) {
        store<T>(dst + c * rowT + r * S, r < rows ? load<T>(src + r * rowW + c * S) : <T>0);
      }
    }
  }
}

/** Rows r < rows of the 4x4 f32 block at src (row stride sRow) become columns at dst (row stride dRow); missing rows are zeros. */
// @ts-ignore: decorator (AssemblyScript)
@inline function block4(dst: usize, dRow: usize, src: usize, sRow: usize, rows: usize): void {
  const zero = i64x2.splat(0);
  const r0 = v128.load(src);
  const r1 = rows > 1 ? v128.load(src + sRow) : zero;
  const r2 = rows > 2 ? v128.load(src + 2 * sRow) : zero;
  const r3 = rows > 3 ? v128.load(src + 3 * sRow) : zero;
  const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5); // r0[0] r1[0] r0[1] r1[1]
  const t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7); // r0[2] r1[2] r0[3] r1[3]
  const t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<i64>(t0, t2, 0, 2)); // r0[0] r1[0] r2[0] r3[0]
  v128.store(dst + dRow, v128.shuffle<i64>(t0, t2, 1, 3));
  v128.store(dst + 2 * dRow, v128.shuffle<i64>(t1, t3, 0, 2));
  v128.store(dst + 3 * dRow, v128.shuffle<i64>(t1, t3, 1, 3));
}

/** The same for a 2x2 f64 block. */
// @ts-ignore: decorator (AssemblyScript)
@inline function block2(dst: usize, dRow: usize, src: usize, sRow: usize, rows: usize): void {
  const r0 = v128.load(src);
  const r1 = rows > 1 ? v128.load(src + sRow) : i64x2.splat(0);
  v128.store(dst, v128.shuffle<i64>(r0, r1, 0, 2));
  v128.store(dst + dRow, v128.shuffle<i64>(r0, r1, 1, 3));
}

/**
 * The inverse for the first OC columns: wT (C, OCp) -> w (OC, C), the
 * padding columns left behind. 4x4 (f32) or 2x2 (f64) blocks in registers
 * where a whole block lies inside w, element by element at the edges.
 */
export function transposeBack<T>(w: usize, wT: usize, C: usize, OC: usize, OCp: usize): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  const rowW = C * S;
  const rowT = OCp * S;
  const oFull = OC / L * L;
  const cFull = C / L * L;
  for (let o: usize = 0; o < oFull; o += L) {
    for (let c: usize = 0; c < cFull; c += L) {
      if (sizeof<T>() == 4) block4(w + o * rowW + c * S, rowW, wT + c * rowT + o * S, rowT, 4);
      else block2(w + o * rowW + c * S, rowW, wT + c * rowT + o * S, rowT, 2);
    }
    for (let c = cFull; c < C; c++) {
      for (let r: usize = 0; r < L; r++) store<T>(w + (o + r) * rowW + c * S, load<T>(wT + c * rowT + (o + r) * S));
    }
  }
  for (let o = oFull; o < OC; o++) {
    for (let c: usize = 0; c < C; c++) store<T>(w + o * rowW + c * S, load<T>(wT + c * rowT + o * S));
  }
}
