// The content-addressed dataset store in Redis. The coordinator uploads a
// dataset once, in chunks, keyed by its SHA-256; a later run with the same
// content sends only what Redis does not hold intact. Workers download the
// chunks in one pipelined round trip, verify the hash and keep the dataset in
// memory.
//
// Redis is shared ground, so nothing found there is trusted: every reply of
// an upload is checked (a chunk Redis refused, e.g. out of memory, fails the
// upload); the ref, which tells workers the upload is complete, is written
// only after every chunk is stored; and a dataset found already there is
// verified chunk by chunk before it is reused. The check runs in Redis: a
// script returns the SHA-1 of each stored chunk (redis.sha1hex), which is
// compared with the SHA-1 of our own bytes, so a reused 55 MB dataset costs
// 41 bytes per 4 MB chunk on the wire instead of a download. SHA-1 is fine
// here: forging a chunk would take a second preimage of our fixed bytes, not
// the collision that breaks SHA-1. A chunk that is missing, of another type
// or different is uploaded again.

import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sha256Hex } from '../wire/tensors.js';
import type { Dataset } from '../data/dataset.js';
import { BrokerError, WireError } from '../errors.js';
import { brokerErrorFor } from './connect.js';
import { DatasetKeys } from './keys.js';
import type { DatasetRef } from '../wire/types.js';
import { DATASET_CHUNK_BYTES, decodeDatasetBlob, type EncodedDataset } from '../wire/codecs.js';

/** Unused datasets disappear after a week; every run that uses one renews it. */
const DATASET_TTL_SECONDS = 7 * 24 * 3600;

/** SHA-1 of a stored chunk (nil when missing or not a string), renewing its expiry. One chunk per call keeps Redis busy ~30 ms at most. */
const CHUNK_DIGEST = `
local v = redis.pcall('GET', KEYS[1])
if type(v) ~= 'string' then return false end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return redis.sha1hex(v)`;

/**
 * Makes Redis hold `encoded` intact under its hash: uploads the chunks Redis
 * lacks or holds damaged (all of them the first time), then the ref.
 * Returns whether any bytes were sent. On a failed upload nothing is left
 * that a worker could take for a complete dataset: the ref is deleted, and
 * so are the chunks this call was writing (they were missing or damaged, so
 * no other run relies on them); intact chunks other runs share stay.
 * Throws BrokerError (out of memory, no permission) or the error
 * Redis gave.
 */
export async function uploadDataset(redis: Redis, prefix: string, encoded: EncodedDataset): Promise<boolean> {
  const { ref, blob } = encoded;
  const keys = new DatasetKeys(prefix, ref.sha256);
  const chunks = Array.from({ length: ref.chunks }, (_, i) => {
    const c = blob.subarray(i * DATASET_CHUNK_BYTES, Math.min((i + 1) * DATASET_CHUNK_BYTES, blob.byteLength));
    return Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  });
  let todo = chunks.map((_, i) => i);
  if ((await redis.exists(keys.ref)) === 1) {
    const p = redis.pipeline();
    for (let i = 0; i < chunks.length; i++) p.eval(CHUNK_DIGEST, 1, keys.chunk(i), DATASET_TTL_SECONDS);
    const digests = await replies(redis, p.exec());
    todo = todo.filter((i) => digests[i] !== createHash('sha1').update(chunks[i]).digest('hex'));
  }
  try {
    if (todo.length > 0) {
      const p = redis.pipeline();
      for (const i of todo) p.set(keys.chunk(i), chunks[i], 'EX', DATASET_TTL_SECONDS);
      await replies(redis, p.exec(), ref.bytes);
    }
    // The ref goes last: a reader that sees it knows every chunk is there.
    await replies(redis, redis.pipeline().set(keys.ref, JSON.stringify(ref), 'EX', DATASET_TTL_SECONDS).exec(), ref.bytes);
  } catch (e) {
    if (todo.length > 0) await redis.unlink(keys.ref, ...todo.map((i) => keys.chunk(i))).catch(() => {});
    throw e;
  }
  return todo.length > 0;
}

/**
 * The values of a pipeline's replies, or the first error among them as a
 * BrokerError (out of memory: with the server's maxmemory and the `need`ed
 * bytes; no permission) or as Redis gave it.
 */
async function replies(redis: Redis, exec: Promise<[Error | null, unknown][] | null>, need?: number): Promise<unknown[]> {
  const results = (await exec) ?? [];
  const failed = results.find(([err]) => err);
  if (!failed) return results.map(([, value]) => value);
  const err = failed[0] as Error;
  if (/^OOM\b/.test(err.message)) {
    const info = await redis.info('memory').catch(() => '');
    const field = (name: string) => new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1];
    throw new BrokerError(where(redis), `Redis is out of memory (maxmemory ${field('maxmemory') ?? '?'}, ${field('used_memory') ?? '?'} used)` +
      (need === undefined ? '' : `: the dataset needs ${need} bytes`) + '; raise its maxmemory or free memory');
  }
  throw brokerErrorFor(err, where(redis)) ?? err;
}

/** The server a client talks to, for messages (no credentials). */
function where(redis: Redis): string {
  const o = redis.options;
  return o.path ? `unix://${o.path}` : `redis://${o.host}:${o.port}`;
}

export async function downloadDataset(redis: Redis, prefix: string, ref: DatasetRef): Promise<Dataset> {
  const keys = new DatasetKeys(prefix, ref.sha256);
  const p = redis.pipeline();
  p.exists(keys.ref);
  for (let i = 0; i < ref.chunks; i++) p.getBuffer(keys.chunk(i));
  const replies = (await p.exec()) ?? [];
  const what = `dataset ${ref.name} (${ref.sha256.slice(0, 12)})`;
  const denied = replies.map(([err]) => brokerErrorFor(err, where(redis))).find((e) => e);
  if (denied) throw denied;
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
