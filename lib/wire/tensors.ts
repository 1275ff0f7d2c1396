// Tensors as bytes: typed arrays <-> raw little-endian bytes, their
// checksums (CRC-32 per step message, SHA-256 for content ids and run
// fingerprints), and the two-part encoding of the per-step messages that
// carry one large tensor.
//
// Tensors travel as their in-memory bytes, so a value (including -0, NaN
// payloads and subnormals) arrives bit-identical; that only holds if every
// process agrees on byte order, hence the little-endian check at load.

import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import * as zlib from 'node:zlib';
import $protobuf from 'protobufjs/minimal.js';
import type { DType } from '../config.js';
import { DptError, WireError } from '../errors.js';
import type { Float } from '../math/float.js';

// Checked once, at load: a big-endian host would silently read every tensor
// byte-swapped, which is far worse than refusing to start.
if (endianness() !== 'LE') {
  throw new DptError(
    `dpt stores tensors as little-endian bytes, but this host is ${endianness()}-endian; big-endian hosts are not supported`,
  );
}

/** A parameter-shaped tensor on the wire: the math layer's Float. */
export type Tensor = Float;

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

// ---- CRC-32 (IEEE 802.3, the zlib/PNG/gzip polynomial) of the tensors in the
// per-step messages. It guards against a truncated, mixed-up or damaged
// blob between processes, which is all a checksum on a trusted link is for
// (authenticity is Redis AUTH/TLS's job). It replaced SHA-256 there because
// a step hashes every tensor twice (encode and decode) and a CRC costs a
// fraction of a SHA-256 (zlib's, or the native addon's when lib/accel hands
// it over with useCrc32; bench/README.md). Content addresses (datasets,
// model files) and run fingerprints keep SHA-256.

/** zlib.crc32 exists from Node 20.15 / 22.2; older Node 20 releases use the table below. */
const fromZlib = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** A faster implementation loaded outside this layer (lib/accel), or null. */
let accelerated: ((bytes: Uint8Array) => number) | null = null;

/**
 * Makes crc32() use `f` (it must compute the same function: the native
 * addon's, checked against the table at load and in test/accel), or zlib's
 * again with null. The wire layer never loads files itself.
 */
export function useCrc32(f: ((bytes: Uint8Array) => number) | null): void {
  accelerated = f;
}

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** The byte-at-a-time table version: the fallback, and the tests' reference. */
export function crc32Table(bytes: Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 of `bytes`, as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array): number {
  if (accelerated) return accelerated(bytes);
  return fromZlib ? fromZlib(bytes) >>> 0 : crc32Table(bytes);
}

// ---- The per-step messages that carry one large tensor (ShardResult.gradient,
// WeightsSnapshot.params) are encoded as two parts: a small head holding
// every other field, then a zero `pad` field, then the tensor field's key and
// length; and the tensor's own bytes, untouched. The parts' concatenation is
// an ordinary protobuf message of the type (the wire allows any field order),
// so any decoder reads it.
//
// Why two parts: a sender hands both to the socket as they are (see
// lib/redis/chunked-command.ts), so no 100 KB+ buffer is allocated and filled
// per message: fresh large buffers drove Node's garbage collector into
// frequent full mark-compacts in every process (seen with --trace-gc).
//
// Why the pad: it puts the tensor's first byte at a multiple of 8 from the
// message's start, so a receiver whose buffer starts 8-aligned (ioredis joins
// a multi-packet reply into a fresh, aligned Buffer) views the tensor in
// place (bytesToArray) instead of copying it.

/** The tensor's offset from the message's start is a multiple of this (float64's size). */
export const TENSOR_ALIGN = 8;

/** Protobuf wire type of length-delimited fields (bytes, strings, messages). */
const LENGTH_DELIMITED = 2;

/** Bytes of `n` as a protobuf varint. */
export function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    len++;
  }
  return len;
}

export interface TensorFields {
  /** Field number of the zero padding (bytes). */
  pad: number;
  /** Field number of the tensor (bytes). */
  tensor: number;
}

/**
 * [head, tensor]: `encodeRest` writes every field but the tensor and the pad
 * into the writer it is given (the generated `Type.encode(message, writer)`).
 */
export function tensorMessageParts(
  encodeRest: (w: $protobuf.Writer) => $protobuf.Writer,
  fields: TensorFields,
  tensor: Uint8Array,
): [Uint8Array, Uint8Array] {
  const w = encodeRest($protobuf.Writer.create());
  const padKey = (fields.pad << 3) | LENGTH_DELIMITED;
  const tensorKey = (fields.tensor << 3) | LENGTH_DELIMITED;
  // The pad's own key and one-byte length, then the tensor's key and length.
  const fixed = w.len + varintLength(padKey) + 1 + varintLength(tensorKey) + varintLength(tensor.byteLength);
  const padBytes = (TENSOR_ALIGN - (fixed % TENSOR_ALIGN)) % TENSOR_ALIGN;
  w.uint32(padKey).bytes(new Uint8Array(padBytes));
  w.uint32(tensorKey).uint32(tensor.byteLength);
  return [w.finish(), tensor];
}

/** The parts joined into one buffer (files, tests, anything not on the hot path). */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

// ---- The fingerprint of a run's result: SHA-256 over the parameter buffer's
// little-endian bytes. Two runs are "the same" exactly when these match.

export function paramsSha256(params: Float): string {
  return sha256Hex(new Uint8Array(params.buffer, params.byteOffset, params.byteLength));
}
