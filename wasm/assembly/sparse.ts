// Inputs that are mostly exact zeros (MNIST: 81 % of all pixels, so 81 % of
// the first layer's products) skip those products, with the same bits.
//
// Why skipping is exact. An element's sum is acc = start, then
// acc = acc + x*w for each step in order. When x is +0 or -0 and w is finite,
// x*w is +0 or -0, and adding a zero to acc leaves acc's bits unchanged
// unless acc is -0 (then -0 + +0 = +0). acc is -0 only if it started as -0
// and every term so far was -0: a sum of two numbers is -0 only when both
// are -0 (exact cancellation gives +0, and a sum of nonzero floats that
// lands in the subnormal range is exact, never a rounded zero). So with a
// start that is not -0 and a finite other factor, leaving out the zero
// products leaves every later step, and the result, bit for bit the same.
// The kernels check both conditions on every call (W or dout finite; the
// bias or dW's start finite and never -0, which also keeps a signalling NaN
// start from coming out unquieted) and take the dense path otherwise. NaN
// inputs are not zeros: they stay in the sum.
//
// Forward: out[i][o] = b[o] + sum over the nonzero x = inp[i][c] of x * W[o][c],
// c increasing. Vectorised across outputs (W transposed, as for the dense
// path), one sample at a time over its list of nonzero inputs.
//
// dW[o][c] += dout[i][o] * inp[i][c], i increasing: dW transposed into
// scratch (C, OCp) so a nonzero input updates one contiguous row of it, the
// samples in order, then transposed back.

import { lanes, storeN } from './simd';
import { transposeBack, transposePadded } from './transpose';

/** Calls that took a sparse path, since the module loaded: for tests and benchmarks to see which path ran. */
let runs: u32 = 0;
export function sparseRunCount(): u32 {
  return runs;
}

/**
 * Bytes of one row's nonzero list: a u32 offset and a value per input, each
 * part 16-byte aligned with 16 bytes to spare (nonzeros stores whole
 * vectors at the end of what it has written).
 */
// @ts-ignore: decorator (AssemblyScript)
@inline export function listBytes<T>(C: usize): usize {
  return ((C * 4 + 31) & ~15) + ((C * sizeof<T>() + 31) & ~15);
}

/** Where a list's values start, after its offsets. */
// @ts-ignore: decorator (AssemblyScript)
@inline function valuesOf(list: usize, C: usize): usize {
  return list + ((C * 4 + 31) & ~15);
}

/** Bit l set where lane l of v is not +0 or -0 (NaN included). */
// @ts-ignore: decorator (AssemblyScript)
@inline function nonzeroLanes<T>(v: v128): i32 {
  if (sizeof<T>() == 4) return i32x4.bitmask(f32x4.ne(v, f32x4.splat(0)));
  return i64x2.bitmask(f64x2.ne(v, f64x2.splat(0)));
}

/** How many of the n values at p are not zero, counted up to the first block past `limit` (then more than limit). */
function countNonzero<T>(p: usize, n: usize, limit: usize): usize {
  const S = sizeof<T>();
  const L = lanes<T>();
  const BLOCK: usize = 1024;
  let count: usize = 0;
  let i: usize = 0;
  while (i + L <= n && count <= limit) {
    const end = i + BLOCK < n ? i + BLOCK : n;
    for (; i + L <= end; i += L) count += <usize>popcnt<i32>(nonzeroLanes<T>(v128.load(p + i * S)));
  }
  if (count > limit) return count;
  for (; i < n; i++) if (load<T>(p + i * S) != 0) count++;
  return count;
}

/**
 * Whether inp (B rows of C values) has few enough nonzeros for the sparse
 * loops to win: at most 30 % (on random positions, 784 x 32 at batch 256,
 * the sparse forward broke even with the dense tiles near 30 % and dW near
 * 45 %: bench/README.md). The count stops as soon as it passes that, so a
 * dense input pays for a third of a pass. Counting only the first rows made
 * a sparse product slower, not faster (measured: this pass also brings inp
 * into the cache).
 */
export function sparseEnough<T>(inp: usize, B: usize, C: usize): bool {
  const n = B * C;
  const limit = n * 3 / 10;
  return n > 0 && countNonzero<T>(inp, n, limit) <= limit;
}

/** Whether none of the n values at p is an infinity or a NaN. */
export function allFiniteAt<T>(p: usize, n: usize): bool {
  const S = sizeof<T>();
  let i: usize = 0;
  if (S == 4) {
    const e = i32x4.splat(0x7f800000);
    for (; i + 4 <= n; i += 4) if (v128.any_true(i32x4.eq(v128.and(v128.load(p + i * 4), e), e))) return false;
    for (; i < n; i++) if ((load<u32>(p + i * 4) & 0x7f800000) == 0x7f800000) return false;
  } else {
    const e = i64x2.splat(0x7ff0000000000000);
    for (; i + 2 <= n; i += 2) if (v128.any_true(i64x2.eq(v128.and(v128.load(p + i * 8), e), e))) return false;
    for (; i < n; i++) if ((load<u64>(p + i * 8) & 0x7ff0000000000000) == 0x7ff0000000000000) return false;
  }
  return true;
}

/** Whether the n sums' start values at p are all finite and none is -0. */
export function cleanStarts<T>(p: usize, n: usize): bool {
  return allFiniteAt<T>(p, n) && !anyNegativeZero<T>(p, n);
}

/** Whether some of the n values at p is -0. */
function anyNegativeZero<T>(p: usize, n: usize): bool {
  const S = sizeof<T>();
  let i: usize = 0;
  if (S == 4) {
    const z = i32x4.splat(0x80000000);
    for (; i + 4 <= n; i += 4) if (v128.any_true(i32x4.eq(v128.load(p + i * 4), z))) return true;
    for (; i < n; i++) if (load<u32>(p + i * 4) == 0x80000000) return true;
  } else {
    const z = i64x2.splat(0x8000000000000000);
    for (; i + 2 <= n; i += 2) if (v128.any_true(i64x2.eq(v128.load(p + i * 8), z))) return true;
    for (; i < n; i++) if (load<u64>(p + i * 8) == 0x8000000000000000) return true;
  }
  return false;
}

// For each 4-bit mask of nonzero f32 lanes, the byte shuffle that moves
// those lanes, in order, to the front of a vector (the rest: lane 0 again).
const COMPACT4 = memory.data<u8>([
  0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3,
  8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3,
  12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3,
  4, 5, 6, 7, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15, 0, 1, 2, 3,
  8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
]);

/**
 * The nonzero inputs of one row (C values at `row`), c increasing: their
 * values at `vals`, and c * step as offsets at `list`. Returns how many.
 * Vectors of zeros are skipped; in the others, every lane is written and the count advances
 * only past the nonzero ones (f32: one shuffle per vector; f64: lane by
 * lane), so no branch depends on single lanes: those mispredicted so often
 * that building the list cost as much as the arithmetic it saves.
 */
function nonzeros<T>(list: usize, vals: usize, C: usize, row: usize, step: usize): usize {
  const S = sizeof<T>();
  const st = <u32>step;
  let n: usize = 0;
  let c: usize = 0;
  if (S == 4) {
    const steps = i32x4(0, st, 2 * st, 3 * st);
    for (; c + 4 <= C; c += 4) {
      const v = v128.load(row + c * 4);
      const m = nonzeroLanes<T>(v);
      const shuffle = v128.load(COMPACT4 + (<usize>m << 4));
      v128.store(vals + (n << 2), i8x16.swizzle(v, shuffle));
      v128.store(list + (n << 2), i8x16.swizzle(i32x4.add(i32x4.splat(<u32>c * st), steps), shuffle));
      n += <usize>popcnt<i32>(m);
    }
  } else {
    for (; c + 2 <= C; c += 2) {
      const v = v128.load(row + c * 8);
      const m = nonzeroLanes<T>(v);
      if (m == 0) continue;
      const off = <u32>c * st;
      store<u32>(list + (n << 2), off);
      store<f64>(vals + (n << 3), f64x2.extract_lane(v, 0));
      n += <usize>(m & 1);
      store<u32>(list + (n << 2), off + st);
      store<f64>(vals + (n << 3), f64x2.extract_lane(v, 1));
      n += <usize>(m >> 1);
    }
  }
  for (; c < C; c++) {
    const x = load<T>(row + c * S);
    if (x != 0) {
      store<u32>(list + (n << 2), <u32>c * st);
      store<T>(vals + n * S, x);
      n++;
    }
  }
  return n;
}

/**
 * out (B, OC) = inp (B, C) W^T + b over inp's nonzeros, with W and b laid
 * out at wT as prepareForward leaves them (W transposed to (C, OCp), then b)
 * and `list` the scratch for one row's nonzero list (listBytes<T>(C)).
 */
export function forwardSparse<T>(out: usize, inp: usize, wT: usize, B: usize, C: usize, OC: usize, OCp: usize, list: usize): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  const nv = OCp / L;
  const tail = OC - (nv - 1) * L;
  const wStep = OCp * S;
  const bp = wT + C * wStep;
  const vals = valuesOf(list, C);
  runs++;
  for (let i: usize = 0; i < B; i++) {
    const n = nonzeros<T>(list, vals, C, inp + i * C * S, wStep);
    const y = out + i * OC * S;
    let v: usize = 0;
    for (; v + 8 <= nv; v += 8) gather8<T>(y + v * 16, bp + v * 16, wT + v * 16, list, vals, n, v + 8 == nv ? tail : L);
    for (; v < nv; v++) gather1<T>(y + v * 16, bp + v * 16, wT + v * 16, list, vals, n, v + 1 == nv ? tail : L);
  }
}

/**
 * dw (OC, C) += dout^T inp over inp's nonzeros, samples in order. dT is
 * scratch for dw transposed (C * OCp values), `list` for one row's list.
 */
export function dwSparse<T>(dw: usize, dout: usize, inp: usize, B: usize, C: usize, OC: usize, OCp: usize, dT: usize, list: usize): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  const nv = OCp / L;
  const step = OCp * S;
  const vals = valuesOf(list, C);
  runs++;
  transposePadded<T>(dT, dw, C, OC, OCp);
  for (let i: usize = 0; i < B; i++) {
    const n = nonzeros<T>(list, vals, C, inp + i * C * S, step);
    const d = dout + i * OC * S;
    let v: usize = 0;
    for (; v + 8 <= nv; v += 8) scatter8<T>(dT + v * 16, d + v * 16, list, vals, n);
    for (; v < nv; v++) scatter1<T>(dT + v * 16, d + v * 16, list, vals, n);
  }
  transposeBack<T>(dw, dT, C, OC, OCp);
}

/**
 * Eight vectors of one output row: out = init + sum_k vals[k] * b[offs[k]],
 * k increasing, with the product in the naive loop's order (input times
 * weight). The last vector stores `last` lanes.
 */
function gather8<T>(out: usize, init: usize, b: usize, offs: usize, vals: usize, n: usize, last: usize): void {
  const S = sizeof<T>();
  let a0 = v128.load(init), a1 = v128.load(init, 16), a2 = v128.load(init, 32), a3 = v128.load(init, 48);
  let a4 = v128.load(init, 64), a5 = v128.load(init, 80), a6 = v128.load(init, 96), a7 = v128.load(init, 112);
  for (let k: usize = 0; k < n; k++) {
    const q = b + <usize>load<u32>(offs + (k << 2));
    const s = v128.load_splat<T>(vals + k * S);
    a0 = v128.add<T>(a0, v128.mul<T>(s, v128.load(q)));
    a1 = v128.add<T>(a1, v128.mul<T>(s, v128.load(q, 16)));
    a2 = v128.add<T>(a2, v128.mul<T>(s, v128.load(q, 32)));
    a3 = v128.add<T>(a3, v128.mul<T>(s, v128.load(q, 48)));
    a4 = v128.add<T>(a4, v128.mul<T>(s, v128.load(q, 64)));
    a5 = v128.add<T>(a5, v128.mul<T>(s, v128.load(q, 80)));
    a6 = v128.add<T>(a6, v128.mul<T>(s, v128.load(q, 96)));
    a7 = v128.add<T>(a7, v128.mul<T>(s, v128.load(q, 112)));
  }
  v128.store(out, a0); v128.store(out, a1, 16); v128.store(out, a2, 32); v128.store(out, a3, 48);
  v128.store(out, a4, 64); v128.store(out, a5, 80); v128.store(out, a6, 96); storeN<T>(out + 112, a7, last);
}

/** One vector: gather8's sums for the vectors left over. */
function gather1<T>(out: usize, init: usize, b: usize, offs: usize, vals: usize, n: usize, last: usize): void {
  const S = sizeof<T>();
  let a0 = v128.load(init);
  for (let k: usize = 0; k < n; k++) {
    a0 = v128.add<T>(a0, v128.mul<T>(v128.load_splat<T>(vals + k * S), v128.load(b + <usize>load<u32>(offs + (k << 2)))));
  }
  storeN<T>(out, a0, last);
}

/**
 * Eight vectors of one dout row d, held in registers, added into the rows
 * offs[k] of dT: dT = dT + vals[k] * d, k increasing. The product's
 * factors are the other way round from the naive dout * inp, which can only
 * show when both are NaN; dout is checked finite before this path runs.
 * Lanes past dout's row read the next row (or the slack after the array)
 * and land in dT's padding columns, which are never copied back.
 */
function scatter8<T>(dT: usize, d: usize, offs: usize, vals: usize, n: usize): void {
  const S = sizeof<T>();
  const d0 = v128.load(d), d1 = v128.load(d, 16), d2 = v128.load(d, 32), d3 = v128.load(d, 48);
  const d4 = v128.load(d, 64), d5 = v128.load(d, 80), d6 = v128.load(d, 96), d7 = v128.load(d, 112);
  for (let k: usize = 0; k < n; k++) {
    const p = dT + <usize>load<u32>(offs + (k << 2));
    const s = v128.load_splat<T>(vals + k * S);
    v128.store(p, v128.add<T>(v128.load(p), v128.mul<T>(s, d0)));
    v128.store(p, v128.add<T>(v128.load(p, 16), v128.mul<T>(s, d1)), 16);
    v128.store(p, v128.add<T>(v128.load(p, 32), v128.mul<T>(s, d2)), 32);
    v128.store(p, v128.add<T>(v128.load(p, 48), v128.mul<T>(s, d3)), 48);
    v128.store(p, v128.add<T>(v128.load(p, 64), v128.mul<T>(s, d4)), 64);
    v128.store(p, v128.add<T>(v128.load(p, 80), v128.mul<T>(s, d5)), 80);
    v128.store(p, v128.add<T>(v128.load(p, 96), v128.mul<T>(s, d6)), 96);
    v128.store(p, v128.add<T>(v128.load(p, 112), v128.mul<T>(s, d7)), 112);
  }
}

/** One vector: scatter8 for the vectors left over. */
function scatter1<T>(dT: usize, d: usize, offs: usize, vals: usize, n: usize): void {
  const S = sizeof<T>();
  const d0 = v128.load(d);
  for (let k: usize = 0; k < n; k++) {
    const p = dT + <usize>load<u32>(offs + (k << 2));
    v128.store(p, v128.add<T>(v128.load(p), v128.mul<T>(v128.load_splat<T>(vals + k * S), d0)));
  }
}
