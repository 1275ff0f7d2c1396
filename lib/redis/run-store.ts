// A run's public state in Redis: its spec (all a worker needs to join), its
// status, its coordinator's lease, and its membership in the set of active
// runs that workers started without --run-id choose from.
//
// The lease makes one coordinator the owner of a run. It is a key holding
// "<fence> <holder>" with a TTL that the owner renews; the fence is a counter
// incremented at every grant, so each owner has its own fencing token. Step
// messages are sealed under a key derived from that token
// (services/step-protocol.ts), and every write here that changes the run's
// state is a script that checks the lease first: a coordinator that lost its
// lease (paused, partitioned) can change nothing when it wakes up.

import type { Redis } from 'ioredis';
import { RunStateError } from '../errors.js';
import { activeRunsKey, type RunKeys } from './keys.js';

export type RunStatus = 'running' | 'finished' | 'failed' | 'stopped';

/** How long a finished, failed or stopped run's state stays, so late workers learn it is over and exit. */
const OVER_TTL_SECONDS = 24 * 3600;
/** A running run's spec and status outlive a dead coordinator's lease by this much, then go. */
const RUNNING_TTL_SECONDS = 24 * 3600;

/** The lease a coordinator holds on its run. */
export interface Lease {
  /** Fencing token: larger for every later holder. */
  fence: number;
  /** Who holds it: host:pid. */
  holder: string;
  /** The key's value, what renewals and fenced writes compare against. */
  value: string;
}

// KEYS: lease, fence. ARGV: holder, ttl ms. Returns the new fence, or the live lease's value.
const ACQUIRE = `
local cur = redis.call('GET', KEYS[1])
if cur then return {0, cur} end
local fence = redis.call('INCR', KEYS[2])
redis.call('PERSIST', KEYS[2])
redis.call('SET', KEYS[1], fence .. ' ' .. ARGV[1], 'PX', ARGV[2])
return {fence, ''}`;

// KEYS: lease, spec, status. ARGV: lease value, ttl ms, running ttl s. 1 when renewed, 0 when the lease is not ours.
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[3])
return 1`;

// KEYS: lease, status, spec, active set, fence. ARGV: lease value, status, ttl s, run id, control channel, notice.
const CLOSE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[3])
redis.call('EXPIRE', KEYS[5], ARGV[3])
redis.call('ZREM', KEYS[4], ARGV[4])
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1`;

export async function readStatus(redis: Redis, keys: RunKeys): Promise<RunStatus | null> {
  return (await redis.get(keys.status)) as RunStatus | null;
}

/** The run's live lease, or null when no coordinator holds it. */
export async function readLease(redis: Redis, keys: RunKeys): Promise<Lease | null> {
  return parseLease(await redis.get(keys.lease));
}

function parseLease(value: string | null): Lease | null {
  const m = value === null ? null : /^(\d+) (.*)$/.exec(value);
  return m ? { fence: Number(m[1]), holder: m[2], value: value! } : null;
}

/**
 * Takes the run's lease for `holder`, or throws RunStateError naming the
 * coordinator that holds it (a second coordinator on a live run).
 */
export async function acquireLease(redis: Redis, keys: RunKeys, holder: string, ttlMs: number): Promise<Lease> {
  const [fence, current] = (await redis.eval(ACQUIRE, 2, keys.lease, keys.fence, holder, ttlMs)) as [number, string];
  if (fence === 0) {
    const live = parseLease(current);
    throw new RunStateError(keys.runId, `is held by another coordinator (${live?.holder ?? current}, lease ${live?.fence ?? '?'}); ` +
      `wait for it to end, or for its lease to expire (${Math.round(ttlMs / 1000)} s after it stops renewing) if it died`);
  }
  return { fence, holder, value: `${fence} ${holder}` };
}

/** Extends the lease (and the running run's state); false when it is no longer ours. */
export async function renewLease(redis: Redis, keys: RunKeys, lease: Lease, ttlMs: number): Promise<boolean> {
  return (await redis.eval(RENEW, 3, keys.lease, keys.spec, keys.status, lease.value, ttlMs, RUNNING_TTL_SECONDS)) === 1;
}

/**
 * Publishes the spec (`spec`: the RunSpec message as the coordinator sealed
 * it) and marks the run active, under a lease just acquired. Refuses a run
 * id that finished. A run left 'running', 'stopped' or 'failed' by an
 * earlier coordinator (whose lease has gone) is taken over: the step blobs
 * and queued jobs it left are deleted first, so nothing stale is reused.
 */
export async function openRun(redis: Redis, keys: RunKeys, spec: Buffer): Promise<{ tookOver: RunStatus | null }> {
  const status = await readStatus(redis, keys);
  if (status === 'finished') throw new RunStateError(keys.runId, 'already finished; choose another --run-id');
  if (status !== null) await clearTransients(redis, keys);
  await publishRun(redis, keys, spec);
  return { tookOver: status };
}

/**
 * Writes the spec, the status 'running' and the run's place among the active
 * runs: what openRun does after clearing a predecessor's leftovers, and what
 * a coordinator puts back when Redis lost them (its own queue and blobs stay).
 */
export async function publishRun(redis: Redis, keys: RunKeys, spec: Buffer): Promise<void> {
  await redis
    .multi()
    .set(keys.spec, spec, 'EX', RUNNING_TTL_SECONDS)
    .set(keys.status, 'running', 'EX', RUNNING_TTL_SECONDS)
    .zadd(activeRunsKey(keys.prefix), Date.now(), keys.runId)
    .exec();
}

/**
 * Marks the run over, publishes `notice` (the sealed status) to subscribed
 * workers, releases the lease and leaves spec and status to expire. False
 * (nothing written) when the lease is no longer ours: the run belongs to
 * another coordinator now.
 */
export async function closeRun(redis: Redis, keys: RunKeys, lease: Lease, status: Exclude<RunStatus, 'running'>, notice: Buffer): Promise<boolean> {
  const done = await redis.eval(CLOSE, 5, keys.lease, keys.status, keys.spec, activeRunsKey(keys.prefix), keys.fence,
    lease.value, status, OVER_TTL_SECONDS, keys.runId, keys.controlChannel, notice);
  return done === 1;
}

/** The run's spec as stored (sealed by its coordinator: services/step-protocol.ts opens it), or null. */
export async function readSpec(redis: Redis, keys: RunKeys): Promise<Buffer | null> {
  return redis.getBuffer(keys.spec);
}

/** Polls until `read` yields a value or the signal aborts (returns null then); `onWait` is told every `reportMs`. */
export async function pollUntil<T>(
  read: () => Promise<T | null>, signal: AbortSignal, intervalMs = 250, onWait?: (waitedMs: number) => void, reportMs = 5000,
): Promise<T | null> {
  const started = performance.now();
  let reported = 0;
  while (!signal.aborted) {
    const v = await read();
    if (v !== null) return v;
    const waited = performance.now() - started;
    if (onWait && waited - reported >= reportMs) {
      reported = waited;
      onWait(waited);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return null;
}

/** The most recently started active run, if any. */
export async function newestActiveRun(redis: Redis, prefix: string): Promise<string | null> {
  const [runId] = await redis.zrevrange(activeRunsKey(prefix), 0, 0);
  return runId ?? null;
}

/** Deletes everything of a run but its spec, status, lease and fence: step blobs, notices, the queue's keys. */
async function clearTransients(redis: Redis, keys: RunKeys): Promise<void> {
  const kept = new Set([keys.spec, keys.status, keys.lease, keys.fence]);
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', keys.pattern, 'COUNT', 1000);
    const doomed = found.filter((k) => !kept.has(k));
    if (doomed.length) await redis.unlink(...doomed);
    cursor = next;
  } while (cursor !== '0');
}
