// The on-disk container around a protobuf payload, so a file says what it is
// and whether it is intact before anything tries to decode it:
//
//   offset  size  field
//        0     8  magic: "DPTMODEL" (model) or "DPTCKPT\0" (checkpoint)
//        8     4  format version, uint32 LE (currently 1)
//       12     4  flags, uint32 LE (0; reserved)
//       16     8  payload length, uint64 LE
//       24    32  SHA-256 of the payload
//       56     -  payload (a Model or Checkpoint protobuf message)
import { ModelFileError } from '../errors.js';
import { bytesEqual, sha256, toHex } from './tensor-bytes.js';

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
