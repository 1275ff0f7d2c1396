// Numeric types of the math layer. Two dtypes exist and their arithmetic is
// defined exactly: float64 is plain JavaScript arithmetic; float32 rounds
// the result of every single operation to float32 (Math.fround), which is
// what a float32 machine instruction does. That definition is what lets a
// SIMD or native kernel reproduce the JavaScript one bit for bit.

import type { DType } from '../config.js';

export type Float = Float32Array | Float64Array;

/** Stored sample values as a dataset holds them (bytes for MNIST), before they become Floats. */
export type InputArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export function allocFloat(dtype: DType, n: number): Float {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/** The rounding applied after each operation: Math.fround for float32, identity for float64. */
export function roundingOf(dtype: DType): (x: number) => number {
  return dtype === 'float32' ? Math.fround : (x: number) => x;
}
