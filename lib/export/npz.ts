// NumPy's .npz: a zip archive of .npy files, one per array, which
// `np.load(f)` opens without pickle. dpt writes one `{name}.npy` per tensor
// (lib/export/tensors.ts) and `metadata.npy`, a 1-D uint8 array holding the
// metadata as UTF-8 JSON:
//
//   f = np.load('model.npz'); W0 = f['layers.0.weight']
//   meta = json.loads(f['metadata'].tobytes())
//
// .npy (numpy.lib.format, version 1.0): the magic "\x93NUMPY", version 1 0,
// a uint16 LE header length, an ASCII Python dict literal
//   {'descr': '<f4', 'fortran_order': False, 'shape': (32, 784), }
// padded with spaces and ended by '\n' so the data starts at a multiple of
// 64, then the elements, little-endian, row-major.
//
// The zip is the plainest one (PKWARE APPNOTE 4.3): STORED entries with
// CRC-32 and sizes in the local headers, a central directory, no zip64 (dpt's
// parameters stay far below 4 GB), every timestamp 1980-01-01 00:00, so one
// model always exports to the same bytes.
//
// The reader takes what numpy writes too: np.savez (zip64 local headers),
// np.savez_compressed (deflate), .npy versions 1 to 3 and Fortran-order
// arrays; every entry's CRC-32 is checked.

import { inflateRawSync } from 'node:zlib';
import type { DType, TrainConfig } from '../config.js';
import { DataFormatError } from '../errors.js';
import type { Float } from '../math/float.js';
import { errorMessage } from '../wire/fields.js';
import { crc32, joinParts, tensorToBytes } from '../wire/tensors.js';
import type { Model } from '../wire/types.js';
import { exportMetadata, layerTensors, paramsFromTensors, readInput, shapeSize, type StoredTensor } from './tensors.js';

/** The .npy descr of each dtype: little-endian floats. */
export const NPY_DESCR: Record<DType, string> = { float32: '<f4', float64: '<f8' };

/** The zip entries of the model's .npz, in order: the tensors, then metadata. */
export function encodeNpz(model: Model): Uint8Array[] {
  const descr = NPY_DESCR[model.config.dtype];
  const entries = layerTensors(model.config.structure, model.params).map((t) => ({
    name: `${t.name}.npy`,
    data: joinParts([npyHeader(descr, t.shape), tensorToBytes(t.data)]),
  }));
  const meta = new TextEncoder().encode(JSON.stringify(exportMetadata(model)));
  entries.push({ name: 'metadata.npy', data: joinParts([npyHeader('|u1', [meta.byteLength]), meta]) });
  return zipStored(entries);
}

// ---- .npy

const NPY_MAGIC = '\x93NUMPY';
const NPY_ALIGN = 64;

/** The .npy v1.0 header of an array of `shape` and type `descr`, data 64-aligned. */
export function npyHeader(descr: string, shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${dims}, }`;
  const fixed = NPY_MAGIC.length + 4; // magic, version (2 bytes), header length (uint16)
  const pad = (NPY_ALIGN - ((fixed + dict.length + 1) % NPY_ALIGN)) % NPY_ALIGN;
  const text = `${dict}${' '.repeat(pad)}\n`;
  const out = Buffer.alloc(fixed + text.length);
  out.write(NPY_MAGIC, 0, 'latin1');
  out[6] = 1;
  out[7] = 0;
  out.writeUInt16LE(text.length, 8);
  out.write(text, fixed, 'latin1');
  return out;
}

export interface NpyArray {
  /** numpy's type string: '<f4', '<f8', '|u1', ... */
  descr: string;
  shape: number[];
  /** Elements in row-major order (a Fortran-order array is transposed on reading). */
  bytes: Uint8Array;
}

const ITEM_SIZE: Record<string, number> = { '<f4': 4, '<f8': 8, '|u1': 1, '<u1': 1, '|i1': 1, '<i4': 4, '<i8': 8 };

/** Parses one .npy file; `what` names it in errors (file and entry). */
export function parseNpy(what: string, npy: Uint8Array): NpyArray {
  const buf = Buffer.from(npy.buffer, npy.byteOffset, npy.byteLength);
  if (buf.byteLength < 10 || buf.toString('latin1', 0, 6) !== NPY_MAGIC) throw new DataFormatError(what, 'not a .npy array (no \\x93NUMPY magic)');
  const major = buf[6];
  if (major < 1 || major > 3) throw new DataFormatError(what, `.npy format version ${major}.${buf[7]} is not supported (1.0 to 3.0 are)`);
  const lenBytes = major === 1 ? 2 : 4;
  if (buf.byteLength < 8 + lenBytes) throw new DataFormatError(what, 'truncated .npy header');
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = 8 + lenBytes + headerLen;
  if (start > buf.byteLength) throw new DataFormatError(what, `truncated .npy header (${headerLen} bytes declared)`);
  const header = buf.toString(major === 3 ? 'utf8' : 'latin1', 8 + lenBytes, start);
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  const dims = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || dims === undefined) {
    throw new DataFormatError(what, `unreadable .npy header ${JSON.stringify(header.trim())}`);
  }
  const shape = dims.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  if (shape.some((n) => !Number.isSafeInteger(n))) throw new DataFormatError(what, `bad shape (${dims}) in the .npy header`);
  const item = ITEM_SIZE[descr];
  let bytes = npy.subarray(start);
  if (item !== undefined) {
    const want = shapeSize(shape) * item;
    if (bytes.byteLength !== want) {
      throw new DataFormatError(what, `.npy data of shape (${shape.join(', ')}) and type ${descr} should be ${want} bytes, found ${bytes.byteLength}`);
    }
    if (fortran === 'True' && shape.length > 1) bytes = fortranToRowMajor(bytes, shape, item);
  }
  return { descr, shape, bytes };
}

/** Reorders column-major (Fortran) elements into row-major (C) order. */
function fortranToRowMajor(bytes: Uint8Array, shape: readonly number[], item: number): Uint8Array {
  const out = new Uint8Array(bytes.byteLength);
  const n = shapeSize(shape);
  const index = new Array<number>(shape.length).fill(0); // row-major multi-index of element i
  for (let i = 0; i < n; i++) {
    let f = 0; // its Fortran offset: the first index varies fastest
    for (let d = shape.length - 1; d >= 0; d--) f = f * shape[d] + index[d];
    out.set(bytes.subarray(f * item, f * item + item), i * item);
    for (let d = shape.length - 1; d >= 0 && ++index[d] === shape[d]; d--) index[d] = 0;
  }
  return out;
}

// ---- zip, STORED

interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const ZIP_VERSION = 20; // 2.0: what STORED entries with plain sizes need
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const U32_LIMIT = 0xffffffff;

/** A zip archive of STORED entries, as the chunks of one file. */
export function zipStored(entries: readonly ZipEntry[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    if (offset + 30 + nameBytes.byteLength + data.byteLength >= U32_LIMIT) throw new RangeError(`${name}: a zip without zip64 holds at most 4 GB`);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(ZIP_VERSION, 4);
    // flags (6), method (8: 0 = STORED) and time (10) stay 0
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.byteLength, 18); // compressed size
    local.writeUInt32LE(data.byteLength, 22); // uncompressed size
    local.writeUInt16LE(nameBytes.byteLength, 26);
    // extra field length (28) stays 0
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(SIG_CENTRAL, 0);
    dir.writeUInt16LE(ZIP_VERSION, 4); // made by: 2.0, MS-DOS attributes
    dir.writeUInt16LE(ZIP_VERSION, 6); // needed to extract
    dir.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.byteLength, 20);
    dir.writeUInt32LE(data.byteLength, 24);
    dir.writeUInt16LE(nameBytes.byteLength, 28);
    // extra, comment, disk, internal and external attributes (30..41) stay 0
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, data);
    central.push(dir, nameBytes);
    offset += local.byteLength + nameBytes.byteLength + data.byteLength;
  }
  if (entries.length > 0xffff) throw new RangeError('a zip without zip64 holds at most 65535 entries');
  const dirSize = central.reduce((n, c) => n + c.byteLength, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in all
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return [...chunks, ...central, end];
}

/**
 * The entries of a zip archive, by name, checked against their CRC-32.
 * STORED and deflated entries; `file` names the archive in errors.
 */
export function unzip(file: string, zip: Uint8Array): Map<string, Uint8Array> {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const bad = (reason: string) => new DataFormatError(file, reason);
  // The end record is the last 22 bytes, unless an archive comment (up to 64 KB) follows it.
  let end = -1;
  for (let at = buf.byteLength - 22; at >= Math.max(0, buf.byteLength - 22 - 0xffff); at--) {
    if (buf.readUInt32LE(at) === SIG_END) {
      end = at;
      break;
    }
  }
  if (end < 0) {
    const looks = buf.byteLength >= 6 && buf.toString('latin1', 0, 6) === NPY_MAGIC ? ': this is a single .npy array, not an .npz archive' : '';
    throw bad(`not a zip archive (.npz): no end of central directory record${looks}`);
  }
  const count = buf.readUInt16LE(end + 10);
  const dirSize = buf.readUInt32LE(end + 12);
  let at = buf.readUInt32LE(end + 16);
  if (count === 0xffff || dirSize === U32_LIMIT || at === U32_LIMIT) throw bad('zip64 archives (over 4 GB or 65535 entries) are not supported');
  if (at + dirSize > end) throw bad('truncated or corrupt zip: the central directory lies outside the file');
  const entries = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== SIG_CENTRAL) throw bad(`corrupt zip: central directory entry ${i} is damaged`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    let size = buf.readUInt32LE(at + 20);
    let rawSize = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    let offset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    // zip64 extra field (id 1): 8-byte values for whichever of the three above read 0xffffffff, in this order.
    const extra = buf.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen);
    for (let e = 0; e + 4 <= extra.byteLength; e += 4 + extra.readUInt16LE(e + 2)) {
      if (extra.readUInt16LE(e) !== 1) continue;
      let v = e + 4;
      const next = () => {
        if (v + 8 > e + 4 + extra.readUInt16LE(e + 2) || v + 8 > extra.byteLength) throw bad(`corrupt zip: the zip64 field of ${name} is too short`);
        const n = Number(extra.readBigUInt64LE(v));
        v += 8;
        return n;
      };
      if (rawSize === U32_LIMIT) rawSize = next();
      if (size === U32_LIMIT) size = next();
      if (offset === U32_LIMIT) offset = next();
    }
    at += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw bad(`zip entry ${name} is encrypted`);
    if (method !== 0 && method !== 8) throw bad(`zip entry ${name} uses compression method ${method}; only stored (0) and deflate (8) are supported`);
    if (offset + 30 > buf.byteLength || buf.readUInt32LE(offset) !== SIG_LOCAL) throw bad(`corrupt zip: the local header of ${name} is missing`);
    const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    if (start + size > buf.byteLength) throw bad(`truncated zip: entry ${name} runs past the end of the file`);
    let data: Uint8Array = buf.subarray(start, start + size);
    if (method === 8) {
      try {
        data = inflateRawSync(data, { maxOutputLength: Math.max(1, rawSize) });
      } catch (e) {
        throw bad(`zip entry ${name} does not inflate: ${errorMessage(e)}`);
      }
    }
    if (data.byteLength !== rawSize) throw bad(`zip entry ${name} holds ${data.byteLength} bytes, its header says ${rawSize}`);
    if (crc32(data) !== crc) throw bad(`zip entry ${name} is corrupt (CRC-32 mismatch)`);
    entries.set(name, data);
  }
  return entries;
}

// ---- Reading an .npz back

/** The arrays of an .npz archive by name (entry name without `.npy`). */
export function decodeNpz(file: string, bytes: Uint8Array): Map<string, NpyArray> {
  const arrays = new Map<string, NpyArray>();
  for (const [entry, data] of unzip(file, bytes)) {
    if (entry.endsWith('.npy')) arrays.set(entry.slice(0, -4), parseNpy(`${file}: ${entry}`, data));
  }
  return arrays;
}

const DTYPE_OF_DESCR: Record<string, DType> = { '<f4': 'float32', '<f8': 'float64' };

/**
 * The parameters stored in the .npz at `path`, in dpt's layout for `config`
 * (structure and dtype). Throws DataFormatError naming the tensor and both
 * shapes or types when the file does not fit the config.
 */
export async function readNpzParams(path: string, config: Pick<TrainConfig, 'structure' | 'dtype'>): Promise<Float> {
  return npzParams(path, await readInput(path, '.npz'), config);
}

/** As readNpzParams, for the file's bytes already read. */
export function npzParams(path: string, bytes: Uint8Array, config: Pick<TrainConfig, 'structure' | 'dtype'>): Float {
  const arrays = decodeNpz(path, bytes);
  const tensors = new Map<string, StoredTensor>();
  for (const [name, a] of arrays) {
    if (name !== 'metadata') tensors.set(name, { dtype: DTYPE_OF_DESCR[a.descr] ?? null, fileType: a.descr, shape: a.shape, bytes: a.bytes });
  }
  return paramsFromTensors(path, config, tensors, (d) => NPY_DESCR[d]);
}
