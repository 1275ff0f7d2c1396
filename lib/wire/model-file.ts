// Saved models and checkpoints on disk: a Model/Checkpoint message inside the
// checked container of file-container.ts, written atomically. Reading fails
// with ModelFileError(path, reason) for anything that is not a complete,
// intact, decodable file of the right kind, including params whose length
// does not match the config's structure and dtype.
import { readFile } from 'node:fs/promises';
import { ModelFileError, WireError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { decodeCheckpoint, decodeModel, encodeCheckpoint, encodeModel } from './codecs.js';
import { errorMessage } from './field-checks.js';
import { frame, unframe, type FileKind } from './file-container.js';
import type { Checkpoint, Model } from './types.js';

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
