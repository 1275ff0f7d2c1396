// Saved models and checkpoints on disk. A file is a Model or Checkpoint
// message inside a checked container, so it says what it is and whether it
// is intact before anything tries to decode it:
//
//   offset  size  field
//        0     8  magic: "DPTMODEL" (model) or "DPTCKPT\0" (checkpoint)
//        8     4  format version, uint32 LE (currently 1)
//       12     4  flags, uint32 LE (0; reserved)
//       16     8  payload length, uint64 LE
//       24    32  SHA-256 of the payload
//       56     -  payload (a Model or Checkpoint protobuf message)
//
// Files are written atomically. Reading fails with ModelFileError(path,
// reason) for anything that is not a complete, intact, decodable file of the
// right kind, including params whose length does not match the config's
// structure and dtype.

import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ModelFileError, WireError } from '../errors.js';
import { decodeCheckpoint, decodeModel, encodeCheckpoint, encodeModel } from './codecs.js';
import { errorMessage } from './fields.js';
import { bytesEqual, sha256, toHex } from './tensors.js';
import type { Checkpoint, Model } from './types.js';

export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 56;

export type FileKind = 'model' | 'checkpoint';

const MAGIC: Record<FileKind, Uint8Array> = {
  model: new TextEncoder().encode('DPTMODEL'),
  checkpoint: new TextEncoder().encode('DPTCKPT\0'),
};

const DESCRIBE: Record<FileKind, string> = {
  model: 'a dpt model file',
  checkpoint: 'a dpt checkpoint file',
};

/** Header + payload, ready to be written as one file. */
export function frame(kind: FileKind, payload: Uint8Array): Uint8Array[] {
  const header = Buffer.alloc(HEADER_BYTES);
  header.set(MAGIC[kind], 0);
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeUInt32LE(0, 12);
  header.writeBigUInt64LE(BigInt(payload.byteLength), 16);
  header.set(sha256(payload), 24);
  return [header, payload];
}

/** Says what a file that is not `kind` looks like, so the error points at the real mistake. */
function describeMagic(head: Uint8Array, kind: FileKind): string {
  for (const other of Object.keys(MAGIC) as FileKind[]) {
    if (other !== kind && bytesEqual(head.subarray(0, 8), MAGIC[other])) {
      return `this is ${DESCRIBE[other]}, not ${DESCRIBE[kind]}`;
    }
  }
  const text = Buffer.from(head.subarray(0, 8)).toString('latin1');
  let looks = 'unrecognized content';
  if (/^\s*[[{]/.test(text)) looks = 'looks like JSON';
  else if (head[0] === 0x1f && head[1] === 0x8b) looks = 'looks like gzip';
  else if (text.startsWith('PK')) looks = 'looks like a zip archive';
  return `not ${DESCRIBE[kind]}: starts with ${JSON.stringify(text)} (hex ${toHex(head.subarray(0, 8))}), ${looks}`;
}

/**
 * Checks the header of `bytes` (the whole file at `path`) and returns the
 * payload. Every failure is a ModelFileError saying what is wrong.
 */
export function unframe(path: string, bytes: Uint8Array, kind: FileKind): Uint8Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.byteLength < MAGIC[kind].byteLength) {
    throw new ModelFileError(path, `too short to be ${DESCRIBE[kind]} (${buf.byteLength} bytes)`);
  }
  if (!bytesEqual(buf.subarray(0, 8), MAGIC[kind])) throw new ModelFileError(path, describeMagic(buf, kind));
  if (buf.byteLength < HEADER_BYTES) {
    throw new ModelFileError(path, `truncated: ${buf.byteLength} bytes, shorter than the ${HEADER_BYTES}-byte header`);
  }
  const version = buf.readUInt32LE(8);
  if (version !== FORMAT_VERSION) {
    const hint = version > FORMAT_VERSION ? ' (written by a newer dpt?)' : '';
    throw new ModelFileError(path, `format version ${version} is not supported; this dpt reads version ${FORMAT_VERSION}${hint}`);
  }
  const flags = buf.readUInt32LE(12);
  if (flags !== 0) throw new ModelFileError(path, `unknown header flags 0x${flags.toString(16)} (written by a newer dpt?)`);
  const declared = buf.readBigUInt64LE(16);
  const actual = BigInt(buf.byteLength - HEADER_BYTES);
  if (declared > actual) {
    throw new ModelFileError(path, `truncated: header declares a ${declared}-byte payload but only ${actual} bytes follow`);
  }
  if (declared < actual) {
    throw new ModelFileError(path, `${actual - declared} unexpected trailing bytes after the ${declared}-byte payload`);
  }
  const payload = buf.subarray(HEADER_BYTES);
  const digest = sha256(payload);
  if (!bytesEqual(digest, buf.subarray(24, HEADER_BYTES))) {
    throw new ModelFileError(
      path,
      `checksum mismatch: payload is corrupt (header sha256 ${toHex(buf.subarray(24, HEADER_BYTES))}, payload hashes to ${toHex(digest)})`,
    );
  }
  return payload;
}

// ---- Reading and writing model and checkpoint files.

/** Encodes first, so an invalid model throws (WireError) before the file at `path` is touched. */
async function writeKind(path: string, kind: FileKind, payload: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, frame(kind, payload));
  } catch (e) {
    throw new ModelFileError(path, `cannot write ${kind} file: ${errorMessage(e)}`);
  }
}

async function readKind<T>(path: string, kind: FileKind, decode: (payload: Uint8Array) => T): Promise<T> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelFileError(path, code === 'ENOENT' ? `no such ${kind} file` : `cannot read ${kind} file: ${errorMessage(e)}`);
  }
  const payload = unframe(path, bytes, kind);
  try {
    return decode(payload);
  } catch (e) {
    if (e instanceof WireError) throw new ModelFileError(path, `undecodable ${kind} payload: ${e.message}`);
    throw e;
  }
}

export async function writeModelFile(path: string, model: Model): Promise<void> {
  await writeKind(path, 'model', encodeModel(model));
}

export async function readModelFile(path: string): Promise<Model> {
  return readKind(path, 'model', decodeModel);
}

export async function writeCheckpointFile(path: string, ckpt: Checkpoint): Promise<void> {
  await writeKind(path, 'checkpoint', encodeCheckpoint(ckpt));
}

export async function readCheckpointFile(path: string): Promise<Checkpoint> {
  return readKind(path, 'checkpoint', decodeCheckpoint);
}

// ---- Atomic writes: replace a file so that readers (and a crash) see either the old content or
// the complete new content, never a prefix: write a sibling temp file, fsync
// it, rename over the target (atomic within a filesystem), then fsync the
// directory so the rename itself survives a power loss.

function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}`;
}

export async function writeFileAtomic(path: string, chunks: readonly Uint8Array[]): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    const fh = await open(tmp, 'w');
    try {
      // writeFile (not write) loops until every byte is written.
      for (const c of chunks) await fh.writeFile(c);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dirname(path));
}

async function syncDir(dir: string): Promise<void> {
  // Best effort: some platforms/filesystems refuse to open or fsync a
  // directory; the file content is already safe either way.
  try {
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    /* ignored on purpose, see above */
  }
}
