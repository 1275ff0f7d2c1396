import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Redis } from 'ioredis';
import { checkRedis } from '../../lib/redis/connect.js';
import { resolveBroker, startPrivateRedis, type PrivateRedis } from '../../lib/redis/private-redis.js';
import { BrokerError } from '../../lib/errors.js';

describe('resolveBroker', () => {
  let server: PrivateRedis;
  const saved = process.env.REDIS_URL;
  beforeAll(async () => {
    server = await startPrivateRedis();
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = saved;
  });

  it('uses an explicit URL after checking it, and does not stop a Redis it did not start', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    const broker = await resolveBroker(server.url);
    expect(broker).toMatchObject({ url: server.url, private: false, info: { maxmemoryPolicy: 'noeviction' } });
    await broker.stop();
    await expect(checkRedis(server.url)).resolves.toBeDefined();
  });

  it('falls back to REDIS_URL', async () => {
    process.env.REDIS_URL = server.url;
    await expect(resolveBroker()).resolves.toMatchObject({ url: server.url, private: false });
  });

  it('fails with a BrokerError when the given URL is unreachable', async () => {
    await expect(resolveBroker('redis://:pw@127.0.0.1:1')).rejects.toThrow(BrokerError);
    await expect(resolveBroker('redis://:pw@127.0.0.1:1')).rejects.toThrow('redis://***@127.0.0.1:1: cannot connect to Redis at 127.0.0.1:1');
  });

  it('starts a private server when given nothing, reached only through its unix socket in a private folder, and stops it', async () => {
    delete process.env.REDIS_URL;
    const broker = await resolveBroker();
    expect(broker.private).toBe(true);
    expect(broker.url).toMatch(/^unix:\/\/\/.*\/redis-0\.sock$/);
    await expect(checkRedis(broker.url)).resolves.toBeDefined();
    // No TCP listener: another user of this machine has no way in, and the
    // socket's folder admits its owner alone.
    const redis = new Redis({ path: broker.url.slice('unix://'.length), lazyConnect: true });
    try {
      await redis.connect();
      expect(await redis.config('GET', 'port')).toEqual(['port', '0']);
    } finally {
      redis.disconnect();
    }
    expect(statSync(dirname(broker.url.slice('unix://'.length))).mode & 0o777).toBe(0o700);
    await broker.stop();
    await expect(checkRedis(broker.url, 1000)).rejects.toThrow(/cannot connect/);
  });
});
