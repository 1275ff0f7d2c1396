import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  containerRuntimeAvailable,
  deleteByPrefix,
  getTestRedis,
  uniquePrefix,
  type TestRedis,
} from '../helpers/redis.js';

describe('getTestRedis', () => {
  it('falls back to a private redis-server when REDIS_URL is unset and no container runtime answers', async () => {
    const saved = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
    try {
      const probeStarted = performance.now();
      const containers = await containerRuntimeAvailable();
      // No daemon here: the probe must cost milliseconds, not a timeout.
      expect(performance.now() - probeStarted).toBeLessThan(2000);
      const testRedis = await getTestRedis();
      try {
        expect(testRedis.source).toBe(containers ? 'container' : 'private');
        const redis = new Redis(testRedis.url);
        expect(await redis.ping()).toBe('PONG');
        redis.disconnect();
      } finally {
        await testRedis.stop();
      }
    } finally {
      if (saved !== undefined) process.env.REDIS_URL = saved;
    }
  });
});

describe('uniquePrefix and deleteByPrefix', () => {
  let testRedis: TestRedis;
  let redis: Redis;
  beforeAll(async () => {
    testRedis = await getTestRedis();
    redis = new Redis(testRedis.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await testRedis.stop();
  });

  it('gives each call its own prefix under dpt-test:', () => {
    const a = uniquePrefix('broker');
    expect(a).toMatch(new RegExp(`^dpt-test:broker:${process.pid}-[0-9a-f]{8}$`));
    expect(uniquePrefix('broker')).not.toBe(a);
  });

  it('deletes only the keys under the prefix', async () => {
    const mine = uniquePrefix('delete');
    const neighbour = uniquePrefix('delete');
    const keys = Array.from({ length: 1200 }, (_, i) => `${mine}:k${i}`);
    await redis.mset(...keys.flatMap((k) => [k, 'x']));
    await redis.set(`${neighbour}:keep`, 'y');
    try {
      expect(await deleteByPrefix(redis, mine)).toBe(keys.length);
      expect(await redis.exists(...keys)).toBe(0);
      expect(await redis.get(`${neighbour}:keep`)).toBe('y');
    } finally {
      await deleteByPrefix(redis, neighbour);
    }
  });

  it('treats glob characters in the prefix literally', async () => {
    const prefix = `${uniquePrefix('glob')}[*]`;
    const lookalike = prefix.replace('[*]', 'X');
    await redis.set(`${prefix}:a`, '1');
    await redis.set(`${lookalike}:b`, '2');
    try {
      expect(await deleteByPrefix(redis, prefix)).toBe(1);
      expect(await redis.get(`${lookalike}:b`)).toBe('2');
    } finally {
      await redis.unlink(`${lookalike}:b`);
    }
  });

  it('refuses prefixes outside the test namespace', async () => {
    await expect(deleteByPrefix(redis, '')).rejects.toThrow(/refusing/);
    await expect(deleteByPrefix(redis, 'bull:')).rejects.toThrow(/refusing/);
    await expect(deleteByPrefix(redis, 'dpt-test:')).rejects.toThrow(/refusing/);
  });
});
