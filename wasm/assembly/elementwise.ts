// Elementwise kernels of lib/math/activation.ts, in place on byte pointers,
// with the bits of the TypeScript ones (R = Math.fround for float32,
// identity for float64):
//   sigmoidForward:  a = R(1 / (1 + Math.exp(-a)))   exp and the rest in f64, one rounding
//   sigmoidBackward: d = R(d * R(a * R(1 - a)))      f32 ops = fround of the f64 ops
// Math.exp is fdlibmExp below: V8's own algorithm (base::ieee754::exp, the
// fdlibm e_exp.c port in Node 20 / V8 11.3), operation for operation.
// WebAssembly never fuses or reassociates, so the f64 arithmetic is exactly
// the C one. Checked against Math.exp by test/accel/exp.test.ts.

const halF0: f64 = 0.5;
const halF1: f64 = -0.5;
const o_threshold: f64 = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
const u_threshold: f64 = -7.45133219101941108420e+02; // 0xC0874910 D52D3051
const ln2HI0: f64 = 6.93147180369123816490e-01; // 0x3FE62E42 FEE00000
const ln2HI1: f64 = -6.93147180369123816490e-01;
const ln2LO0: f64 = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const ln2LO1: f64 = -1.90821492927058770002e-10;
const invln2: f64 = 1.44269504088896338700e+00; // 0x3FF71547 652B82FE
const P1: f64 = 1.66666666666666019037e-01; // 0x3FC55555 5555553E
const P2: f64 = -2.77777777770155933842e-03; // 0xBF66C16C 16BEBD93
const P3: f64 = 6.61375632143793436117e-05; // 0x3F11566A AF25DE2C
const P4: f64 = -1.65339022054652515390e-06; // 0xBEBBBD41 C5D26BF1
const P5: f64 = 4.13813679705723846039e-08; // 0x3E663769 72BEA4D0
const E: f64 = 2.718281828459045; // 0x4005BF0A 8B145769
const huge: f64 = 1.0e+300;
const twom1000: f64 = 9.33263618503218878990e-302; // 2^-1000
const two1023: f64 = 8.988465674311579539e307; // 2^1023

// @ts-ignore: decorator
@inline
function twoPow(hi: u32): f64 {
  return reinterpret<f64>(<u64>hi << 32);
}

export function fdlibmExp(x: f64): f64 {
  let hi: f64 = 0.0;
  let lo: f64 = 0.0;
  let k: i32 = 0;
  const bits = reinterpret<u64>(x);
  let hx = <u32>(bits >> 32);
  const xsb = <i32>(hx >> 31);
  hx &= 0x7FFFFFFF;

  // filter out non-finite argument
  if (hx >= 0x40862E42) { // |x| >= 709.78...
    if (hx >= 0x7FF00000) {
      const lx = <u32>bits;
      if (((hx & 0xFFFFF) | lx) != 0) return x + x; // NaN
      return xsb == 0 ? x : 0.0; // exp(+-inf) = {inf, 0}
    }
    if (x > o_threshold) return huge * huge; // overflow
    if (x < u_threshold) return twom1000 * twom1000; // underflow
  }

  // argument reduction
  if (hx > 0x3FD62E42) { // |x| > 0.5 ln2
    if (hx < 0x3FF0A2B2) { // and |x| < 1.5 ln2
      if (x == 1.0) return E; // V8's special case
      hi = x - (xsb ? ln2HI1 : ln2HI0);
      lo = xsb ? ln2LO1 : ln2LO0;
      k = 1 - xsb - xsb;
    } else {
      k = <i32>(invln2 * x + (xsb ? halF1 : halF0));
      const t = <f64>k;
      hi = x - t * ln2HI0; // t*ln2HI is exact here
      lo = t * ln2LO0;
    }
    x = hi - lo;
  } else if (hx < 0x3E300000) { // |x| < 2^-28
    if (huge + x > 1.0) return 1.0 + x;
  } else {
    k = 0;
  }

  // x is now in primary range
  const t = x * x;
  const twopk = k >= -1021
    ? twoPow(<u32>(0x3FF00000 + (k << 20)))
    : twoPow(<u32>0x3FF00000 + (<u32>(k + 1000) << 20));
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * two1023;
    return y * twopk;
  }
  return y * twopk * twom1000;
}

// ---- fdlibmExp two lanes at a time (f64x2) ----
// The sigmoid's exp was ~20 % of a wasm training pass (784-32-10, batch
// 256) one element at a time. Every lane performs fdlibmExp's operations in
// the same order (the same function as native/elementwise_avx2.c), with
// branches as lane masks: both argument reductions are computed and
// blended, and the two final formulas share one division by blending its
// divisor. Lanes outside the ordinary range (NaN, infinities, overflow,
// underflow, |x| < 2^-28, x == 1, k < -1021 or k == 1024) are flagged in
// `special` and recomputed by fdlibmExp itself.

/** Lanes (bit 0, bit 1) of the last exp2x call that the caller must recompute with fdlibmExp. */
let special: i32 = 0;

// @ts-ignore: decorator
@inline
function dup(x: f64): v128 {
  return f64x2.splat(x);
}
// @ts-ignore: decorator
@inline
function dupi(x: i64): v128 {
  return i64x2.splat(x);
}

// @ts-ignore: decorator
@inline
function exp2x(x: v128): v128 {
  // hx: the high word of |x|, in 64-bit lanes; neg: the sign bit (xsb).
  const hx = v128.and(i64x2.shr_u(x, 32), dupi(0x7FFFFFFF));
  const neg = i64x2.lt_s(x, dupi(0));
  let sp = v128.or(
    v128.or(i64x2.ge_s(hx, dupi(0x40862E42)), i64x2.lt_s(hx, dupi(0x3E300000))), // |x| >= 709.78, inf, NaN; |x| < 2^-28
    f64x2.eq(x, dup(1.0)), // V8 returns E
  );
  const big = i64x2.ge_s(hx, dupi(0x3FF0A2B2)); // |x| >= 1.5 ln2
  const mid = v128.andnot(i64x2.gt_s(hx, dupi(0x3FD62E42)), big); // 0.5 ln2 < |x| < 1.5 ln2
  const reduce = v128.or(big, mid); // k != 0

  // |x| >= 1.5 ln2: k = (int)(invln2 * x + halF[xsb]); hi = x - t * ln2HI; lo = t * ln2LO.
  const k32 = i32x4.trunc_sat_f64x2_s_zero(f64x2.add(f64x2.mul(dup(invln2), x), v128.bitselect(dup(halF1), dup(halF0), neg)));
  const t = f64x2.convert_low_i32x4_s(k32);
  let k = i64x2.extend_low_i32x4_s(k32);
  let hi = f64x2.sub(x, f64x2.mul(t, dup(ln2HI0)));
  let lo = f64x2.mul(t, dup(ln2LO0));
  // 0.5 ln2 < |x| < 1.5 ln2: hi = x - ln2HI[xsb]; lo = ln2LO[xsb]; k = 1 - 2 xsb.
  hi = v128.bitselect(f64x2.sub(x, v128.bitselect(dup(ln2HI1), dup(ln2HI0), neg)), hi, mid);
  lo = v128.bitselect(v128.bitselect(dup(ln2LO1), dup(ln2LO0), neg), lo, mid);
  k = v128.bitselect(v128.bitselect(dupi(-1), dupi(1), neg), k, mid);
  k = v128.and(k, reduce);
  // Beyond this fdlibmExp scales differently.
  sp = v128.or(sp, v128.or(i64x2.lt_s(k, dupi(-1021)), i64x2.eq(k, dupi(1024))));
  // x = hi - lo, except where k = 0.
  const xr = v128.bitselect(f64x2.sub(hi, lo), x, reduce);

  const t2 = f64x2.mul(xr, xr);
  let p = f64x2.mul(t2, dup(P5));
  p = f64x2.mul(t2, f64x2.add(dup(P4), p));
  p = f64x2.mul(t2, f64x2.add(dup(P3), p));
  p = f64x2.mul(t2, f64x2.add(dup(P2), p));
  p = f64x2.mul(t2, f64x2.add(dup(P1), p));
  const c = f64x2.sub(xr, p);
  // k == 0: 1 - ((x*c)/(c - 2) - x);  else y = 1 - ((lo - (x*c)/(2 - c)) - hi), times 2^k.
  const q = f64x2.div(f64x2.mul(xr, c), v128.bitselect(f64x2.sub(dup(2.0), c), f64x2.sub(c, dup(2.0)), reduce));
  const r0 = f64x2.sub(dup(1.0), f64x2.sub(q, xr));
  const y = f64x2.sub(dup(1.0), f64x2.sub(f64x2.sub(lo, q), hi));
  // twopk: high word 0x3FF00000 + (k << 20), low word 0: (k + 1023) << 52.
  const twopk = i64x2.shl(i64x2.add(k, dupi(1023)), 52);
  special = i64x2.bitmask(sp);
  return v128.bitselect(f64x2.mul(y, twopk), r0, reduce);
}

// @ts-ignore: decorator
@inline
function sigmoid2x(a: v128): v128 {
  const e = exp2x(f64x2.neg(a)); // the sign flipped as -a does
  return f64x2.div(dup(1.0), f64x2.add(dup(1.0), e));
}

// @ts-ignore: decorator
@inline
function sigmoidF64At(p: usize): void {
  store<f64>(p, 1.0 / (1.0 + fdlibmExp(-load<f64>(p))));
}
export function sigmoidForwardF64(a: usize, n: usize): void {
  let i: usize = 0;
  // Four doubles per iteration, as two independent chains (the exp is long and sequential).
  for (; i + 4 <= n; i += 4) {
    const p = a + (i << 3);
    const s0 = sigmoid2x(v128.load(p));
    const sp0 = special;
    const s1 = sigmoid2x(v128.load(p, 16));
    const sp = sp0 | (special << 2);
    if (sp == 0) {
      v128.store(p, s0);
      v128.store(p, s1, 16);
    } else { // the lanes' inputs are still at p: the scalar code redoes the special ones in place
      if (sp & 1) sigmoidF64At(p); else v128.store64_lane(p, s0, 0);
      if (sp & 2) sigmoidF64At(p + 8); else v128.store64_lane(p, s0, 1, 8);
      if (sp & 4) sigmoidF64At(p + 16); else v128.store64_lane(p, s1, 0, 16);
      if (sp & 8) sigmoidF64At(p + 24); else v128.store64_lane(p, s1, 1, 24);
    }
  }
  for (; i < n; i++) sigmoidF64At(a + (i << 3));
}
// @ts-ignore: decorator
@inline
function sigmoidF32At(p: usize): void {
  store<f32>(p, <f32>(1.0 / (1.0 + fdlibmExp(-<f64>load<f32>(p)))));
}
export function sigmoidForwardF32(a: usize, n: usize): void {
  let i: usize = 0;
  // Four floats per iteration, as two independent chains (the exp is long and sequential).
  for (; i + 4 <= n; i += 4) {
    const p = a + (i << 2);
    const s0 = sigmoid2x(f64x2.promote_low_f32x4(v128.load64_zero(p)));
    const sp0 = special;
    const s1 = sigmoid2x(f64x2.promote_low_f32x4(v128.load64_zero(p, 8)));
    const sp = sp0 | (special << 2);
    const s = i32x4.shuffle(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5);
    if (sp == 0) {
      v128.store(p, s);
    } else { // the lanes' inputs are still at p: the scalar code redoes the special ones in place
      if (sp & 1) sigmoidF32At(p); else v128.store32_lane(p, s, 0);
      if (sp & 2) sigmoidF32At(p + 4); else v128.store32_lane(p, s, 1, 4);
      if (sp & 4) sigmoidF32At(p + 8); else v128.store32_lane(p, s, 2, 8);
      if (sp & 8) sigmoidF32At(p + 12); else v128.store32_lane(p, s, 3, 12);
    }
  }
  for (; i < n; i++) sigmoidF32At(a + (i << 2));
}
export function sigmoidBackwardF64(d: usize, a: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const o = i << 3;
    const ai = load<f64>(a + o);
    store<f64>(d + o, load<f64>(d + o) * (ai * (1.0 - ai)));
  }
}
export function sigmoidBackwardF32(d: usize, a: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const o = i << 2;
    const ai = load<f32>(a + o);
    store<f32>(d + o, load<f32>(d + o) * (ai * (<f32>1.0 - ai)));
  }
}
/** For tests: out[i] = fdlibmExp(x[i]), f64 arrays, two lanes at a time as the sigmoid runs it. */
export function expF64(out: usize, x: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 2 <= n; i += 2) {
    const o = i << 3;
    v128.store(out + o, exp2x(v128.load(x + o)));
    if (special & 1) store<f64>(out + o, fdlibmExp(load<f64>(x + o)));
    if (special & 2) store<f64>(out + o, fdlibmExp(load<f64>(x + o, 8)), 8);
  }
  for (; i < n; i++) store<f64>(out + (i << 3), fdlibmExp(load<f64>(x + (i << 3))));
}
