// The fast linear kernels must give exactly the bits of the naive ones, for
// both dtypes and awkward shapes (remainders of every unrolled loop).
import { describe, expect, it } from 'vitest';
import { kernelsFor } from '../../lib/math/kernels.js';
import { allocFloat } from '../../lib/math/float.js';
import { expectBackwardLikeNaive, expectForwardLikeNaive, expectSameBits, randomArray } from './helpers.js';

const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 7, 5], [1, 784, 32], [4, 31, 33], [5, 33, 31], [7, 257, 3], [33, 3, 257], [256, 784, 32], [13, 32, 10],
];

describe.each(['float32', 'float64'] as const)('linear kernels (%s)', (dtype) => {
  const k = kernelsFor(dtype, 'js');

  it.each(SHAPES)('forward equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
    expectForwardLikeNaive(k, dtype, randomArray(dtype, B * C, 1 + B, 2), randomArray(dtype, OC * C, 2 + C), randomArray(dtype, OC, 3 + OC), B, C, OC);
  });

  it.each(SHAPES)('backward equals the naive kernel for B=%i C=%i OC=%i', (B, C, OC) => {
    const inp = randomArray(dtype, B * C, 4 + B);
    const w = randomArray(dtype, OC * C, 5 + C);
    const dout = randomArray(dtype, B * OC, 6 + OC);
    const dinp = allocFloat(dtype, B * C).fill(123); // overwritten, not added into
    expectBackwardLikeNaive(k, dtype, inp, w, dout, randomArray(dtype, OC * C, 7), randomArray(dtype, OC, 8), B, C, OC, dinp);
  });
});

describe('float32 arithmetic is float32', () => {
  it('rounds every operation, so the result differs from float64 math rounded once', () => {
    // 1 + 2^-24 + 2^-24: in float32 each addition rounds back to 1; in float64 the sum is exact.
    const inp = new Float32Array([1, 1, 1]);
    const w = new Float32Array([1, 2 ** -24, 2 ** -24]);
    const out = new Float32Array(1);
    kernelsFor('float32').linearForward(out, inp, w, new Float32Array(1), 1, 3, 1);
    expect(out[0]).toBe(1);
    const out64 = new Float64Array(1);
    kernelsFor('float64').linearForward(out64, Float64Array.from(inp), Float64Array.from(w), new Float64Array(1), 1, 3, 1);
    expect(out64[0]).toBe(1 + 2 ** -23);
  });
});

describe('kernel implementations over a whole training run', () => {
  it('every available implementation gives the same final parameters', async () => {
    const { prepareRun } = await import('../../lib/train/run-training.js');
    const { InProcessExecutor } = await import('../../lib/train/train-loop.js');
    const { initialState, trainLoop } = await import('../../lib/train/train-loop.js');
    const { paramsSha256 } = await import('../../lib/wire/tensors.js');
    await import('../../lib/accel/register.js');
    const { selectKernels, activeKernels, kernelsAvailable, KERNEL_IMPLS } = await import('../../lib/math/kernels.js');
    const before = activeKernels();
    const shaWith = async (impl: (typeof KERNEL_IMPLS)[number], dtype: string) => {
      selectKernels(impl);
      try {
        const { ctx } = prepareRun({ preset: 'mnist', maxSteps: '20', testLimit: '10', dtype });
        return paramsSha256((await trainLoop(ctx, new InProcessExecutor(ctx), initialState(ctx))).params);
      } finally {
        selectKernels(before);
      }
    };
    const impls = KERNEL_IMPLS.filter(kernelsAvailable);
    expect(impls).toContain('wasm'); // built by npm ci (prepare) and run by every Node 20
    for (const dtype of ['float32', 'float64']) {
      const reference = await shaWith('naive', dtype);
      for (const impl of impls) expect(await shaWith(impl, dtype), `${impl} ${dtype}`).toBe(reference);
    }
  });
});

// `overwrite` on kernel sets whose linearBackward only adds (js, naive, wasm,
// and a native addon built before the flag, which would ignore it): the
// kernel set zeroes dw and db first, so the bits are those of adding to zeros
// whatever the buffers held.
describe('linearBackward with overwrite on kernels that only add', () => {
  it.each(['js', 'naive', 'wasm'] as const)('%s: the bits of adding into zeros, whatever dw and db held', async (impl) => {
    await import('../../lib/accel/register.js');
    const { kernelsAvailable } = await import('../../lib/math/kernels.js');
    if (!kernelsAvailable(impl)) return;
    for (const dtype of ['float32', 'float64'] as const) {
      const k = kernelsFor(dtype, impl);
      const [B, C, OC] = [5, 33, 7];
      const inp = randomArray(dtype, B * C, 41);
      const w = randomArray(dtype, OC * C, 42);
      const dout = randomArray(dtype, B * OC, 43);
      const want = { dw: k.alloc(OC * C), db: k.alloc(OC) };
      k.linearBackward(null, want.dw, want.db, dout, inp, w, B, C, OC);
      const got = { dw: k.alloc(OC * C), db: k.alloc(OC) };
      got.dw.set(randomArray(dtype, OC * C, 44));
      got.db.set(randomArray(dtype, OC, 45));
      got.dw[0] = -0;
      k.linearBackward(null, got.dw, got.db, dout, inp, w, B, C, OC, true);
      expectSameBits(got.dw, want.dw);
      expectSameBits(got.db, want.db);
    }
  });
});
