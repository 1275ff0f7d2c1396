// The worker's weights cache against a real Redis: the next version comes
// by broadcast without a read; a lost broadcast is found by key; a job for a
// past version is stale; one for a version far ahead is sent back later.
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../lib/log.js';
import { encodeWeightsSnapshot } from '../../lib/wire/codecs.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { WeightsCache } from '../../services/worker/weights-cache.js';
import { useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('weights-cache');

describe('WeightsCache', () => {
  const keys = new RunKeys(db.prefix, 'wc');
  const expect32 = { dtype: 'float32' as const, paramCount: 5 };
  const params = (v: number) => new Float32Array([v, v + 0.5, -v, 0, 1]);
  const snapshot = (v: number) => Buffer.from(encodeWeightsSnapshot({ runId: keys.runId, version: v, params: params(v) }));
  const cache = () => new WeightsCache(db.client, keys, expect32, createLogger('test', 'silent'));

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
