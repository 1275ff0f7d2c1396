// Loads wasm/build/kernels.wasm (built by scripts/build-wasm.mjs) once, on
// first use, synchronously. The module exports its memory and the kernels
// of wasm/assembly/index.ts, which take byte pointers into that memory.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root.js';
import { engine, simdSupported, type WasmMemory } from './engine.js';

export interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  forwardScratchF32(C: number, OC: number): number;
  forwardScratchF64(C: number, OC: number): number;
  backwardScratch(): number;
  sparseBackwardScratchF32(C: number, OC: number): number;
  sparseBackwardScratchF64(C: number, OC: number): number;
  prepareForwardF32(wT: number, w: number, b: number, C: number, OC: number): void;
  prepareForwardF64(wT: number, w: number, b: number, C: number, OC: number): void;
  forwardF32(out: number, inp: number, wT: number, B: number, C: number, OC: number): void;
  forwardF64(out: number, inp: number, wT: number, B: number, C: number, OC: number): void;
  backwardF32(dinp: number, dw: number, db: number, dout: number, inp: number, w: number,
    B: number, C: number, OC: number, hasDinp: number, scratch: number, sparse: number): void;
  backwardF64(dinp: number, dw: number, db: number, dout: number, inp: number, w: number,
    B: number, C: number, OC: number, hasDinp: number, scratch: number, sparse: number): void;
  /** How many calls took a sparse path (wasm/assembly/sparse.ts). */
  sparseRunCount(): number;
  // elementwise (wasm/assembly/elementwise.ts); absent from modules built before them
  sigmoidForwardF32?(a: number, n: number): void;
  sigmoidForwardF64?(a: number, n: number): void;
  sigmoidBackwardF32?(d: number, a: number, n: number): void;
  sigmoidBackwardF64?(d: number, a: number, n: number): void;
  expF64?(out: number, x: number, n: number): void;
  divideF32?(a: number, n: number, d: number): void;
  divideF64?(a: number, n: number, d: number): void;
}

const WASM_FILE = join(packageRoot(), 'wasm', 'build', 'kernels.wasm');

export class WasmMissingError extends Error {
  constructor() {
    super(`WebAssembly kernels not built: ${WASM_FILE} is missing; run \`npm run build\` (or \`npm run build:wasm\`)`);
    this.name = 'WasmMissingError';
  }
}

let compiled: object | null | undefined;
let instance: KernelExports | undefined;

/** The compiled module; null when this engine has no WebAssembly SIMD. */
function compile(): object | null {
  if (compiled !== undefined) return compiled;
  if (!simdSupported()) return (compiled = null);
  if (!existsSync(WASM_FILE)) throw new WasmMissingError();
  try {
    compiled = new engine!.Module(readFileSync(WASM_FILE));
  } catch (err) {
    // The engine has SIMD, so the file itself is broken (truncated, or built with other features).
    throw new Error(`${WASM_FILE} does not compile (${(err as Error).message}); rebuild it: node scripts/build-wasm.mjs --force`);
  }
  return compiled;
}

/** True when the kernels are built and this engine runs them (it supports fixed-width WebAssembly SIMD). */
export function wasmAvailable(): boolean {
  try {
    return compile() !== null;
  } catch (err) {
    if (err instanceof WasmMissingError) return false;
    throw err;
  }
}

/** The instance's exports, or null without SIMD support; throws WasmMissingError when the module is not built. */
export function kernelExports(): KernelExports | null {
  if (instance) return instance;
  const mod = compile();
  if (mod === null) return null;
  instance = new engine!.Instance(mod, {}).exports as unknown as KernelExports;
  return instance;
}
