// Arrays from wasmAllocFloat are used in place by the kernels, the memory
// layout never grows once they exist (so they are never detached), and when
// a call's copies do not fit the fixed scratch it runs in chunks of samples
// (or, if even W does not fit, on the JavaScript kernels): same bytes in
// every case. This file fixes the layout with a small scratch on purpose;
// vitest gives each test file its own module instances.
import { describe, expect, it } from 'vitest';
import { allocFloat, type Float } from '../../lib/math/float.js';
import { wasmAllocFloat, wasmLinearKernels, wasmReserve } from '../../lib/accel/wasm/index.js';
import type { DType } from '../../lib/config.js';
import { expectBackwardLikeNaive, expectForwardLikeNaive, expectSameBits, randomArray } from '../math/helpers.js';
import { ensureWasmBuilt } from './build.js';

ensureWasmBuilt();
const ARENA = 8 << 20;
wasmReserve({ scratchBytes: 256 << 10, arenaBytes: ARENA });

type Alloc = (dtype: DType, n: number) => Float;
const arena: Alloc = wasmAllocFloat;
const plain: Alloc = allocFloat;

/** Random data in an array from `alloc`. */
function filled(alloc: Alloc, dtype: DType, n: number, seed: number): Float {
  const a = alloc(dtype, n);
  a.set(randomArray(dtype, n, seed));
  return a;
}

function check(dtype: DType, B: number, C: number, OC: number, allocIn: Alloc, allocOut: Alloc): void {
  const k = wasmLinearKernels(dtype)!;
  const [inp, w, b] = [filled(allocIn, dtype, B * C, 1), filled(allocIn, dtype, OC * C, 2), filled(allocIn, dtype, OC, 3)];
  expectForwardLikeNaive(k, dtype, inp, w, b, B, C, OC, allocOut(dtype, B * OC));
  const dout = filled(allocIn, dtype, B * OC, 4);
  const [dw, db] = [filled(allocOut, dtype, OC * C, 5), filled(allocOut, dtype, OC, 6)];
  expectBackwardLikeNaive(k, dtype, inp, w, dout, dw, db, B, C, OC, allocOut(dtype, B * C));
  expectBackwardLikeNaive(k, dtype, inp, w, dout, dw, db, B, C, OC, null);
}

const SHAPES: [number, number, number][] = [[1, 1, 1], [5, 33, 31], [13, 32, 10], [7, 257, 3], [64, 784, 32]];

describe.each(['float32', 'float64'] as const)('wasm memory (%s)', (dtype) => {
  const kept = wasmAllocFloat(dtype, 1000);
  kept.set(randomArray(dtype, 1000, 99));
  const keptCopy = kept.slice();

  it.each(SHAPES)('arena arrays are used in place: B=%i C=%i OC=%i', (B, C, OC) => {
    check(dtype, B, C, OC, arena, arena);
  });

  it.each(SHAPES)('arena and ordinary arrays mixed: B=%i C=%i OC=%i', (B, C, OC) => {
    check(dtype, B, C, OC, arena, plain);
    check(dtype, B, C, OC, plain, arena);
  });

  it('a batch too big for the scratch runs in chunks of samples', () => {
    check(dtype, 256, 784, 32, plain, plain); // ~0.8-1.6 MB of copies against 256 KiB of scratch
  });

  it('a layer whose W does not fit the scratch runs on the JavaScript kernels', () => {
    check(dtype, 5, 300, 301, plain, plain);
  });

  it('arena arrays are never detached: memory does not grow after the first allocation', () => {
    check(dtype, 300, 500, 40, plain, plain);
    expect(kept.length).toBe(1000);
    expectSameBits(kept, keptCopy);
  });

  it('a full arena hands out ordinary arrays, which still work', () => {
    const big = wasmAllocFloat(dtype, ARENA); // more bytes than the whole arena
    expect(big.length).toBe(ARENA);
    expect(big.buffer).not.toBe(kept.buffer);
    check(dtype, 3, 7, 5, arena, arena);
  });
});

describe('the layout is fixed once', () => {
  it('wasmReserve after the first allocation throws', () => {
    expect(() => wasmReserve({ arenaBytes: 1 << 20 })).toThrow(/already fixed/);
  });
});

describe('the trainer with the wasm kernels', () => {
  it('allocates its parameters, gradients and workspace in WebAssembly memory (used in place, never copied per call)', async () => {
    await import('../../lib/accel/register.js');
    const { activeKernels, selectKernels } = await import('../../lib/math/kernels.js');
    const { prepareRun } = await import('../../lib/train/run-training.js');
    const { Workspace } = await import('../../lib/math/network.js');
    const before = activeKernels();
    try {
      selectKernels('wasm');
      const memory = wasmAllocFloat('float32', 1).buffer;
      const { ctx } = prepareRun({ preset: 'parity' });
      const params = ctx.initialParams();
      expect(params.buffer).toBe(memory);
      expect(ctx.newParams().buffer).toBe(memory);
      const ws = new Workspace(ctx.net.layout, 8, params);
      expect(ws.input.buffer).toBe(memory);
      selectKernels('js');
      expect(prepareRun({ preset: 'parity' }).ctx.newParams().buffer).not.toBe(memory);
    } finally {
      selectKernels(before);
    }
  });
});
