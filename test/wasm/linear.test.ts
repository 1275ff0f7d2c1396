// The WebAssembly SIMD linear kernels must give exactly the bytes of the
// naive reference loops, for both dtypes and shapes that exercise every
// remainder of the tiling (rows mod 4, vectors mod 2, lanes mod 4 or 2).
import { describe, expect, it } from 'vitest';
import { allocFloat } from '../../lib/math/float.js';
import { wasmAvailable, wasmLinearKernels } from '../../lib/accel/wasm/index.js';
import { expectBackwardLikeNaive, expectForwardLikeNaive, randomArray } from '../math/helpers.js';
import { ensureWasmBuilt } from './build.js';

ensureWasmBuilt();

const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 7, 5], [4, 31, 33], [5, 33, 31], [7, 257, 3], [33, 3, 257], [256, 784, 32], [13, 32, 10],
  [2, 2, 2], [4, 4, 4], [9, 6, 9], [6, 9, 6], [1, 5, 1], [8, 1, 8],
  [0, 3, 2], [2, 0, 3], [2, 3, 0], // empty: nothing to sum, or empty sums (the bias; +0 for dinp)
];

it('runs here: Node 20 has fixed-width WebAssembly SIMD and the module is built', () => {
  expect(wasmAvailable()).toBe(true);
});

describe.each(['float32', 'float64'] as const)('wasm linear kernels (%s)', (dtype) => {
  const k = wasmLinearKernels(dtype)!;

  it.each(SHAPES)('forward equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
    const out = allocFloat(dtype, B * OC).fill(7);
    expectForwardLikeNaive(k, dtype, randomArray(dtype, B * C, 1 + B, 2), randomArray(dtype, OC * C, 2 + C), randomArray(dtype, OC, 3 + OC), B, C, OC, out);
  });

  it.each(SHAPES)('backward equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
    const dinp = allocFloat(dtype, B * C).fill(123);
    expectBackwardLikeNaive(k, dtype, randomArray(dtype, B * C, 4 + B), randomArray(dtype, OC * C, 5 + C), randomArray(dtype, B * OC, 6 + OC),
      randomArray(dtype, OC * C, 7), randomArray(dtype, OC, 8), B, C, OC, dinp);
  });

  it.each(SHAPES)('backward without dinp equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
    expectBackwardLikeNaive(k, dtype, randomArray(dtype, B * C, 9 + B), randomArray(dtype, OC * C, 10 + C), randomArray(dtype, B * OC, 11 + OC),
      randomArray(dtype, OC * C, 12), randomArray(dtype, OC, 13), B, C, OC, null);
  });
});
