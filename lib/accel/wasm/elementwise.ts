// sigmoid forward / backward on the WebAssembly kernels
// (wasm/assembly/elementwise.ts), with the signatures (and bits) of
// ActivationKernels in ../../math/activation.ts, and divideInPlace
// (wasm/assembly/scale.ts) with those of ../../math/scale.ts. exp there is V8's own
// algorithm (fdlibm's e_exp.c as ported in base::ieee754::exp), so the
// results are exactly those of the TypeScript kernels.
//
// Arrays that live in the arena (wasmAllocFloat) are used in place; others
// are copied into scratch and back, in chunks when the layout is frozen and
// scratch is short (elementwise, so chunking cannot change a bit).

import type { DType } from '../../config.js';
import type { Float } from '../../math/float.js';
import type { ActivationKernels } from '../../math/activation.js';
import type { divideInPlace } from '../../math/scale.js';
import { alignUp, SLACK, type WasmHeap } from './heap.js';
import type { KernelExports } from './module.js';

/** Elements per chunk when each element needs `arrays` * S bytes of scratch (S: bytes per element). */
function chunkFor(heap: WasmHeap, n: number, arrays: number, S: number): number {
  const room = heap.scratchRoom(heap.base) - arrays * 2 * SLACK;
  if (room === Infinity) return n;
  return Math.max(0, Math.min(n, Math.floor(room / (arrays * S))));
}

/**
 * Runs `run(pointer, count)` over a's first n elements in place: on `a`
 * itself when it lives in the arena, else on copies in scratch, chunk by
 * chunk, copied back (for elementwise kernels, where chunking cannot change
 * a bit).
 */
function inPlace(heap: WasmHeap, dtype: DType, a: Float, n: number, what: string, run: (p: number, c: number) => void): void {
  if (n <= 0) return;
  const S = dtype === 'float32' ? 4 : 8;
  const pa = heap.addressOf(a, n);
  if (pa >= 0) return run(pa, n);
  const m = chunkFor(heap, n, 1, S);
  if (m === 0) throw new Error(`wasm ${what}: no scratch left`);
  heap.ensureScratch(alignUp(heap.base + m * S + SLACK));
  const mem = heap.view(dtype);
  const p = heap.base;
  for (let i0 = 0; i0 < n; i0 += m) {
    const c = Math.min(m, n - i0);
    mem.set(a.subarray(i0, i0 + c), p / S);
    run(p, c);
    a.set(mem.subarray(p / S, p / S + c), i0);
  }
}

/** divideInPlace (lib/math/scale.ts) on WebAssembly (wasm/assembly/scale.ts), or null when the module predates it. */
export function makeDivide(k: KernelExports, heap: WasmHeap, dtype: DType): typeof divideInPlace | null {
  const div = dtype === 'float32' ? k.divideF32 : k.divideF64;
  if (!div) return null;
  return (a, n, d) => inPlace(heap, dtype, a, n, 'divideInPlace', (p, c) => div(p, c, d));
}

/** The sigmoid kernels, or null when the module predates them (rebuild it). */
export function makeSigmoidKernels(k: KernelExports, heap: WasmHeap, dtype: DType): ActivationKernels | null {
  const f32 = dtype === 'float32';
  const fwd = f32 ? k.sigmoidForwardF32 : k.sigmoidForwardF64;
  const bwd = f32 ? k.sigmoidBackwardF32 : k.sigmoidBackwardF64;
  if (!fwd || !bwd) return null;
  const S = f32 ? 4 : 8;

  function forward(a: Float, n: number): void {
    inPlace(heap, dtype, a, n, 'sigmoid', fwd!);
  }

  function backward(d: Float, a: Float, n: number): void {
    if (n <= 0) return;
    const pd = heap.addressOf(d, n);
    const pa = heap.addressOf(a, n);
    if (pd >= 0 && pa >= 0) return bwd!(pd, pa, n);
    const m = chunkFor(heap, n, 2, S);
    if (m === 0) throw new Error('wasm sigmoid: no scratch left');
    const qd = heap.base;
    const qa = alignUp(qd + m * S + SLACK);
    heap.ensureScratch(alignUp(qa + m * S + SLACK));
    const mem = heap.view(dtype);
    for (let i0 = 0; i0 < n; i0 += m) {
      const c = Math.min(m, n - i0);
      if (pd < 0) mem.set(d.subarray(i0, i0 + c), qd / S);
      if (pa < 0) mem.set(a.subarray(i0, i0 + c), qa / S);
      bwd!(pd >= 0 ? pd + i0 * S : qd, pa >= 0 ? pa + i0 * S : qa, c);
      if (pd < 0) d.set(mem.subarray(qd / S, qd / S + c), i0);
    }
  }

  return { forward, backward };
}

/** For tests: out[i] = the wasm fdlibm exp of x[i], through scratch. */
export function wasmExpWith(k: KernelExports, heap: WasmHeap, out: Float64Array, x: Float64Array): void {
  if (!k.expF64) throw new Error('the wasm module predates expF64: rebuild it (node scripts/build-wasm.mjs)');
  const n = x.length;
  const room = heap.scratchRoom(heap.base) - 4 * SLACK;
  const m = room === Infinity ? n : Math.floor(room / 16);
  const px = heap.base;
  for (let i0 = 0; i0 < n; i0 += m) {
    const c = Math.min(m, n - i0);
    const po = alignUp(px + c * 8 + SLACK);
    heap.ensureScratch(alignUp(po + c * 8 + SLACK));
    const mem = heap.view('float64') as Float64Array;
    mem.set(x.subarray(i0, i0 + c), px / 8);
    k.expF64(po, px, c);
    out.set(mem.subarray(po / 8, po / 8 + c), i0);
  }
}
