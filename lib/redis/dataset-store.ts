// The content-addressed dataset store in Redis. The coordinator uploads a
// dataset once, in chunks, keyed by its SHA-256; any later run with the same
// content uploads nothing. Workers download the chunks in one pipelined round
// trip, verify the hash and keep the dataset in memory.

import { sha256Hex } from '../wire/tensors.js';
import type { Redis } from 'ioredis';
import type { Dataset } from '../data/dataset.js';
import { WireError } from '../errors.js';
import { DatasetKeys } from './keys.js';
import type { DatasetRef } from '../wire/types.js';
import { DATASET_CHUNK_BYTES, decodeDatasetBlob, type EncodedDataset } from '../wire/codecs.js';

/** Unused datasets disappear after a week; every run that uses one renews it. */
const DATASET_TTL_SECONDS = 7 * 24 * 3600;

/** Uploads the dataset unless Redis already holds it; returns whether bytes were sent. */
export async function uploadDataset(redis: Redis, prefix: string, encoded: EncodedDataset): Promise<boolean> {
  const { ref, blob } = encoded;
  const keys = new DatasetKeys(prefix, ref.sha256);
  const present = (await redis.exists(keys.ref)) === 1;
  const p = redis.pipeline();
  for (let i = 0; i < ref.chunks; i++) {
    if (!present) {
      const chunk = blob.subarray(i * DATASET_CHUNK_BYTES, Math.min((i + 1) * DATASET_CHUNK_BYTES, blob.byteLength));
      p.set(keys.chunk(i), Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), 'EX', DATASET_TTL_SECONDS);
    } else {
      p.expire(keys.chunk(i), DATASET_TTL_SECONDS);
    }
  }
  // The ref goes last: a reader that sees it knows every chunk is there.
  p.set(keys.ref, JSON.stringify(ref), 'EX', DATASET_TTL_SECONDS);
  await p.exec();
  return !present;
}

export async function downloadDataset(redis: Redis, prefix: string, ref: DatasetRef): Promise<Dataset> {
  const keys = new DatasetKeys(prefix, ref.sha256);
  const p = redis.pipeline();
  p.exists(keys.ref);
  for (let i = 0; i < ref.chunks; i++) p.getBuffer(keys.chunk(i));
  const replies = (await p.exec()) ?? [];
  const what = `dataset ${ref.name} (${ref.sha256.slice(0, 12)})`;
  if (replies[0]?.[1] !== 1) throw new WireError(what, 'not in Redis (expired or never uploaded); restart the coordinator to upload it again');
  const chunks: Buffer[] = [];
  for (let i = 1; i < replies.length; i++) {
    const [err, value] = replies[i];
    if (err || !Buffer.isBuffer(value)) throw new WireError(what, `chunk ${i - 1} is missing`);
    chunks.push(value);
  }
  const blob = Buffer.concat(chunks);
  return verifiedDataset(blob, ref, what);
}

/** Decodes a blob after checking its size and SHA-256 against the run's DatasetRef. */
function verifiedDataset(blob: Uint8Array, ref: DatasetRef, what: string): Dataset {
  if (blob.byteLength !== ref.bytes) throw new WireError(what, `${blob.byteLength} bytes, expected ${ref.bytes}`);
  const sha = sha256Hex(blob);
  if (sha !== ref.sha256) throw new WireError(what, `content hashes to ${sha}, expected ${ref.sha256}`);
  return { ...decodeDatasetBlob(blob), name: ref.name };
}
