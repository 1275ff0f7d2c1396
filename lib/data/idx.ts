// The IDX file format (MNIST and friends): two zero bytes, a dtype byte, a
// dims-count byte, that many big-endian uint32 dims, then the data, also
// big-endian. We decode into native typed arrays once, at load time, so
// nothing downstream has to think about byte order.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataFormatError } from '../errors.js';
import type { InputArray } from '../math/float.js';

export type IdxDtype = 'ubyte' | 'sbyte' | 'int16' | 'int32' | 'float32' | 'float64';

export interface IdxArray {
  readonly dtype: IdxDtype;
  /** Dims as stored, outermost (sample count) first. */
  readonly dims: number[];
  /** Row-major, native endian, length = product of dims. */
  readonly data: InputArray;
}

interface DtypeInfo {
  readonly name: IdxDtype;
  readonly size: number;
  /** Copies `n` elements starting at `offset` out of `bytes`, so the result owns its buffer. */
  readonly decode: (bytes: Uint8Array, offset: number, n: number) => InputArray;
}

// Multi-byte types go through DataView, which reads big-endian whatever the
// host's byte order is.
function bigEndian(size: number, alloc: (n: number) => InputArray, read: (v: DataView, at: number) => number) {
  return (bytes: Uint8Array, offset: number, n: number): InputArray => {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, n * size);
    const out = alloc(n);
    for (let i = 0; i < n; i++) out[i] = read(view, i * size);
    return out;
  };
}

const DTYPES: Record<number, DtypeInfo> = {
  0x08: { name: 'ubyte', size: 1, decode: (b, o, n) => new Uint8Array(b.subarray(o, o + n)) },
  0x09: { name: 'sbyte', size: 1, decode: (b, o, n) => new Int8Array(b.buffer, b.byteOffset + o, n).slice() },
  0x0b: { name: 'int16', size: 2, decode: bigEndian(2, (n) => new Int16Array(n), (v, at) => v.getInt16(at)) },
  0x0c: { name: 'int32', size: 4, decode: bigEndian(4, (n) => new Int32Array(n), (v, at) => v.getInt32(at)) },
  0x0d: { name: 'float32', size: 4, decode: bigEndian(4, (n) => new Float32Array(n), (v, at) => v.getFloat32(at)) },
  0x0e: { name: 'float64', size: 8, decode: bigEndian(8, (n) => new Float64Array(n), (v, at) => v.getFloat64(at)) },
};

const hex = (b: number) => '0x' + b.toString(16).padStart(2, '0');

/** Decodes an uncompressed IDX file; `file` only names it in errors. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const fail = (reason: string): never => {
    throw new DataFormatError(file, reason);
  };
  if (bytes.length < 4) fail(`too short for an IDX header: expected at least 4 bytes, got ${bytes.length}`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    fail(`bad IDX magic: first two bytes are ${hex(bytes[0])} ${hex(bytes[1])}, expected 0x00 0x00`);
  }
  const info = DTYPES[bytes[2]] ?? fail(`unknown IDX dtype byte ${hex(bytes[2])} (expected 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)`);
  const ndims = bytes[3];
  if (ndims < 1) fail('IDX header declares 0 dims, expected at least 1');

  const headerSize = 4 + 4 * ndims;
  if (bytes.length < headerSize) {
    fail(`truncated IDX header: ${ndims} dims need ${headerSize} bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerSize);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i));
  // A zero dim would make an empty dataset (or divide-by-zero later); no
  // real IDX file has one, so it is far more likely to be corruption.
  const zero = dims.indexOf(0);
  if (zero >= 0) fail(`dim ${zero} is 0 (dims [${dims.join(', ')}])`);

  const count = dims.reduce((a, b) => a * b, 1);
  const expected = headerSize + count * info.size;
  // Corrupt dims can describe more bytes than a double counts exactly; say so
  // rather than print a rounded byte count.
  if (!Number.isSafeInteger(expected)) fail(`dims [${dims.join(', ')}] describe an impossibly large file`);
  if (bytes.length < expected) {
    fail(`truncated: dims [${dims.join(', ')}] of ${info.name} need ${expected} bytes, got ${bytes.length}`);
  }
  if (bytes.length > expected) {
    fail(`${bytes.length - expected} trailing bytes: dims [${dims.join(', ')}] of ${info.name} need ${expected} bytes, got ${bytes.length}`);
  }
  return { dtype: info.name, dims, data: info.decode(bytes, headerSize, count) };
}

/** Reads an IDX file, gunzipping it first if it starts with the gzip magic (whatever its name). */
export function readIdxFile(path: string): IdxArray {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataFormatError(path, code === 'ENOENT' ? 'file not found' : `cannot read: ${(err as Error).message}`);
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new DataFormatError(path, `corrupt gzip data: ${(err as Error).message}`);
    }
  }
  return parseIdx(bytes, path);
}
