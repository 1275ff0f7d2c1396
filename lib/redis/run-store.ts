// A run's public state in Redis: its spec (all a worker needs to join), its
// status, and its membership in the set of active runs that workers started
// without --run-id choose from.

import type { Redis } from 'ioredis';
import { RunStateError } from '../errors.js';
import { decodeRunSpec, encodeRunSpec } from '../wire/codecs.js';
import { activeRunsKey, type RunKeys } from './keys.js';
import type { RunSpec } from '../wire/types.js';

export type RunStatus = 'running' | 'finished' | 'failed';

/** A finished run's spec and status stay this long, so late workers learn it is over and exit. */
const FINISHED_TTL_SECONDS = 24 * 3600;

export async function readStatus(redis: Redis, keys: RunKeys): Promise<RunStatus | null> {
  return (await redis.get(keys.status)) as RunStatus | null;
}

/**
 * Publishes the spec and marks the run active; refuses a run id that is in
 * use or finished. A coordinator resuming from its checkpoint (`resume`) may
 * take over a run left 'running' by its crashed predecessor: the step blobs
 * and queued jobs it left are deleted first, so nothing stale is reused.
 */
export async function openRun(redis: Redis, keys: RunKeys, spec: RunSpec, resume = false): Promise<void> {
  const status = await readStatus(redis, keys);
  if (status === 'running' && !resume) throw new RunStateError(keys.runId, 'is already running (another coordinator?); choose another --run-id');
  if (status === 'finished') throw new RunStateError(keys.runId, 'already finished; choose another --run-id');
  if (status !== null) await clearTransients(redis, keys);
  const bytes = encodeRunSpec(spec);
  await redis
    .multi()
    .set(keys.spec, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .set(keys.status, 'running')
    .zadd(activeRunsKey(keys.prefix), Date.now(), keys.runId)
    .exec();
}

/** Marks the run over, tells subscribed workers, and leaves spec and status to expire. */
export async function closeRun(redis: Redis, keys: RunKeys, status: Exclude<RunStatus, 'running'>): Promise<void> {
  await redis
    .multi()
    .set(keys.status, status, 'EX', FINISHED_TTL_SECONDS)
    .expire(keys.spec, FINISHED_TTL_SECONDS)
    .zrem(activeRunsKey(keys.prefix), keys.runId)
    .publish(keys.controlChannel, status)
    .exec();
}

export async function readSpec(redis: Redis, keys: RunKeys): Promise<RunSpec | null> {
  const bytes = await redis.getBuffer(keys.spec);
  return bytes ? decodeRunSpec(bytes) : null;
}

/** Polls until `read` yields a value or the signal aborts (returns null then). */
export async function pollUntil<T>(read: () => Promise<T | null>, signal: AbortSignal, intervalMs = 250): Promise<T | null> {
  while (!signal.aborted) {
    const v = await read();
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return null;
}

/** The most recently started active run, if any. */
export async function newestActiveRun(redis: Redis, prefix: string): Promise<string | null> {
  const [runId] = await redis.zrevrange(activeRunsKey(prefix), 0, 0);
  return runId ?? null;
}

/** Deletes everything of a run but its spec and status: step blobs, notices, the queue's keys. */
async function clearTransients(redis: Redis, keys: RunKeys): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', keys.pattern, 'COUNT', 1000);
    const doomed = found.filter((k) => k !== keys.spec && k !== keys.status);
    if (doomed.length) await redis.unlink(...doomed);
    cursor = next;
  } while (cursor !== '0');
}
