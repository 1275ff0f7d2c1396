// xoshiro128** 1.0 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c):
// a small, fast, well-studied 32-bit generator. Everything here is 32-bit
// integer arithmetic (Math.imul, >>>), so the stream is the same bits on
// every machine and every JavaScript engine.
//
// State is seeded from a 64-bit key with SplitMix64 (the seeding the authors
// recommend), which is the only place BigInt is used.

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 (Steele, Lea, Flood 2014): returns [next state, output]. */
export function splitMix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Seeds the four state words from two SplitMix64 outputs of `key`. */
  constructor(key: bigint) {
    const [st, a] = splitMix64(key & MASK64);
    const b = splitMix64(st)[1];
    this.s0 = Number(a & 0xffffffffn) | 0;
    this.s1 = Number(a >> 32n) | 0;
    this.s2 = Number(b & 0xffffffffn) | 0;
    this.s3 = Number(b >> 32n) | 0;
    // All-zero state would emit zeros forever; SplitMix64 never yields two zero outputs in a row.
  }

  /** Next uniformly distributed unsigned 32-bit integer. */
  nextU32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Unbiased integer in [0, n) for 1 <= n <= 2^32, by rejection of the biased tail. */
  nextBelow(n: number): number {
    const limit = 4294967296 - mod(4294967296, n);
    for (;;) {
      const r = this.nextU32();
      if (r < limit) return mod(r, n);
    }
  }
}

/**
 * a % n for integers 0 <= a <= 2^32, 1 <= n <= 2^32: the same number as the
 * % operator, which V8 computes with a call to fmod for values past 2^31
 * (~30 ns; a 60,000-sample shuffle made 120,000 of them per epoch). The
 * quotient a / n is rounded, so its floor may be one off either way; the
 * remainder a - q * n is exact (an integer below 2^53) and one step puts it
 * back in [0, n).
 */
export function mod(a: number, n: number): number {
  const m = a - Math.floor(a / n) * n;
  return m < 0 ? m + n : m >= n ? m - n : m;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
