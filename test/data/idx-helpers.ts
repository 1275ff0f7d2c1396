// Builds IDX files for tests, independently of lib/data/idx.ts so a bug in
// the reader cannot cancel out against the same bug in a shared writer.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { DataFormatError } from '../../lib/errors.js';
import { tempDir as testTempDir } from '../helpers/temp-files.js';

const WRITERS: Record<number, [number, (v: DataView, at: number, x: number) => void]> = {
  0x08: [1, (v, at, x) => v.setUint8(at, x)],
  0x09: [1, (v, at, x) => v.setInt8(at, x)],
  0x0b: [2, (v, at, x) => v.setInt16(at, x)],
  0x0c: [4, (v, at, x) => v.setInt32(at, x)],
  0x0d: [4, (v, at, x) => v.setFloat32(at, x)],
  0x0e: [8, (v, at, x) => v.setFloat64(at, x)],
};

/** An IDX file with the given dtype byte, dims and values (big-endian, as the format says). */
export function encodeIdx(dtype: number, dims: number[], values: ArrayLike<number>): Uint8Array {
  const [size, write] = WRITERS[dtype];
  const header = 4 + 4 * dims.length;
  const bytes = new Uint8Array(header + values.length * size);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, dtype, dims.length]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  for (let i = 0; i < values.length; i++) write(view, header + i * size, values[i]);
  return bytes;
}

/** A folder for the test file's IDX files, removed when the file ends. */
export const tempDir = () => testTempDir('data');

/** Writes `bytes` (gzipped when asked) to dir/name and returns the path. */
export function writeFile(dir: string, name: string, bytes: Uint8Array, gzip = false): string {
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
  return path;
}

/** Asserts `fn` throws a DataFormatError for `file` whose reason matches `reason`. */
export function expectDataError(fn: () => unknown, file: string, reason: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DataFormatError);
  const err = caught as DataFormatError;
  expect(err.file).toBe(file);
  expect(err.reason).toMatch(reason);
  expect(err.message).toContain(file);
}
