// CRC-32 (IEEE 802.3, the zlib/PNG/gzip polynomial) of the tensors in the
// per-step messages. It guards against a truncated, mixed-up or damaged
// blob between processes, which is all a checksum on a trusted link is for
// (authenticity is Redis AUTH/TLS's job). It replaced SHA-256 there: at 100
// KB per message, SHA-256 cost ~50 us per hash and 7 hashes per step
// (encode and decode of the weights and of every gradient); zlib's CRC-32
// costs ~15-28 us, and the native addon's PCLMULQDQ folding ~7 us, when
// lib/accel hands it over (useCrc32). Content addresses (datasets, model
// files) keep SHA-256.
import * as zlib from 'node:zlib';

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
