// The generator against the reference C implementation of xoshiro128** seeded
// by SplitMix64 (outputs produced by compiling the authors' xoshiro128starstar.c
// and splitmix64.c with gcc: state = {lo(a), hi(a), lo(b), hi(b)} for the first
// two SplitMix64 outputs a, b of the key).
import { describe, expect, it } from 'vitest';
import { mod, Xoshiro128 } from '../../lib/random/xoshiro128.js';
import { stream, streamKey } from '../../lib/random/streams.js';
import { fillNormal, permutation } from '../../lib/random/sample.js';

describe('Xoshiro128', () => {
  it.each([
    [0n, [3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774]],
    [12345n, [2314518269, 2498321016, 2055377852, 4042509560, 1267802836, 503974162]],
  ])('key %s reproduces the reference C outputs', (key, expected) => {
    const rng = new Xoshiro128(key);
    expect(expected.map(() => rng.nextU32())).toEqual(expected);
  });

  it('nextBelow stays in range and hits every value', () => {
    const rng = new Xoshiro128(1n);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.nextBelow(7);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(7);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
  });

  it('mod is the % operator (checked with BigInt) wherever nextBelow uses it, edges included', () => {
    const rng = new Xoshiro128(9n);
    const ns = [1, 2, 3, 7, 255, 60000, 65537, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 32 - 1, 2 ** 32];
    for (let i = 0; i < 2000; i++) ns.push(1 + rng.nextBelow(2 ** 32), 1 + rng.nextBelow(70000));
    for (const n of ns) {
      const as = [0, 1, n - 1, n, n + 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 - n, rng.nextU32(), rng.nextU32()].filter((a) => a >= 0 && a <= 2 ** 32);
      for (const a of as) expect(mod(a, n), `${a} % ${n}`).toBe(Number(BigInt(a) % BigInt(n)));
    }
  });

  it('nextBelow gives the pinned sequence (the shuffle of every run depends on it)', () => {
    const rng = new Xoshiro128(5n);
    const got = [60000, 59999, 7, 2 ** 31 + 5, 2 ** 32, 3].flatMap((n) => [rng.nextBelow(n), rng.nextBelow(n)]);
    expect(got).toEqual(PINNED_BELOW);
  });

  it('nextDouble is in [0, 1) with mean near 1/2', () => {
    const rng = new Xoshiro128(2n);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = rng.nextDouble();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.01);
  });
});

describe('streams', () => {
  it('are reproducible and differ by seed, purpose and index', () => {
    const first = (s: number, p: 'init' | 'shuffle', i: number) => stream(s, p, i).nextU32();
    expect(first(1, 'shuffle', 3)).toBe(first(1, 'shuffle', 3));
    const keys = new Set([streamKey(1, 'shuffle', 3), streamKey(2, 'shuffle', 3), streamKey(1, 'init', 3), streamKey(1, 'shuffle', 4)]);
    expect(keys.size).toBe(4);
  });
});

describe('sampling', () => {
  it('permutation is a permutation and depends on the stream', () => {
    const p = permutation(stream(0, 'shuffle', 0), 1000);
    expect([...p].sort((a, b) => a - b)).toEqual([...Array(1000).keys()]);
    expect(permutation(stream(0, 'shuffle', 1), 1000)).not.toEqual(p);
  });

  it('fillNormal has mean 0 and variance std^2', () => {
    const a = new Float64Array(200_001);
    fillNormal(stream(5, 'init', 0), a, 2);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 4)).toBeLessThan(0.05);
  });
});

/** nextBelow's outputs for key 5 (two each for n = 60000, 59999, 7, 2^31 + 5, 2^32, 3), from the code before mod() replaced `%`. */
const PINNED_BELOW = [54959, 37511, 35680, 24769, 1, 1, 901027279, 2133589735, 1861206721, 3969588163, 2, 0];
