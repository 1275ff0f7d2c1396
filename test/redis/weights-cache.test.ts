// The worker's weights cache against a real Redis: the next version comes
// by broadcast without a read; a lost broadcast is found by key; a job for a
// past version is stale; one for a version far ahead is sent back later.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../lib/log.js';
import { encodeWeightsSnapshot } from '../../lib/wire/codecs.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { sealed, takeTestLease, type TestLease } from '../helpers/lease.js';
import { useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('weights-cache');

describe('WeightsCache', () => {
  const keys = new RunKeys(db.prefix, 'wc');
  const expect32 = { dtype: 'float32' as const, paramCount: 5 };
  const params = (v: number) => new Float32Array([v, v + 0.5, -v, 0, 1]);
  let lease: TestLease;
  beforeAll(async () => {
    lease = await takeTestLease(db.client, keys);
  });
  const snapshot = (v: number) => sealed(lease.seal, 'weights', encodeWeightsSnapshot({ runId: keys.runId, version: v, params: params(v) }));
  const cache = () => new WeightsCache(db.client, keys, expect32, createLogger('test', 'silent'), lease.worker);

  it('the version after the one held arrives by broadcast, with no read from Redis', async () => {
    const c = cache();
    c.onMessage(snapshot(7));
    const reads = vi.spyOn(db.client, 'getBuffer');
    try {
      const pending = c.get(8);
      setTimeout(() => c.onMessage(snapshot(8)), 20);
      expect(Array.from((await pending) as Float32Array)).toEqual(Array.from(params(8)));
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('a broadcast that never comes is found by key (a subscriber that was reconnecting missed it)', async () => {
    const c = cache();
    c.onMessage(snapshot(10));
    await db.client.set(keys.version, 11);
    await db.client.set(keys.weights(11), snapshot(11));
    const started = performance.now();
    expect(Array.from((await c.get(11)) as Float32Array)).toEqual(Array.from(params(11)));
    expect(performance.now() - started).toBeGreaterThan(150); // after waiting for the broadcast first
  });

  it('a version the run is past is stale; one far ahead is sent back after the patience', async () => {
    const c = cache();
    await db.client.set(keys.version, 20);
    expect(await c.get(19)).toBe('stale');
    const started = performance.now();
    expect(await c.get(25, 300)).toBe('later');
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });
});

describe('WeightsCache and forged weights', () => {
  const keys = new RunKeys(db.prefix, 'wc-forged');
  const expect32 = { dtype: 'float32' as const, paramCount: 5 };
  const genuine = new Float32Array([1, 2, 3, 4, 5]);
  const forged = new Float32Array([0.5, 0.5, 0.5, 0.5, 0.5]);

  it('a broadcast or stored snapshot not sealed by the run\'s coordinator is ignored; the genuine one is taken', async () => {
    const lease = await takeTestLease(db.client, keys);
    const c = new WeightsCache(db.client, keys, expect32, createLogger('test', 'silent'), lease.worker);
    const body = (p: Float32Array) => encodeWeightsSnapshot({ runId: keys.runId, version: 3, params: p });
    // Unsealed, sealed under another secret's keys, and sealed by the coordinator but altered after.
    c.onMessage(Buffer.from(body(forged)));
    const altered = sealed(lease.seal, 'weights', body(genuine));
    altered[altered.length - 1] ^= 0x40;
    c.onMessage(altered);
    await db.client.set(keys.version, 3);
    await db.client.set(keys.weights(3), Buffer.from(body(forged)));
    const pending = c.get(3);
    setTimeout(() => c.onMessage(sealed(lease.seal, 'weights', body(genuine))), 300);
    expect(Array.from((await pending) as Float32Array)).toEqual(Array.from(genuine));
  });
});
