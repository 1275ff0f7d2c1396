// Inputs for checking a port of V8's Math.exp bit for bit: random doubles,
// their float32 roundings, every special case and every branch boundary of
// fdlibm's e_exp.c (base::ieee754::exp in V8).

/** Deterministic 32-bit generator (mulberry32): test inputs only. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const buf = new DataView(new ArrayBuffer(8));
export function fromWords(hi: number, lo: number): number {
  buf.setUint32(0, hi >>> 0);
  buf.setUint32(4, lo >>> 0);
  return buf.getFloat64(0);
}
export function words(x: number): [number, number] {
  buf.setFloat64(0, x);
  return [buf.getUint32(0), buf.getUint32(4)];
}
/** The k-th double after x (k < 0: before), stepping over the bit pattern of |x|. */
export function step(x: number, k: number): number {
  buf.setFloat64(0, x);
  const b = buf.getBigUint64(0);
  const sign = b >> 63n;
  const mag = b & 0x7fffffffffffffffn;
  const m = sign === 0n ? mag + BigInt(k) : mag - BigInt(k);
  if (m < 0n) return x; // no double below zero in magnitude: stay
  buf.setBigUint64(0, (sign << 63n) | m);
  return buf.getFloat64(0);
}

/** n uniform doubles in [-r, r]. */
export function uniform(n: number, r: number, seed: number): Float64Array {
  const g = rng(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = ((g() * 2 ** 21 + (g() >>> 11)) / 2 ** 53 * 2 - 1) * r;
  return x;
}

/** n random bit patterns (every double: NaNs with payloads, subnormals, huge). */
export function anyBits(n: number, seed: number): Float64Array {
  const g = rng(seed);
  const x = new Float64Array(n);
  const w = new Uint32Array(x.buffer);
  for (let i = 0; i < w.length; i++) w[i] = g();
  return x;
}

export const O_THRESHOLD = 7.09782712893383973096e+02;
export const U_THRESHOLD = -7.45133219101941108420e+02;

/** Special values and branch boundaries, each with neighbours. */
export function edgeCases(seed: number): Float64Array {
  const g = rng(seed);
  const out: number[] = [];
  const around = (x: number, k: number): void => {
    for (let i = -k; i <= k; i++) out.push(step(x, i), -step(x, i));
  };
  // ±0, ±Inf, NaNs (the canonical one, payloads, negative, signalling pattern)
  out.push(0, -0, Infinity, -Infinity, NaN, -NaN);
  out.push(fromWords(0x7ff80000, 1), fromWords(0xfff80000, 0x1234), fromWords(0x7ff00000, 1), fromWords(0x7ff40000, 0), fromWords(0xffffffff, 0xffffffff));
  // overflow / underflow thresholds and the |x| >= 709.78 branch (hx >= 0x40862E42)
  around(O_THRESHOLD, 2000);
  around(U_THRESHOLD, 2000);
  around(709.782712893384, 50);
  around(fromWords(0x40862e42, 0), 50);
  around(1024 * Math.LN2, 200); // k = 1024 path
  around(-1021 * Math.LN2, 200); // k = -1021 / -1022 switch
  around(-1022 * Math.LN2, 200);
  // subnormal results: x in (-745.13, -708.39)
  for (let i = 0; i < 200000; i++) out.push(-708.3964185322641 - (g() / 2 ** 32) * (745.1332191019411 - 708.3964185322641));
  // |x| = 0.5 ln2 (k = 0 edge, hx 0x3FD62E42) and 1.5 ln2 (hx 0x3FF0A2B2)
  around(0.5 * Math.LN2, 2000);
  around(1.5 * Math.LN2, 2000);
  for (const hi of [0x3fd62e42, 0x3fd62e43, 0x3fd62e41, 0x3ff0a2b2, 0x3ff0a2b1, 0x3ff0a2b3, 0x3e300000, 0x3e2fffff, 0x40862e41, 0x40862e42, 0x40862e43]) {
    out.push(fromWords(hi, 0), fromWords(hi, 0xffffffff), -fromWords(hi, 0), -fromWords(hi, 0xffffffff));
    for (let i = 0; i < 2000; i++) {
      const x = fromWords(hi, g());
      out.push(x, -x);
    }
  }
  // |x| < 2^-28 (returns 1 + x), its boundary, tiny and subnormal inputs
  around(2 ** -28, 2000);
  for (let i = 0; i < 20000; i++) {
    const x = (g() / 2 ** 32) * 2 ** -28 * 2 ** -(g() % 60);
    out.push(x, -x);
  }
  out.push(Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, -2.2250738585072014e-308, 2 ** -1074 * 12345);
  // integers, halves, 1 (V8's exp(1) == E), ln2 multiples
  for (let i = -760; i <= 760; i++) out.push(i, i + 0.5, i * Math.LN2, step(i * Math.LN2, 1), step(i * Math.LN2, -1));
  around(1, 100);
  out.push(Number.MAX_VALUE, -Number.MAX_VALUE, 1e300, -1e300);
  return Float64Array.from(out);
}

/** The float32 roundings of xs, negated: what a float32 sigmoid passes to exp. */
export function float32Feeds(xs: Float64Array): Float64Array {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = -Math.fround(xs[i]);
  return out;
}

/** Math.exp of every element. */
export function reference(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
  return out;
}

/** Indices where the two arrays' bit patterns differ (at most `max`), and the count. */
export function bitDiffs(a: Float64Array, b: Float64Array, max = 10): { count: number; first: number[] } {
  const ua = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const ub = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  const first: number[] = [];
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (ua[i] !== ub[i]) {
      if (first.length < max) first.push(i);
      count++;
    }
  }
  return { count, first };
}
