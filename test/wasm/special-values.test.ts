// Special values must come out with the same bytes as the naive loops:
// infinities (whose products with 0 make NaNs), NaNs, signed zeros (0 + -0 =
// +0 is why dinp's sums start from +0) and subnormals (no flush to zero).
//
// NaN bits are exact while one NaN bit pattern is in play. When two NaNs
// with different bits meet, which one survives is not defined even for the
// JavaScript kernels (V8 keeps either operand's depending on the compiler
// tier), so those cases are compared as "both NaN" only.
import { describe, expect, it } from 'vitest';
import { allocFloat, roundingOf, type Float } from '../../lib/math/float.js';
import { linearForwardNaive } from '../../lib/math/linear-naive.js';
import { wasmLinearKernels } from '../../lib/accel/wasm/index.js';
import type { DType } from '../../lib/config.js';
import { Xoshiro128 } from '../../lib/random/xoshiro128.js';
import { expectBackwardLikeNaive, expectForwardLikeNaive } from '../math/helpers.js';
import { ensureWasmBuilt } from './build.js';

ensureWasmBuilt();

const SHAPES: [number, number, number][] = [[5, 9, 7], [13, 32, 10], [8, 16, 8], [3, 3, 3], [9, 33, 5]];

/** Values with NaN bits `nan` set into a Float of the dtype (bits are float32 or float64 patterns). */
function withBits(dtype: DType, values: number[], nanBits: bigint): Float {
  const a = allocFloat(dtype, values.length);
  a.set(values);
  const bits = dtype === 'float32' ? new Uint32Array(a.buffer) : new BigUint64Array(a.buffer);
  values.forEach((v, i) => {
    if (Number.isNaN(v)) {
      if (bits instanceof Uint32Array) bits[i] = Number(nanBits);
      else bits[i] = nanBits;
    }
  });
  return a;
}

/** The NaN this machine's arithmetic makes (inf * 0), as the kernels compute it. */
function machineNaN(dtype: DType): bigint {
  const out = allocFloat(dtype, 1);
  wasmLinearKernels(dtype)!.linearForward(out, allocFloat(dtype, 1).fill(Infinity), allocFloat(dtype, 1), allocFloat(dtype, 1), 1, 1, 1);
  return dtype === 'float32' ? BigInt(new Uint32Array(out.buffer)[0]) : new BigUint64Array(out.buffer)[0];
}

/** n values, about a third of them drawn from `specials`, the rest uniform in (-1, 1). */
function mixed(dtype: DType, n: number, seed: number, specials: number[], nanBits: bigint): Float {
  const rng = new Xoshiro128(BigInt(seed));
  const values = Array.from({ length: n }, () => {
    const r = rng.nextDouble();
    return r < 1 / 3 ? specials[Math.floor(r * 3 * specials.length)] : rng.nextDouble() * 2 - 1;
  });
  return withBits(dtype, values, nanBits);
}

function check(dtype: DType, B: number, C: number, OC: number, gen: (n: number, seed: number) => Float): void {
  const k = wasmLinearKernels(dtype)!;
  const [inp, w, b] = [gen(B * C, 1), gen(OC * C, 2), gen(OC, 3)];
  expectForwardLikeNaive(k, dtype, inp, w, b, B, C, OC);
  const dinp = allocFloat(dtype, B * C).fill(5);
  expectBackwardLikeNaive(k, dtype, inp, w, gen(B * OC, 4), gen(OC * C, 5), gen(OC, 6), B, C, OC, dinp);
}

describe.each(['float32', 'float64'] as const)('special values (%s)', (dtype) => {
  const tiny = dtype === 'float32' ? 2 ** -140 : 2 ** -1070; // subnormal in the dtype
  const nan = machineNaN(dtype);

  it.each(SHAPES)('infinities, NaN, signed zeros and subnormals: same bytes for B=%i C=%i OC=%i', (B, C, OC) => {
    const specials = [NaN, Infinity, -Infinity, 0, -0, tiny, -tiny, 1e-30, 3, -2];
    check(dtype, B, C, OC, (n, seed) => mixed(dtype, n, seed, specials, nan));
  });

  it.each(SHAPES)('subnormal results (products and sums below the normal range) for B=%i C=%i OC=%i', (B, C, OC) => {
    const small = dtype === 'float32' ? 2 ** -70 : 2 ** -530; // small * small is subnormal or underflows
    check(dtype, B, C, OC, (n, seed) => mixed(dtype, n, seed, [small, -small, tiny, 0, -0], nan));
  });

  const payloads = dtype === 'float32' ? [0x7fc00001n, 0xffc12345n, 0x7fa00000n] : [0x7ff8000000000001n, 0xfff8123456789abcn, 0x7ff4000000000000n];
  it.each(payloads.map((b) => [`0x${b.toString(16)}`, b] as const))('a NaN with bits %s propagates with the same bytes', (_, bits) => {
    check(dtype, 9, 33, 5, (n, seed) => mixed(dtype, n, seed, [NaN, 0, -0, tiny], bits));
  });

  it('different NaNs meeting: still NaN wherever the naive result is NaN', () => {
    const [B, C, OC] = [6, 7, 5];
    const k = wasmLinearKernels(dtype)!;
    const gen = (n: number, seed: number): Float => mixed(dtype, n, seed, [NaN, Infinity, 0], payloads[seed % 3]);
    const [inp, w, b] = [gen(B * C, 1), gen(OC * C, 2), gen(OC, 3)];
    const outF = allocFloat(dtype, B * OC);
    const outN = allocFloat(dtype, B * OC);
    k.linearForward(outF, inp, w, b, B, C, OC);
    linearForwardNaive(outN, inp, w, b, B, C, OC, roundingOf(dtype));
    expect(Array.from(outF, (v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(Array.from(outN, (v) => (Number.isNaN(v) ? 'NaN' : v)));
  });

  it('signed zeros: -0 products start from a +0 or -0 bias (forward) and from +0 (dinp)', () => {
    const [B, C, OC] = [4, 5, 6];
    const gen = (n: number, seed: number): Float => withBits(dtype, Array.from({ length: n }, (_, i) => ((i + seed) % 2 ? 0 : -0)), nan);
    check(dtype, B, C, OC, gen);
  });
});
