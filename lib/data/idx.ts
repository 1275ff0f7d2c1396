// The IDX file format (MNIST and friends): two zero bytes, a dtype byte, a
// dims-count byte, that many big-endian uint32 dims, then the data, also
// big-endian. We decode into native typed arrays once, at load time, so
// nothing downstream has to think about byte order.

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { constants as zlib, gunzipSync } from 'node:zlib';
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

/** The largest IDX file dpt reads (decompressed): EMNIST ByClass's 547 MB of images fit four times over. */
export const MAX_IDX_BYTES = 2 * 1024 ** 3;

interface IdxHeader {
  info: DtypeInfo;
  dims: number[];
  headerSize: number;
  /** Header + data: the exact size of the file the header describes. */
  expected: number;
}

/** Reads and checks the header at the start of `bytes`; throws DataFormatError naming `file`. */
function parseHeader(bytes: Uint8Array, file: string): IdxHeader {
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
  return { info, dims, headerSize, expected };
}

/** Decodes an uncompressed IDX file; `file` only names it in errors. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const fail = (reason: string): never => {
    throw new DataFormatError(file, reason);
  };
  const { info, dims, headerSize, expected } = parseHeader(bytes, file);
  const count = (expected - headerSize) / info.size;
  if (bytes.length < expected) {
    fail(`truncated: dims [${dims.join(', ')}] of ${info.name} need ${expected} bytes, got ${bytes.length}`);
  }
  if (bytes.length > expected) {
    fail(`${bytes.length - expected} trailing bytes: dims [${dims.join(', ')}] of ${info.name} need ${expected} bytes, got ${bytes.length}`);
  }
  return { dtype: info.name, dims, data: info.decode(bytes, headerSize, count) };
}

/**
 * Reads an IDX file, gunzipping it first if it starts with the gzip magic
 * (whatever its name). Its header says exactly how big the file is, so
 * nothing larger is ever read or inflated: a header describing more than
 * `maxBytes` is refused before the data is touched, and a gzip stream that
 * inflates past what its header describes (a gzip bomb: megabytes that
 * inflate to gigabytes) is cut off there.
 */
export function readIdxFile(path: string, maxBytes = MAX_IDX_BYTES): IdxArray {
  let bytes: Uint8Array;
  try {
    bytes = readWithin(path, maxBytes);
  } catch (err) {
    if (err instanceof DataFormatError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataFormatError(path, code === 'ENOENT' ? 'file not found' : `cannot read: ${(err as Error).message}`);
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = inflateWithin(bytes, path, maxBytes);
  return parseIdx(bytes, path);
}

function tooBig(path: string, h: IdxHeader, maxBytes: number): DataFormatError {
  return new DataFormatError(path, `its header (dims [${h.dims.join(', ')}] of ${h.info.name}) describes ${h.expected} bytes, ` +
    `more than the ${maxBytes} bytes dpt reads from one IDX file`);
}

/** The whole file, once its header (or its gzip magic) has shown it is not larger than it may be. */
function readWithin(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, 4 + 4 * 255));
    readSync(fd, head, 0, head.length, 0);
    const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    if (!gzip) {
      const h = parseHeader(head, path);
      if (h.expected > maxBytes) throw tooBig(path, h, maxBytes);
      if (size > h.expected) {
        throw new DataFormatError(path, `${size - h.expected} trailing bytes: dims [${h.dims.join(', ')}] of ${h.info.name} need ${h.expected} bytes, got ${size}`);
      }
    }
    if (gzip && size > maxBytes) throw new DataFormatError(path, `${size} bytes of gzip data, more than the ${maxBytes} bytes dpt reads from one IDX file`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Compressed bytes within which the IDX header must come out (a gzip header's optional file name and comment come first). */
const GZIP_HEADER_WINDOW = 64 * 1024;

/** Inflates a gzipped IDX file: the header first, then exactly the bytes it describes and not one more. */
function inflateWithin(gz: Uint8Array, path: string, maxBytes: number): Uint8Array {
  const inflate = (input: Uint8Array, limit: number, partial: boolean): Buffer => gunzipSync(input, {
    maxOutputLength: limit,
    // A prefix of the stream ends mid-block: return what it inflates to.
    ...(partial ? { finishFlush: zlib.Z_SYNC_FLUSH } : {}),
  });
  let h: IdxHeader | undefined;
  try {
    // The IDX header is at most 1,024 bytes: inflate growing prefixes of the
    // stream until it is out. Deflate expands at most ~1,032 times, so a
    // prefix of n bytes inflates to at most ~1 MB per KB: bounded however
    // the rest of the stream inflates.
    for (let n = 256; ; n *= 4) {
      const prefix = gz.subarray(0, Math.min(n, gz.length, GZIP_HEADER_WINDOW));
      const head = inflate(prefix, 1100 * GZIP_HEADER_WINDOW, true);
      if ((head.length >= 4 && head.length >= 4 + 4 * head[3]) || prefix.length === gz.length || prefix.length === GZIP_HEADER_WINDOW) {
        h = parseHeader(head, path);
        break;
      }
    }
  } catch (err) {
    if (err instanceof DataFormatError) throw err;
    throw new DataFormatError(path, `corrupt gzip data: ${(err as Error).message}`);
  }
  if (h.expected > maxBytes) throw tooBig(path, h, maxBytes);
  try {
    return inflate(gz, h.expected, false);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DataFormatError(path, `inflates to more than the ${h.expected} bytes its header (dims [${h.dims.join(', ')}] of ${h.info.name}) ` +
        `describes (${gz.length} bytes of gzip data): trailing data, or a gzip bomb; refused`);
    }
    throw new DataFormatError(path, `corrupt gzip data: ${(err as Error).message}`);
  }
}
