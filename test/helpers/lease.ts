// A run's lease and keys for tests that drive a coordinator's or a worker's
// parts directly (no openCoordinator): the lease is taken in Redis, as a
// coordinator would, so workers' LeaseKeys find it.

import type { Redis } from 'ioredis';
import { createLogger } from '../../lib/log.js';
import type { RunKeys } from '../../lib/redis/keys.js';
import { acquireLease, type Lease } from '../../lib/redis/run-store.js';
import { RunSeal } from '../../services/step-protocol.js';
import { LeaseKeys } from '../../services/worker/lease-keys.js';

/** The secret tests share between coordinators and workers (DPT_SECRET for spawned processes). */
export const TEST_SECRET = Buffer.from('dpt-test-secret-0123456789abcdef');

export interface TestLease {
  lease: Lease;
  /** The coordinator's keys. */
  seal: RunSeal;
  /** A worker's view of them, loaded. */
  worker: LeaseKeys;
}

/** Takes `keys`' lease (deleting a stale one first) and returns both sides' keys. */
export async function takeTestLease(redis: Redis, keys: RunKeys): Promise<TestLease> {
  await redis.del(keys.lease);
  const lease = await acquireLease(redis, keys, 'test', 60_000);
  const worker = new LeaseKeys(redis, keys, TEST_SECRET, createLogger('test', 'silent'));
  await worker.load(new AbortController().signal);
  return { lease, seal: new RunSeal(TEST_SECRET, keys.runId, lease.fence), worker };
}

/** Sealed bytes as one Buffer, the way they sit in Redis. */
export function sealed(seal: RunSeal, kind: Parameters<RunSeal['seal']>[0], bytes: Uint8Array): Buffer {
  return Buffer.concat(seal.seal(kind, [bytes]));
}
