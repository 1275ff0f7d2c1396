// linearForward / linearBackward on the WebAssembly SIMD kernels, with the
// exact signatures (and bits) of ../linear.ts.
//
// Each call lays its arguments out in the module's memory (heap.ts): an
// array that already lives in the arena (wasmAllocFloat) is used in place,
// any other is copied into scratch and results are copied back. When the
// layout is frozen and the batch's copies do not fit, samples run in chunks;
// that keeps every sum's order, since forward rows are independent and
// backward adds samples into dW and db in increasing i across chunks just as
// within one. Only if even one sample cannot fit do the JavaScript kernels
// run instead (same bits, slower). The sparse dW path's scratch (dW
// transposed) is taken only where it fits next to at least one sample:
// without it the dense loops run (same bits).

import type { DType } from '../../config.js';
import type { Float } from '../../math/float.js';
import { roundingOf } from '../../math/float.js';
import { linearBackward as jsBackward, linearForward as jsForward } from '../../math/linear.js';
import { specialise } from '../../math/specialise.js';
import { alignUp, SLACK, type WasmHeap } from './heap.js';
import type { KernelExports } from './module.js';

export interface LinearKernels {
  linearForward: typeof jsForward;
  linearBackward: typeof jsBackward;
}

/** Bump allocation of one call's scratch slots, each followed by SLACK bytes. */
class Slots {
  constructor(public end: number) {}
  take(bytes: number): number {
    const p = this.end;
    this.end = alignUp(p + bytes + SLACK);
    return p;
  }
}
const SLOT_OVERHEAD = 2 * SLACK; // alignment plus slack, at most, per slot

/** Samples per chunk when each needs rowBytes in `slots` new slots above `from`; 0 if not even one fits. */
function chunkRows(heap: WasmHeap, from: number, rowBytes: number, slots: number, B: number): number {
  const room = heap.scratchRoom(from) - slots * SLOT_OVERHEAD;
  if (room < 0) return 0;
  return rowBytes === 0 || room === Infinity ? B : Math.min(B, Math.floor(room / rowBytes));
}

export function makeLinearKernels(k: KernelExports, heap: WasmHeap, dtype: DType): LinearKernels {
  const S = dtype === 'float32' ? 4 : 8;
  const f32 = dtype === 'float32';
  const forwardScratch = f32 ? k.forwardScratchF32 : k.forwardScratchF64;
  const prepare = f32 ? k.prepareForwardF32 : k.prepareForwardF64;
  const forward = f32 ? k.forwardF32 : k.forwardF64;
  const backward = f32 ? k.backwardF32 : k.backwardF64;
  const sparseScratch = f32 ? k.sparseBackwardScratchF32 : k.sparseBackwardScratchF64;
  const js = {
    forward: specialise(jsForward, roundingOf(dtype)),
    backward: specialise(jsBackward, roundingOf(dtype)),
  };

  function linearForward(out: Float, inp: Float, w: Float, b: Float, B: number, C: number, OC: number): void {
    if (B === 0 || OC === 0) return;
    const slots = new Slots(heap.base);
    const wT = slots.take(forwardScratch(C, OC));
    const aw = heap.addressOf(w, OC * C);
    const ab = heap.addressOf(b, OC);
    const pw = aw >= 0 ? aw : slots.take(OC * C * S);
    const pb = ab >= 0 ? ab : slots.take(OC * S);
    const ai = heap.addressOf(inp, B * C);
    const ao = heap.addressOf(out, B * OC);
    const rowBytes = ((ai < 0 ? C : 0) + (ao < 0 ? OC : 0)) * S;
    const rows = chunkRows(heap, slots.end, rowBytes, 2, B);
    if (rows === 0) return js.forward(out, inp, w, b, B, C, OC);
    const pi = ai >= 0 ? ai : slots.take(rows * C * S);
    const po = ao >= 0 ? ao : slots.take(rows * OC * S);
    heap.ensureScratch(slots.end);
    const mem = heap.view(dtype);
    if (aw < 0) mem.set(w.subarray(0, OC * C), pw / S);
    if (ab < 0) mem.set(b.subarray(0, OC), pb / S);
    prepare(wT, pw, pb, C, OC);
    for (let i0 = 0; i0 < B; i0 += rows) {
      const n = Math.min(rows, B - i0);
      if (ai < 0) mem.set(inp.subarray(i0 * C, (i0 + n) * C), pi / S);
      forward(ao >= 0 ? ao + i0 * OC * S : po, ai >= 0 ? ai + i0 * C * S : pi, wT, n, C, OC);
      if (ao < 0) out.set(mem.subarray(po / S, po / S + n * OC), i0 * OC);
    }
  }

  function linearBackward(
    dinp: Float | null, dw: Float, db: Float,
    dout: Float, inp: Float, w: Float, B: number, C: number, OC: number,
  ): void {
    if (B === 0) return; // (OC = 0 still writes dinp: empty sums are +0)
    const slots = new Slots(heap.base);
    const zero = slots.take(k.backwardScratch());
    const aw = dinp === null ? 0 : heap.addressOf(w, OC * C);
    const adw = heap.addressOf(dw, OC * C);
    const adb = heap.addressOf(db, OC);
    const pw = aw >= 0 ? aw : slots.take(OC * C * S);
    const pdw = adw >= 0 ? adw : slots.take(OC * C * S);
    const pdb = adb >= 0 ? adb : slots.take(OC * S);
    const ad = heap.addressOf(dout, B * OC);
    const ai = heap.addressOf(inp, B * C);
    const ax = dinp === null ? 0 : heap.addressOf(dinp, B * C);
    const rowBytes = ((ad < 0 ? OC : 0) + (ai < 0 ? C : 0) + (ax < 0 ? C : 0)) * S;
    const sparseBytes = sparseScratch(C, OC);
    const withSparse = chunkRows(heap, slots.end + sparseBytes + SLOT_OVERHEAD, rowBytes, 3, B);
    const sparse = withSparse > 0 ? slots.take(sparseBytes) : 0;
    const rows = withSparse > 0 ? withSparse : chunkRows(heap, slots.end, rowBytes, 3, B);
    if (rows === 0) return js.backward(dinp, dw, db, dout, inp, w, B, C, OC);
    const pd = ad >= 0 ? ad : slots.take(rows * OC * S);
    const pi = ai >= 0 ? ai : slots.take(rows * C * S);
    const px = ax >= 0 ? ax : slots.take(rows * C * S);
    heap.ensureScratch(slots.end);
    const mem = heap.view(dtype);
    if (aw < 0) mem.set(w.subarray(0, OC * C), pw / S);
    if (adw < 0) mem.set(dw.subarray(0, OC * C), pdw / S);
    if (adb < 0) mem.set(db.subarray(0, OC), pdb / S);
    for (let i0 = 0; i0 < B; i0 += rows) {
      const n = Math.min(rows, B - i0);
      if (ad < 0) mem.set(dout.subarray(i0 * OC, (i0 + n) * OC), pd / S);
      if (ai < 0) mem.set(inp.subarray(i0 * C, (i0 + n) * C), pi / S);
      backward(
        ax >= 0 ? ax + i0 * C * S : px, pdw, pdb,
        ad >= 0 ? ad + i0 * OC * S : pd, ai >= 0 ? ai + i0 * C * S : pi, pw,
        n, C, OC, dinp === null ? 0 : 1, zero, sparse,
      );
      if (dinp !== null && ax < 0) dinp.set(mem.subarray(px / S, px / S + n * C), i0 * C);
    }
    if (adw < 0) dw.set(mem.subarray(pdw / S, pdw / S + OC * C));
    if (adb < 0) db.set(mem.subarray(pdb / S, pdb / S + OC));
  }

  return { linearForward, linearBackward };
}
