// The per-step messages that carry one large tensor (ShardResult.gradient,
// WeightsSnapshot.params) are encoded as two parts: a small head holding
// every other field, then a zero `pad` field, then the tensor field's key and
// length; and the tensor's own bytes, untouched. The parts' concatenation is
// an ordinary protobuf message of the type (the wire allows any field order),
// so any decoder reads it.
//
// Why two parts: a sender hands both to the socket as they are (see
// lib/redis/chunked-command.ts), so no 100 KB+ buffer is allocated and filled
// per message. Fresh large buffers are what drove Node's garbage collector
// into a full mark-compact every ~8 steps in every process (about 0.7 ms of
// CPU per step each, measured with --trace-gc).
//
// Why the pad: it puts the tensor's first byte at a multiple of 8 from the
// message's start, so a receiver whose buffer starts 8-aligned (ioredis joins
// a multi-packet reply into a fresh, aligned Buffer) views the tensor in
// place (bytesToArray) instead of copying it.
import $protobuf from 'protobufjs/minimal.js';

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
