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

export function sigmoidForwardF64(a: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const p = a + (i << 3);
    store<f64>(p, 1.0 / (1.0 + fdlibmExp(-load<f64>(p))));
  }
}
export function sigmoidForwardF32(a: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const p = a + (i << 2);
    store<f32>(p, <f32>(1.0 / (1.0 + fdlibmExp(-<f64>load<f32>(p)))));
  }
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
/** For tests: out[i] = fdlibmExp(x[i]), f64 arrays. */
export function expF64(out: usize, x: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) store<f64>(out + (i << 3), fdlibmExp(load<f64>(x + (i << 3))));
}
