// The kernel set for each dtype: every kernel specialised once with its
// rounding (see specialise.ts). Implementations of the linear kernels (the
// hot loops) plug in here and must give exactly the bits of the naive loops:
//   'native' C with SIMD (native/), when it built at install
//   'wasm'   WebAssembly SIMD (wasm/assembly), wherever Node runs
//   'js'     the fast TypeScript kernels (linear.ts), always there
//   'naive'  the reference loops of linear-naive.ts (benchmarks, tests)
// 'native' and 'wasm' load files, so they live outside this pure layer
// (lib/accel) and register themselves here; the default is the first of
// native, wasm, js that is available. They may also bring a sigmoid: their
// exp is a port of V8's own Math.exp (fdlibm), checked bit for bit against
// it (test/accel), so the elementwise bits do not change either; and
// divideInPlace, addInto and sgdStep (each value's operations in the same
// order, one rounding each: the same bits, checked too), allFinite and
// gatherRows (a batch copied out of the dataset, exact). All other
// elementwise work (the other activations, the losses) stays in TypeScript
// for every implementation, so each function is the same everywhere.

import type { DType, Activation } from '../config.js';
import type { Float, InputArray } from './float.js';
import { allocFloat, roundingOf } from './float.js';
import { specialise } from './specialise.js';
import { linearForward as jsLinearForward, linearBackward as jsLinearBackward } from './linear.js';
import { linearBackwardNaive, linearForwardNaive } from './linear-naive.js';
import { ACTIVATION_SOURCES, type ActivationKernels } from './activation.js';
import { addInto, sgdStep } from './sgd.js';
import { divideInPlace } from './scale.js';
import { allFinite } from './finite.js';
import { gatherRows } from './gather-rows.js';
import { squaredErrorBackward, softmaxCrossEntropyBackward, softmaxForward } from './loss.js';

/**
 * linearForward, and `wT`: W transposed (C, OC) as `transpose` made it, which
 * an implementation that transposes W itself may use instead (one step's
 * shards share W); the others ignore it.
 */
export type LinearForward = (out: Float, inp: Float, w: Float, b: Float, B: number, C: number, OC: number, wT?: Float | null) => void;
export type Transpose = (dst: Float, src: Float, rows: number, cols: number) => void;
/**
 * linearBackward, and `overwrite`: when true, dw and db receive the sums
 * alone, the bits of zeroing them first (a fresh shard's gradient), which an
 * implementation may do without the pass that zeroes them.
 */
export type LinearBackward = (
  dinp: Float | null, dw: Float, db: Float, dout: Float, inp: Float, w: Float, B: number, C: number, OC: number, overwrite?: boolean,
) => void;

export interface KernelSet {
  readonly dtype: DType;
  linearForward: LinearForward;
  /** dst (cols, rows) = src (rows, cols) transposed, for linearForward's wT; null where linearForward does not take one. */
  transpose: Transpose | null;
  linearBackward: LinearBackward;
  activations: Record<Activation, ActivationKernels>;
  squaredErrorBackward: typeof squaredErrorBackward;
  softmaxCrossEntropyBackward: typeof softmaxCrossEntropyBackward;
  softmaxForward: typeof softmaxForward;
  addInto: typeof addInto;
  sgdStep: typeof sgdStep;
  divideInPlace: typeof divideInPlace;
  allFinite: typeof allFinite;
  gatherRows: typeof gatherRows;
  /**
   * gatherRows, then divideInPlace over the rows * d values it wrote: the
   * 'unit' input scaling. An implementation may do both in one pass (each
   * row divided while it is in cache) with the same bits.
   */
  gatherDivided(dst: Float, src: InputArray, indices: ArrayLike<number>, rows: number, d: number, divisor: number): void;
  /**
   * Asks the memory system for rows indices[0..rows-1] of src (d values
   * each) that a gather will read after other work; writes nothing, changes
   * no result. A no-op where an implementation cannot (TypeScript).
   */
  prefetchRows(src: InputArray, indices: ArrayLike<number>, rows: number, d: number): void;
  /** n zeros where this implementation computes fastest (WebAssembly memory for 'wasm': no copies per call). */
  alloc(n: number): Float;
}

export const KERNEL_IMPLS = ['native', 'wasm', 'js', 'naive'] as const;
export type KernelImpl = (typeof KERNEL_IMPLS)[number];

type LinearPair = Pick<KernelSet, 'linearForward' | 'linearBackward'>;
/** What an accelerated implementation provides: the linear kernels, and optionally some activations and elementwise kernels. */
export type AcceleratedKernels = LinearPair & {
  /** Whether its linearBackward honours `overwrite` (else the kernel set zeroes dw and db before calling it). */
  backwardOverwrites?: boolean;
  activations?: Partial<Record<Activation, ActivationKernels>>;
  // null or absent: the TypeScript kernel
  divideInPlace?: typeof divideInPlace | null;
  addInto?: typeof addInto | null;
  sgdStep?: typeof sgdStep | null;
  allFinite?: typeof allFinite | null;
  gatherRows?: typeof gatherRows | null;
  gatherDivided?: KernelSet['gatherDivided'] | null;
  prefetchRows?: KernelSet['prefetchRows'] | null;
  transpose?: Transpose | null;
  alloc?: (n: number) => Float;
};
/** Loaded implementations: a factory per name, returning null where it cannot run. */
const accelerated = new Map<KernelImpl, (dtype: DType) => AcceleratedKernels | null>();

/** Makes an implementation that lives outside the math layer available (see lib/accel). */
export function registerKernels(impl: 'native' | 'wasm', factory: (dtype: DType) => AcceleratedKernels | null): void {
  accelerated.set(impl, factory);
  cache.clear();
  active = null;
}

/** The kernels one implementation provides; throws when it cannot run here. */
function implKernels(dtype: DType, impl: KernelImpl): AcceleratedKernels {
  const r = roundingOf(dtype);
  switch (impl) {
    case 'native':
    case 'wasm': {
      const k = accelerated.get(impl)?.(dtype);
      if (!k) throw new Error(`kernels "${impl}" are not available in this process (not built, or not supported here); use js`);
      return k;
    }
    case 'js':
      return { linearForward: specialise(jsLinearForward, r), linearBackward: specialise(jsLinearBackward, r) };
    case 'naive':
      return {
        linearForward: (out, inp, w, b, B, C, OC) => linearForwardNaive(out, inp, w, b, B, C, OC, r),
        linearBackward: (dinp, dw, db, dout, inp, w, B, C, OC) => linearBackwardNaive(dinp, dw, db, dout, inp, w, B, C, OC, r),
      };
  }
}

/** Whether an implementation can run in this process. */
export function kernelsAvailable(impl: KernelImpl): boolean {
  if (impl === 'js' || impl === 'naive') return true;
  try {
    return accelerated.get(impl)?.('float32') != null;
  } catch {
    return false;
  }
}

/** The fastest implementation that runs here: native, else wasm, else js. */
export function defaultKernels(): KernelImpl {
  return (['native', 'wasm'] as const).find(kernelsAvailable) ?? 'js';
}

/** linearBackward with `overwrite` for an implementation that only adds: dw and db zeroed first. */
function zeroingFirst(f: LinearBackward): LinearBackward {
  return (dinp, dw, db, dout, inp, w, B, C, OC, overwrite) => {
    if (overwrite) {
      dw.fill(0, 0, OC * C);
      db.fill(0, 0, OC);
    }
    f(dinp, dw, db, dout, inp, w, B, C, OC);
  };
}

/** gatherDivided as its two kernels, one after the other. */
function unfused(gather: typeof gatherRows, divide: typeof divideInPlace): KernelSet['gatherDivided'] {
  return (dst, src, indices, rows, d, divisor) => {
    gather(dst, src, indices, rows, d);
    divide(dst, rows * d, divisor);
  };
}

function build(dtype: DType, impl: KernelImpl): KernelSet {
  const r = roundingOf(dtype);
  const act = (k: ActivationKernels): ActivationKernels => ({
    forward: specialise(k.forward, r),
    backward: specialise(k.backward, r),
  });
  const own = implKernels(dtype, impl);
  const divide = own.divideInPlace ?? specialise(divideInPlace, r);
  const gather = own.gatherRows ?? gatherRows;
  return {
    dtype,
    linearForward: own.linearForward,
    linearBackward: own.backwardOverwrites ? own.linearBackward : zeroingFirst(own.linearBackward),
    transpose: own.transpose ?? null,
    activations: {
      sigmoid: own.activations?.sigmoid ?? act(ACTIVATION_SOURCES.sigmoid),
      tanh: act(ACTIVATION_SOURCES.tanh),
      relu: act(ACTIVATION_SOURCES.relu),
    },
    squaredErrorBackward: specialise(squaredErrorBackward, r),
    softmaxCrossEntropyBackward: specialise(softmaxCrossEntropyBackward, r),
    softmaxForward: specialise(softmaxForward, r),
    addInto: own.addInto ?? specialise(addInto, r),
    sgdStep: own.sgdStep ?? specialise(sgdStep, r),
    divideInPlace: divide,
    allFinite: own.allFinite ?? specialise(allFinite, r),
    gatherRows: gather,
    gatherDivided: own.gatherDivided ?? unfused(gather, divide),
    prefetchRows: own.prefetchRows ?? (() => {}),
    alloc: own.alloc ?? ((n) => allocFloat(dtype, n)),
  };
}

const cache = new Map<string, KernelSet>();
let active: KernelImpl | null = null;


/** Chooses the implementation every later computation in this process uses. */
export function selectKernels(impl: KernelImpl): void {
  active = impl;
}

export function activeKernels(): KernelImpl {
  return (active ??= defaultKernels());
}

export function kernelsFor(dtype: DType, impl: KernelImpl = activeKernels()): KernelSet {
  const key = `${impl}/${dtype}`;
  let k = cache.get(key);
  if (!k) cache.set(key, (k = build(dtype, impl)));
  return k;
}

export function kernelsOf(a: Float): KernelSet {
  return kernelsFor(a instanceof Float32Array ? 'float32' : 'float64');
}
