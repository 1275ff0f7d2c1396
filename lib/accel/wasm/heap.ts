// The kernel module's linear memory, as the host lays it out:
//
//   0 .. base                 unused (the stub runtime keeps no data there)
//   base .. scratchEnd        scratch: one call's argument copies, W transposed
//   arenaStart .. arenaEnd    arena: arrays handed out by wasmAllocFloat
//
// Growing a WebAssembly.Memory detaches every typed array over its old
// buffer. Until the first wasmAllocFloat nobody outside holds such an array,
// so the scratch grows on demand. The first allocation (or wasmReserve)
// freezes the layout: the arena is placed above the scratch, memory grows
// once to hold both and never again. From then on a call that needs more
// scratch than exists runs in chunks of samples (see linear.ts).
//
// Every array placed here is followed by SLACK readable bytes: the kernels'
// last, partial vector of a row may read (never write) up to 15 bytes past
// the end of an array.

import type { DType } from '../../config.js';
import { allocFloat, type Float } from '../../math/float.js';
import type { WasmMemory } from './engine.js';

export const SLACK = 16;
const PAGE = 65536;
const DEFAULT_SCRATCH = 16 << 20;
const DEFAULT_ARENA = 64 << 20;

export const alignUp = (n: number): number => Math.ceil(n / 16) * 16;

export interface ReserveOptions {
  /** Bytes for wasmAllocFloat arrays (default 64 MiB; pages are only backed once written). */
  arenaBytes?: number;
  /** Minimum scratch bytes kept below the arena (default 16 MiB). */
  scratchBytes?: number;
}

export class WasmHeap {
  readonly base: number;
  private scratchEnd: number;
  private frozen = false;
  private arenaStart = 0;
  private arenaNext = 0;
  private arenaEnd = 0;
  private buffer: ArrayBuffer | null = null;
  private f32 = new Float32Array(0);
  private f64 = new Float64Array(0);

  constructor(private readonly memory: WasmMemory, heapBase: number) {
    this.base = alignUp(heapBase);
    this.scratchEnd = memory.buffer.byteLength;
  }

  /** A view of the whole memory, re-made after growth (which detaches the old one). */
  view(dtype: DType): Float {
    const buffer = this.memory.buffer;
    if (this.buffer !== buffer) {
      this.buffer = buffer;
      this.f32 = new Float32Array(buffer);
      this.f64 = new Float64Array(buffer);
    }
    return dtype === 'float32' ? this.f32 : this.f64;
  }

  /** Bytes of scratch usable from `from` on: Infinity while memory may still grow. */
  scratchRoom(from: number): number {
    return this.frozen ? this.scratchEnd - from : Infinity;
  }

  /** Makes [base, end) usable scratch, growing memory unless the layout is frozen. */
  ensureScratch(end: number): void {
    if (end <= this.scratchEnd) return;
    if (this.frozen) throw new Error(`wasm scratch overflow: need ${end} bytes, have ${this.scratchEnd}`);
    this.growTo(end);
    this.scratchEnd = this.memory.buffer.byteLength;
  }

  /** Byte address of `a` if it is an arena array holding n elements, so kernels can use it in place; else -1. */
  addressOf(a: Float, n: number): number {
    if (!this.frozen || a.buffer !== this.memory.buffer) return -1;
    const p = a.byteOffset;
    return p >= this.arenaStart && p + n * a.BYTES_PER_ELEMENT + SLACK <= this.arenaEnd ? p : -1;
  }

  /** n zeros in the arena, or (arena full) an ordinary array, which the kernels then copy. */
  alloc(dtype: DType, n: number): Float {
    if (!this.frozen) this.freeze({});
    const bytes = n * (dtype === 'float32' ? 4 : 8);
    const p = this.arenaNext;
    if (p + bytes + SLACK > this.arenaEnd) return allocFloat(dtype, n);
    this.arenaNext = alignUp(p + bytes + SLACK);
    const buf = this.memory.buffer;
    return dtype === 'float32' ? new Float32Array(buf, p, n) : new Float64Array(buf, p, n);
  }

  /** Fixes the layout: scratch of at least scratchBytes, then the arena; memory never grows again. */
  freeze(opts: ReserveOptions): void {
    if (this.frozen) throw new Error('wasmReserve: the wasm memory layout is already fixed; call it before the first wasmAllocFloat');
    this.scratchEnd = alignUp(Math.max(this.scratchEnd, this.base + (opts.scratchBytes ?? DEFAULT_SCRATCH)));
    this.arenaStart = this.arenaNext = this.scratchEnd;
    this.arenaEnd = this.arenaStart + alignUp(opts.arenaBytes ?? DEFAULT_ARENA);
    this.growTo(this.arenaEnd);
    this.frozen = true;
  }

  private growTo(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
  }
}
