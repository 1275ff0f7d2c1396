// safetensors (huggingface/safetensors, its README's "Format"):
//
//   8 bytes   N, uint64 LE: the header's length
//   N bytes   JSON header, UTF-8, padded with spaces so the data starts at a multiple of 8:
//             {"__metadata__": {"key": "value", ...},
//              "layers.0.weight": {"dtype": "F32", "shape": [32, 784], "data_offsets": [0, 100352]}, ...}
//   the rest  the tensors' bytes, little-endian, row-major; data_offsets are
//             [begin, end) within this part, which they cover without holes
//
// dpt writes the tensors of lib/export/tensors.ts in file order, so the data
// part is the parameter buffer itself, and __metadata__ holds the metadata
// as strings (safetensors allows no other values there).

import type { DType, TrainConfig } from '../config.js';
import { DataFormatError } from '../errors.js';
import type { Float } from '../math/float.js';
import { tensorToBytes } from '../wire/tensors.js';
import type { Model } from '../wire/types.js';
import { exportMetadata, layerTensors, metadataStrings, paramsFromTensors, readInput, shapeSize, type StoredTensor } from './tensors.js';

export const SAFETENSORS_DTYPE: Record<DType, string> = { float32: 'F32', float64: 'F64' };

/** Element sizes of the safetensors dtypes, for checking data_offsets. */
const ITEM_SIZE: Record<string, number> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1, F8_E4M3: 1, F8_E5M2: 1,
};

/** The upstream reader's limit on the header, kept here so a garbage length fails fast. */
const MAX_HEADER_BYTES = 100_000_000;

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** The model as a .safetensors file: [length + header, data]. */
export function encodeSafetensors(model: Model): Uint8Array[] {
  const dtype = SAFETENSORS_DTYPE[model.config.dtype];
  const header: Record<string, HeaderEntry | Record<string, string>> = { __metadata__: metadataStrings(exportMetadata(model)) };
  let offset = 0;
  for (const t of layerTensors(model.config.structure, model.params)) {
    header[t.name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (8 - (json.byteLength % 8)) % 8;
  json = Buffer.concat([json, Buffer.alloc(pad, 0x20)]);
  const head = Buffer.alloc(8 + json.byteLength);
  head.writeBigUInt64LE(BigInt(json.byteLength), 0);
  head.set(json, 8);
  return [head, tensorToBytes(model.params)];
}

export interface Safetensors {
  metadata: Record<string, string>;
  tensors: Map<string, { dtype: string; shape: number[]; bytes: Uint8Array }>;
}

/** Parses and checks a whole safetensors file; `file` names it in errors. */
export function decodeSafetensors(file: string, bytes: Uint8Array): Safetensors {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (reason: string) => new DataFormatError(file, reason);
  if (buf.byteLength < 8) throw bad(`too short to be a safetensors file (${buf.byteLength} bytes)`);
  const n = buf.readBigUInt64LE(0);
  if (n > BigInt(Math.min(MAX_HEADER_BYTES, buf.byteLength - 8))) {
    throw bad(`not a safetensors file, or truncated: its first 8 bytes declare a ${n}-byte header, the file has ${buf.byteLength} bytes`);
  }
  const dataStart = 8 + Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(8, dataStart)));
  } catch {
    throw bad('not a safetensors file: the header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw bad('the safetensors header is not a JSON object');
  const data = buf.subarray(dataStart);
  const out: Safetensors = { metadata: {}, tensors: new Map() };
  const spans: [number, number, string][] = [];
  for (const [name, v] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (typeof v !== 'object' || v === null || Object.values(v).some((s) => typeof s !== 'string')) throw bad('__metadata__ is not a map of strings');
      out.metadata = v as Record<string, string>;
      continue;
    }
    const e = v as Partial<HeaderEntry> | null;
    const isCount = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0;
    if (typeof e?.dtype !== 'string' || !Array.isArray(e.shape) || !e.shape.every(isCount)
      || !Array.isArray(e.data_offsets) || e.data_offsets.length !== 2 || !e.data_offsets.every(isCount)) {
      throw bad(`tensor "${name}": expected {"dtype": string, "shape": [n, ...], "data_offsets": [begin, end]}, got ${JSON.stringify(v)}`);
    }
    const [begin, end] = e.data_offsets;
    if (begin > end || end > data.byteLength) {
      throw bad(`tensor "${name}": data_offsets [${begin}, ${end}] lie outside the ${data.byteLength} data bytes (truncated file?)`);
    }
    const item = ITEM_SIZE[e.dtype];
    if (item !== undefined && end - begin !== shapeSize(e.shape) * item) {
      throw bad(`tensor "${name}": ${e.dtype} of shape [${e.shape.join(', ')}] needs ${shapeSize(e.shape) * item} bytes, data_offsets span ${end - begin}`);
    }
    spans.push([begin, end, name]);
    out.tensors.set(name, { dtype: e.dtype, shape: e.shape, bytes: data.subarray(begin, end) });
  }
  // The data part is covered exactly once, as the format requires: a gap or an overlap means a damaged file.
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  for (const [begin, end, name] of spans) {
    if (begin !== covered) throw bad(`tensor "${name}" starts at byte ${begin} of the data, expected ${covered}: the tensors overlap or leave a gap`);
    covered = end;
  }
  if (covered !== data.byteLength) throw bad(`${data.byteLength - covered} data bytes after the last tensor belong to no tensor`);
  return out;
}

const DTYPE_OF: Record<string, DType> = { F32: 'float32', F64: 'float64' };

/**
 * The parameters stored in the safetensors file at `path`, in dpt's layout
 * for `config` (structure and dtype). Throws DataFormatError naming the
 * tensor and both shapes or types when the file does not fit the config.
 */
export async function readSafetensorsParams(path: string, config: Pick<TrainConfig, 'structure' | 'dtype'>): Promise<Float> {
  return safetensorsParams(path, await readInput(path, 'safetensors'), config);
}

/** As readSafetensorsParams, for the file's bytes already read. */
export function safetensorsParams(path: string, bytes: Uint8Array, config: Pick<TrainConfig, 'structure' | 'dtype'>): Float {
  const { tensors } = decodeSafetensors(path, bytes);
  const stored = new Map<string, StoredTensor>();
  for (const [name, t] of tensors) stored.set(name, { dtype: DTYPE_OF[t.dtype] ?? null, fileType: t.dtype, shape: t.shape, bytes: t.bytes });
  return paramsFromTensors(path, config, stored, (d) => SAFETENSORS_DTYPE[d]);
}
