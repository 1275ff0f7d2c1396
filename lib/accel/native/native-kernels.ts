// Optional native linear kernels: C with AVX-512 / AVX2 / portable paths
// (native/, built by node-gyp from binding.gyp into
// build/Release/dpt_kernels.node at install). They give exactly the bits of
// linear-naive.ts, like the JavaScript kernels, only faster. The package
// works without them: when the addon did not build or cannot load, every
// function here reports "not available" (null / false) and logs nothing;
// the caller decides what to use instead.

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DType } from '../../config.js';
import { packageRoot } from '../../package-root.js';
import type { Float, InputArray } from '../../math/float.js';
import type { LinearBackward, LinearForward, Transpose } from '../../math/kernels.js';
import type { ActivationKernels } from '../../math/activation.js';
import type { addInto, sgdStep } from '../../math/sgd.js';
import type { divideInPlace } from '../../math/scale.js';
import type { allFinite } from '../../math/finite.js';
import { gatherRows } from '../../math/gather-rows.js';

type GatherDivided = (dst: Float, src: InputArray, indices: ArrayLike<number>, rows: number, d: number, divisor: number) => void;

export interface NativeLinearKernels {
  /** linearBackward honours `overwrite` (builds before it ignored the argument). */
  backwardOverwrites: boolean;
  /** linearForward, plus `wT` (W transposed, from transpose()) to use instead of transposing W. */
  linearForward: LinearForward;
  linearBackward: LinearBackward;
}

/** The addon's implementation: AVX-512F, AVX2 or plain C, picked at load from the CPU. */
export type NativePath = 'avx512' | 'avx2' | 'portable';

/** The addon's gatherRows: a Uint8Array source and Uint32Array indices only. */
type NativeGather = (dst: Float, src: Uint8Array, indices: Uint32Array, rows: number, d: number) => void;
/** The addon's gatherDivided: gatherRows, each row then divided as divideInPlace divides. */
type NativeGatherDivided = (dst: Float, src: Uint8Array, indices: Uint32Array, rows: number, d: number, divisor: number) => void;


interface Addon {
  linearForwardF32: LinearForward;
  linearForwardF64: LinearForward;
  transposeF32?: Transpose;
  transposeF64?: Transpose;
  sparseMode?(mode?: SparseMode): SparseMode;
  sparseChoices?(): SparseChoice[];
  linearBackwardF32: LinearBackward;
  linearBackwardF64: LinearBackward;
  linearBackwardOverwrites?: boolean;
  path(): NativePath;
  bestPath(): NativePath;
  setPath(path: NativePath): boolean;
  sparseRuns?(): number; // absent from addons built before the sparse path
  // elementwise (native/elementwise.h); absent from addons built before them
  sigmoidForwardF32?: ActivationKernels['forward'];
  sigmoidForwardF64?: ActivationKernels['forward'];
  sigmoidBackwardF32?: ActivationKernels['backward'];
  sigmoidBackwardF64?: ActivationKernels['backward'];
  expF64?(out: Float64Array, x: Float64Array, n: number): void;
  // Typed as the dtype-generic kernels they stand in for (the addon checks the array type).
  divideF32?: typeof divideInPlace;
  divideF64?: typeof divideInPlace;
  allFiniteF32?: typeof allFinite;
  allFiniteF64?: typeof allFinite;
  addIntoF32?: typeof addInto;
  addIntoF64?: typeof addInto;
  sgdStepF32?: typeof sgdStep;
  sgdStepF64?: typeof sgdStep;
  gatherRowsF32?: NativeGather;
  gatherRowsF64?: NativeGather;
  gatherDividedF32?: NativeGatherDivided;
  prefetchRows?(src: Uint8Array, indices: Uint32Array, rows: number, d: number): void;
  gatherDividedF64?: NativeGatherDivided;
  elementwisePath?(): 'avx512' | 'avx2' | 'scalar';
  crc32?(bytes: Uint8Array): number;
  crc32Folding?(): boolean;
}

const ADDON = join('build', 'Release', 'dpt_kernels.node');

let addon: Addon | null | undefined;
/** Why the addon is not in use, once load() has tried. */
let unavailable: string | null = null;
const sets = new Map<DType, NativeLinearKernels>();
const sigmoids = new Map<DType, ActivationKernels>();

/** The addon's entry for `dtype` (its F32 or F64 twin), or null where an older build lacks it. */
function forDtype<F>(dtype: DType, f32: F | undefined, f64: F | undefined): F | null {
  const f = dtype === 'float32' ? f32 : f64;
  return typeof f === 'function' ? f : null;
}

function load(): Addon | null {
  if (addon !== undefined) return addon;
  addon = null;
  try {
    const file = join(packageRoot(), ADDON);
    if (existsSync(file)) {
      const a = createRequire(import.meta.url)(file) as Partial<Addon>;
      if (typeof a.linearForwardF32 === 'function' && typeof a.linearBackwardF64 === 'function') addon = a as Addon;
      else unavailable = `${file} lacks the linear kernels (an old build? run \`node native/build.mjs\`)`;
    } else unavailable = `${file} is not built (no C compiler at install? run \`node native/build.mjs\`)`;
  } catch (e) {
    // not built for this Node, wrong platform, failed self-test: the other kernels run instead
    addon = null;
    unavailable = `loading it failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return addon;
}

/** Why the native kernels are not available in this process (null when they are). */
export function nativeUnavailableReason(): string | null {
  return load() === null ? unavailable : null;
}

/** True when the native addon is built and loads. */
export function nativeAvailable(): boolean {
  return load() !== null;
}

/**
 * The native linear kernels for a dtype, with exactly the signatures (and
 * bits) of linearForward / linearBackward in linear.ts, or null when the
 * addon is not available. They check their arguments: a wrong array type
 * throws TypeError; bad sizes, arrays too short for (B, C, OC) or
 * overlapping arrays throw RangeError.
 */
export function nativeLinearKernels(dtype: DType): NativeLinearKernels | null {
  const a = load();
  if (a === null) return null;
  let k = sets.get(dtype);
  if (!k) {
    const backwardOverwrites = a.linearBackwardOverwrites === true;
    k = dtype === 'float32'
      ? { linearForward: a.linearForwardF32, linearBackward: a.linearBackwardF32, backwardOverwrites }
      : { linearForward: a.linearForwardF64, linearBackward: a.linearBackwardF64, backwardOverwrites };
    sets.set(dtype, k);
  }
  return k;
}

/** The implementation the addon uses on this CPU, or null without the addon. */
export function nativePath(): NativePath | null {
  return load()?.path() ?? null;
}

/**
 * How the addon's elementwise kernels (sigmoid forward, divideInPlace,
 * allFinite, addInto, sgdStep, exp) run now: several lanes at a time on the
 * avx512 and avx2 paths once the vector exp's check at load passed, else one
 * at a time; null without the addon (or one built before the vector kernels).
 */
export function nativeElementwisePath(): 'avx512' | 'avx2' | 'scalar' | null {
  return load()?.elementwisePath?.() ?? null;
}

/** The fastest implementation this CPU runs, or null without the addon. */
export function nativeBestPath(): NativePath | null {
  return load()?.bestPath() ?? null;
}

/**
 * The addon's transpose for a dtype (dst (cols, rows) = src (rows, cols)
 * transposed), which its linearForward takes as `wT`; null without the addon
 * or with one built before it (then each forward call transposes W itself).
 */
export function nativeTranspose(dtype: DType): Transpose | null {
  const a = load();
  return forDtype(dtype, a?.transposeF32, a?.transposeF64);
}

/**
 * How the addon picks between the sparse-input kernels and the dense GEMM
 * (same bits, native/tune.h): 'auto' times both per shape on this machine
 * and keeps the faster (the default); 'always' takes sparse whenever its
 * checks pass, 'never' never. Setting a mode starts the timing over.
 */
export type SparseMode = 'auto' | 'always' | 'never';

/** What the tuner measured for one shape: the faster path, or 'undecided' while it still times them. */
export interface SparseChoice {
  kind: 'forward' | 'dw';
  /** Bytes per element: 4 (float32) or 8 (float64). */
  elem: number;
  B: number;
  C: number;
  OC: number;
  choice: 'dense' | 'sparse' | 'undecided';
  denseTrials: number;
  sparseTrials: number;
  /** The fastest timed call of each, in ns (-1: none yet). */
  denseNs: number;
  sparseNs: number;
}

/** Sets (when given) and returns the sparse/dense mode; null without the addon (or one built before the tuner). */
export function nativeSparseMode(mode?: SparseMode): SparseMode | null {
  const a = load();
  if (!a?.sparseMode) return null;
  return mode === undefined ? a.sparseMode() : a.sparseMode(mode);
}

/** The tuner's per-shape measurements and choices so far; [] without the addon. */
export function nativeSparseChoices(): SparseChoice[] {
  return load()?.sparseChoices?.() ?? [];
}

/** How many linear-kernel calls took the sparse path (inputs mostly zeros, native/sparse.h) in this process; null without the addon. */
export function nativeSparseRuns(): number | null {
  return load()?.sparseRuns?.() ?? null;
}

/**
 * For tests and benchmarks: makes the whole process use one implementation
 * (all give the same bits). Returns false when the CPU cannot run it.
 */
export function setNativePath(path: NativePath): boolean {
  return load()?.setPath(path) ?? false;
}

/**
 * sigmoid forward / backward in C for a dtype, with the signatures and bits
 * of ACTIVATION_SOURCES.sigmoid (exp is V8's own algorithm, fdlibm's e_exp.c:
 * native/fdlibm_exp.h), or null when the addon is not available or predates
 * them. Arguments are checked like the linear kernels'.
 */
export function nativeSigmoidKernels(dtype: DType): ActivationKernels | null {
  const a = load();
  if (a === null) return null;
  let k = sigmoids.get(dtype);
  if (!k) {
    const forward = forDtype(dtype, a.sigmoidForwardF32, a.sigmoidForwardF64);
    const backward = forDtype(dtype, a.sigmoidBackwardF32, a.sigmoidBackwardF64);
    if (!forward || !backward) return null;
    sigmoids.set(dtype, (k = { forward, backward }));
  }
  return k;
}

/**
 * divideInPlace in C for a dtype (lib/math/scale.ts: a[i] = a[i] / d, the
 * quotient in double, rounded once), or null when the addon is not available
 * or predates it.
 */
export function nativeDivide(dtype: DType): typeof divideInPlace | null {
  const a = load();
  return forDtype(dtype, a?.divideF32, a?.divideF64);
}

/** allFinite in C for a dtype (lib/math/finite.ts), or null when the addon is not available or predates it. */
export function nativeAllFinite(dtype: DType): typeof allFinite | null {
  const a = load();
  return forDtype(dtype, a?.allFiniteF32, a?.allFiniteF64);
}

/** Indices as the addon takes them: a Uint32Array, copied into `scratch` when they are not one. */
function asIndices(indices: ArrayLike<number>, rows: number, scratch: { buf: Uint32Array }): Uint32Array {
  if (indices instanceof Uint32Array) return indices;
  if (scratch.buf.length < rows) scratch.buf = new Uint32Array(rows);
  const ix = scratch.buf;
  for (let r = 0; r < rows; r++) {
    const v = indices[r];
    ix[r] = v;
    if (ix[r] !== v) throw new RangeError(`gatherRows: indices[${r}] is ${v}, not a whole number in 0..2^32-1`);
  }
  return ix;
}

/**
 * gatherRows (lib/math/gather-rows.ts) with the addon's for Uint8Array
 * sources (native/gather.h: the next rows prefetched while one is
 * converted), or null when the addon is not available or predates it.
 * Other sources take the TypeScript kernel. Indices that are not a
 * Uint32Array (a job's JSON array) are copied into one first; an index that
 * is not a whole number in 0..2^32-1 throws RangeError, as does one past the
 * end of src (checked in C before anything is written).
 */
export function nativeGatherRows(dtype: DType): typeof gatherRows | null {
  const a = load();
  const f = forDtype(dtype, a?.gatherRowsF32, a?.gatherRowsF64);
  if (!f) return null;
  const scratch = { buf: new Uint32Array(0) };
  return (dst, src, indices, rows, d) => {
    if (!(src instanceof Uint8Array)) return gatherRows(dst, src, indices, rows, d);
    f(dst, src, asIndices(indices, rows, scratch), rows, d);
  };
}

/**
 * The kernel set's gatherDivided (gatherRows, then divideInPlace over what
 * it wrote) in one pass for Uint8Array sources: each row divided by the
 * addon's divideInPlace right after it is converted, while it is in cache,
 * so the bits are the two kernels'. Other sources take the TypeScript
 * gatherRows and the addon's divideInPlace. Null when the addon is not
 * available or predates it. Indices are checked as by nativeGatherRows.
 */
export function nativeGatherDivided(dtype: DType): GatherDivided | null {
  const a = load();
  const f = forDtype(dtype, a?.gatherDividedF32, a?.gatherDividedF64);
  const divide = forDtype(dtype, a?.divideF32, a?.divideF64);
  if (!f || !divide) return null;
  const scratch = { buf: new Uint32Array(0) };
  return (dst, src, indices, rows, d, divisor) => {
    if (src instanceof Uint8Array) return f(dst, src, asIndices(indices, rows, scratch), rows, d, divisor);
    gatherRows(dst, src, indices, rows, d);
    divide(dst, rows * d, divisor);
  };
}

/**
 * The kernel set's prefetchRows for Uint8Array sources and Uint32Array
 * indices (native/gather.h; anything else is not prefetched), or null when
 * the addon is not available or predates it.
 */
export function nativePrefetchRows(): ((src: InputArray, indices: ArrayLike<number>, rows: number, d: number) => void) | null {
  const f = load()?.prefetchRows;
  if (typeof f !== 'function') return null;
  return (src, indices, rows, d) => {
    if (src instanceof Uint8Array && indices instanceof Uint32Array) f(src, indices, rows, d);
  };
}

/**
 * addInto and sgdStep in C for a dtype, with the signatures and bits of
 * lib/math/sgd.ts (native/sgd.h), or null when the addon is not available or
 * predates them.
 */
export function nativeSgdKernels(dtype: DType): { addInto: typeof addInto; sgdStep: typeof sgdStep } | null {
  const a = load();
  const add = forDtype(dtype, a?.addIntoF32, a?.addIntoF64);
  const step = forDtype(dtype, a?.sgdStepF32, a?.sgdStepF64);
  return add && step ? { addInto: add, sgdStep: step } : null;
}

/**
 * The addon's CRC-32 (zlib's function) when it folds with PCLMULQDQ on this
 * CPU, else null: its byte-at-a-time fallback is slower than zlib's.
 */
export function nativeCrc32(): ((bytes: Uint8Array) => number) | null {
  const a = load();
  return a && typeof a.crc32 === 'function' && a.crc32Folding?.() ? a.crc32 : null;
}

/** For tests: out[i] = the C port of V8's Math.exp applied to x[i]; false without the addon. */
export function nativeExp(out: Float64Array, x: Float64Array): boolean {
  const a = load();
  if (a === null || typeof a.expF64 !== 'function') return false;
  a.expF64(out, x, x.length);
  return true;
}
