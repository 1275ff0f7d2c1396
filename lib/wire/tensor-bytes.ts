// Typed arrays <-> raw bytes. Tensors travel as their in-memory bytes, so a
// value (including -0, NaN payloads and subnormals) arrives bit-identical;
// that only holds if every process agrees on byte order, hence the LE check.
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { DptError, WireError } from '../errors.js';
import type { DType } from '../config.js';

// Checked once, at load: a big-endian host would silently read every tensor
// byte-swapped, which is far worse than refusing to start.
if (endianness() !== 'LE') {
  throw new DptError(
    `dpt stores tensors as little-endian bytes, but this host is ${endianness()}-endian; big-endian hosts are not supported`,
  );
}

export type Tensor = Float32Array | Float64Array;

/** Every element type that crosses the wire: tensors plus stored dataset inputs. */
export type ElementType = DType | 'uint8' | 'int8' | 'int16' | 'int32';

export type ElementArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

const CTORS = {
  uint8: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

export function isElementType(s: string): s is ElementType {
  return Object.prototype.hasOwnProperty.call(CTORS, s);
}

/** The element type of an array, the inverse of bytesToArray's `type`. */
export function elementTypeOf(a: ElementArray): ElementType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Int32Array) return 'int32';
  return 'uint8';
}

/** Zero-copy byte view of a typed array (shares memory with `a`). */
export function arrayToBytes(a: ElementArray): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function tensorToBytes(a: Tensor): Uint8Array {
  return arrayToBytes(a);
}

type ArrayOf<T extends ElementType> = InstanceType<(typeof CTORS)[T]>;

/**
 * Reinterprets `bytes` as `expectedLength` elements of `type`. Returns a view
 * (aliasing `bytes`) when the offset is aligned, and a copy otherwise: a typed
 * array cannot start at an unaligned offset, and ioredis / protobufjs hand out
 * Buffers that are slices of a larger buffer at arbitrary offsets.
 * Throws WireError(what, ...) when the length is not exactly expectedLength elements.
 */
export function bytesToArray<T extends ElementType>(
  bytes: Uint8Array,
  type: T,
  expectedLength: number,
  what: string,
): ArrayOf<T> {
  const Ctor = CTORS[type] as unknown as {
    new (n: number): ArrayOf<T>;
    new (buf: ArrayBufferLike, offset: number, length: number): ArrayOf<T>;
    BYTES_PER_ELEMENT: number;
  };
  const size = Ctor.BYTES_PER_ELEMENT;
  if (!Number.isSafeInteger(expectedLength) || expectedLength < 0) {
    throw new WireError(what, `invalid expected length ${expectedLength}`);
  }
  if (bytes.byteLength !== expectedLength * size) {
    throw new WireError(
      what,
      `expected ${expectedLength} ${type} values (${expectedLength * size} bytes), got ${bytes.byteLength} bytes`,
    );
  }
  if (bytes.byteOffset % size === 0) return new Ctor(bytes.buffer, bytes.byteOffset, expectedLength);
  const out = new Ctor(expectedLength);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function bytesToTensor(bytes: Uint8Array, dtype: DType, expectedLength: number, what: string): Tensor {
  return bytesToArray(bytes, dtype, expectedLength, what);
}

export function sha256(bytes: Uint8Array): Uint8Array {
  const d = createHash('sha256').update(bytes).digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

/** SHA-256 as 64 lowercase hex digits: content ids (datasets) and run fingerprints. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

