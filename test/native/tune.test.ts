// The native addon's choice between its sparse-input kernels and the dense
// GEMM (native/tune.h): both give the naive loops' bits, so it is timed per
// shape on the machine at hand. In 'auto' mode a shape's first eligible calls
// alternate between the paths, DPT_TUNE_TRIALS (8) timed calls each, and then
// the faster one (the smallest time of each) is kept; 'always' and 'never'
// fix the path. Every call, timed or decided, must give the naive bits.
// Also: the forward kernel's optional W transposed (wT), made once per step.
import { afterEach, describe, expect, it } from 'vitest';
import {
  nativeAvailable, nativeBestPath, nativeLinearKernels, nativeSparseChoices, nativeSparseMode, nativeSparseRuns, nativeTranspose, setNativePath,
} from '../../lib/accel/native/native-kernels.js';
import { allocFloat, type Float } from '../../lib/math/float.js';
import { expectBackwardLikeNaive, expectForwardLikeNaive, expectSameBits, randomArray } from '../math/helpers.js';

const TRIALS = 8;
const SLOTS = 32;
/** B x C inputs with one value in 8 nonzero (12.5 %: sparse enough). */
const sparseInputs = (B: number, C: number, seed: number): Float =>
  randomArray('float32', B * C, seed).map((x, i) => (i % 8 === 0 ? x : 0));

describe.skipIf(!nativeAvailable())('native sparse/dense tuner', () => {
  afterEach(() => {
    nativeSparseMode('auto');
  });

  const k = () => nativeLinearKernels('float32')!;
  const choiceFor = (kind: 'forward' | 'dw', B: number, C: number, OC: number) =>
    nativeSparseChoices().find((c) => c.kind === kind && c.elem === 4 && c.B === B && c.C === C && c.OC === OC);
  const sparseRunsDuring = (f: () => void): number => {
    const before = nativeSparseRuns()!;
    f();
    return nativeSparseRuns()! - before;
  };

  it('times both paths per shape, keeps the faster, and every call gives the naive bits', () => {
    expect(nativeSparseMode('auto')).toBe('auto'); // a new mode starts the timing over
    const [B, C, OC] = [9, 200, 24];
    const w = randomArray('float32', OC * C, 2);
    const b = randomArray('float32', OC, 3);
    // Timing: 2 x TRIALS calls, half of them sparse.
    const timing = sparseRunsDuring(() => {
      for (let i = 0; i < 2 * TRIALS; i++) {
        expect(choiceFor('forward', B, C, OC)?.choice ?? 'undecided').toBe('undecided');
        expectForwardLikeNaive(k(), 'float32', sparseInputs(B, C, 10 + i), w, b, B, C, OC);
      }
    });
    expect(timing).toBe(TRIALS);
    const c = choiceFor('forward', B, C, OC)!;
    expect(c).toMatchObject({ denseTrials: TRIALS, sparseTrials: TRIALS });
    expect(c.denseNs).toBeGreaterThan(0);
    expect(c.sparseNs).toBeGreaterThan(0);
    expect(c.choice).toBe(c.sparseNs < c.denseNs ? 'sparse' : 'dense');
    // Decided: every later call of the shape takes that path.
    const after = sparseRunsDuring(() => {
      for (let i = 0; i < 5; i++) expectForwardLikeNaive(k(), 'float32', sparseInputs(B, C, 40 + i), w, b, B, C, OC);
    });
    expect(after).toBe(c.choice === 'sparse' ? 5 : 0);
    // Another B is another shape, timed on its own.
    expectForwardLikeNaive(k(), 'float32', sparseInputs(B + 1, C, 50), w, b, B + 1, C, OC);
    expect(choiceFor('forward', B + 1, C, OC)).toMatchObject({ choice: 'undecided', sparseTrials: 1, denseTrials: 0 });
  });

  it('times dW on its own, counting a sparse trial only when the sparse path really ran', () => {
    nativeSparseMode('auto');
    const [B, C, OC] = [6, 300, 16];
    const w = randomArray('float32', OC * C, 4);
    const dout = randomArray('float32', B * OC, 5);
    const db = randomArray('float32', OC, 6);
    // A -0 start in dW sends the sparse path dense (sparse.h): no trial of either path is counted.
    const negZero = randomArray('float32', OC * C, 7);
    negZero[5] = -0;
    expectBackwardLikeNaive(k(), 'float32', sparseInputs(B, C, 8), w, dout, negZero, db, B, C, OC, null);
    expect(choiceFor('dw', B, C, OC)).toMatchObject({ sparseTrials: 0, denseTrials: 0, choice: 'undecided' });
    for (let i = 0; i < 2 * TRIALS; i++) {
      expectBackwardLikeNaive(k(), 'float32', sparseInputs(B, C, 60 + i), w, dout, allocFloat('float32', OC * C), db, B, C, OC, null);
    }
    const c = choiceFor('dw', B, C, OC)!;
    expect(c).toMatchObject({ denseTrials: TRIALS, sparseTrials: TRIALS });
    expect(['dense', 'sparse']).toContain(c.choice);
  });

  it("'always' and 'never' fix the path; inputs too dense for the sparse path are never timed", () => {
    const [B, C, OC] = [4, 128, 20];
    const w = randomArray('float32', OC * C, 8);
    const b = randomArray('float32', OC, 9);
    nativeSparseMode('always');
    expect(sparseRunsDuring(() => {
      for (let i = 0; i < 20; i++) expectForwardLikeNaive(k(), 'float32', sparseInputs(B, C, 70 + i), w, b, B, C, OC);
    })).toBe(20);
    expect(nativeSparseChoices()).toEqual([]);
    nativeSparseMode('never');
    expect(sparseRunsDuring(() => {
      for (let i = 0; i < 20; i++) expectForwardLikeNaive(k(), 'float32', sparseInputs(B, C, 90 + i), w, b, B, C, OC);
    })).toBe(0);
    nativeSparseMode('auto');
    expectForwardLikeNaive(k(), 'float32', randomArray('float32', B * C, 11), w, b, B, C, OC); // dense inputs
    expect(nativeSparseChoices()).toEqual([]);
  });

  it('starts over when another code path is selected (its timings say nothing about the new one)', () => {
    const best = nativeBestPath()!;
    nativeSparseMode('auto');
    const [B, C, OC] = [3, 100, 8];
    const w = randomArray('float32', OC * C, 15);
    const b = randomArray('float32', OC, 16);
    expectForwardLikeNaive(k(), 'float32', sparseInputs(B, C, 17), w, b, B, C, OC);
    expect(choiceFor('forward', B, C, OC)).toBeDefined();
    try {
      expect(setNativePath('portable')).toBe(true);
      expect(nativeSparseChoices()).toEqual([]);
      expect(nativeSparseMode()).toBe('auto');
    } finally {
      setNativePath(best);
    }
  });

  it('with its table full, takes a decided choice of the same layer, else sparse; the bits stay the naive ones', () => {
    nativeSparseMode('auto');
    const [C, OC] = [64, 16];
    const w = randomArray('float32', OC * C, 18);
    const b = randomArray('float32', OC, 19);
    // Decide B = 1 for this layer, then fill the table's other slots with undecided shapes.
    for (let i = 0; i < 2 * TRIALS; i++) expectForwardLikeNaive(k(), 'float32', sparseInputs(1, C, 100 + i), w, b, 1, C, OC);
    const decided = choiceFor('forward', 1, C, OC)!;
    expect(decided.choice).not.toBe('undecided');
    for (let B = 2; nativeSparseChoices().length < SLOTS; B++) expectForwardLikeNaive(k(), 'float32', sparseInputs(B, C, 200 + B), w, b, B, C, OC);
    const runs = sparseRunsDuring(() => {
      for (let i = 0; i < 6; i++) expectForwardLikeNaive(k(), 'float32', sparseInputs(40, C, 300 + i), w, b, 40, C, OC);
    });
    expect(nativeSparseChoices()).toHaveLength(SLOTS);
    expect(choiceFor('forward', 40, C, OC)).toBeUndefined();
    expect(runs).toBe(decided.choice === 'sparse' ? 6 : 0);
    // Another layer with no decided shape: sparse whenever eligible, the rule before the tuner.
    const w2 = randomArray('float32', OC * 48, 20);
    expect(sparseRunsDuring(() => expectForwardLikeNaive(k(), 'float32', sparseInputs(4, 48, 21), w2, b, 4, 48, OC))).toBe(1);
  });

  it('refuses an unknown mode', () => {
    expect(() => nativeSparseMode('sometimes' as 'auto')).toThrow(/mode must be 'auto', 'always' or 'never'/);
    expect(nativeSparseMode()).toBe('auto');
  });
});

describe.skipIf(!nativeAvailable())('native forward with W transposed once (wT)', () => {
  it('gives the bits of the forward that transposes W itself, on the sparse and the dense path', () => {
    const transpose = nativeTranspose('float32')!;
    for (const mode of ['always', 'never'] as const) {
      nativeSparseMode(mode);
      for (const [B, C, OC] of [[32, 784, 32], [5, 33, 31], [13, 32, 10], [1, 1, 1]]) {
        const w = randomArray('float32', OC * C, 12);
        const b = randomArray('float32', OC, 13);
        const wT = allocFloat('float32', OC * C);
        transpose(wT, w, OC, C);
        for (let r = 0; r < OC; r++) for (let c = 0; c < C; c++) expect(wT[c * OC + r]).toBe(w[r * C + c]);
        const inp = sparseInputs(B, C, 14);
        const plain = allocFloat('float32', B * OC);
        const given = allocFloat('float32', B * OC);
        nativeLinearKernels('float32')!.linearForward(plain, inp, w, b, B, C, OC);
        nativeLinearKernels('float32')!.linearForward(given, inp, w, b, B, C, OC, wT);
        expectSameBits(given, plain);
      }
    }
    nativeSparseMode('auto');
  });

  it('checks wT like the other arrays', () => {
    const f = nativeLinearKernels('float32')!.linearForward;
    const [B, C, OC] = [2, 3, 4];
    const w = allocFloat('float32', OC * C);
    const b = allocFloat('float32', OC);
    const out = allocFloat('float32', B * OC);
    expect(() => f(out, allocFloat('float32', B * C), w, b, B, C, OC, allocFloat('float32', OC * C - 1))).toThrow(/wT has 11 elements, needs at least 12/);
    expect(() => f(out, allocFloat('float32', B * C), w, b, B, C, OC, new Float64Array(OC * C) as unknown as Float)).toThrow(/wT must be a Float32Array/);
    const shared = allocFloat('float32', 64);
    expect(() => f(shared.subarray(0, B * OC), allocFloat('float32', B * C), w, b, B, C, OC, shared.subarray(4, 16))).toThrow(/out must not overlap wT/);
    expect(() => nativeTranspose('float32')!(allocFloat('float32', 5), allocFloat('float32', 6), 2, 3)).toThrow(/dst has 5 elements/);
  });
});
