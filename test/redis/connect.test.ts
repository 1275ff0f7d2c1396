import type { ConnectionOptions } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRedis, connectRedis, reconnectDelay, redisOptionsFor } from '../../lib/redis/connect.js';
import { freePort, startPrivateRedis, type PrivateRedis } from '../../lib/redis/private-redis.js';
import { BrokerError } from '../../lib/errors.js';

describe('redisOptionsFor', () => {
  it('reads host, port, credentials and db from a redis:// URL', () => {
    const o = redisOptionsFor('redis://alice:p%40ss@db.example.com:6380/3');
    expect(o).toMatchObject({ host: 'db.example.com', port: 6380, username: 'alice', password: 'p@ss', db: 3 });
    expect(o.tls).toBeUndefined();
  });

  it('defaults the port, turns on TLS for rediss:// and strips IPv6 brackets', () => {
    expect(redisOptionsFor('redis://localhost')).toMatchObject({ host: 'localhost', port: 6379 });
    expect(redisOptionsFor('rediss://:pw@h:6390').tls).toEqual({});
    expect(redisOptionsFor('redis://[::1]:7000')).toMatchObject({ host: '::1', port: 7000 });
  });

  it('accepts unix sockets as unix:// URLs or absolute paths', () => {
    expect(redisOptionsFor('unix:///run/redis/redis.sock?db=2')).toMatchObject({ path: '/run/redis/redis.sock', db: 2 });
    expect(redisOptionsFor('/tmp/redis.sock')).toMatchObject({ path: '/tmp/redis.sock' });
  });

  it('is set up for BullMQ: never fails queued commands, waits for ready, reconnects with capped backoff', () => {
    const o = redisOptionsFor('redis://h:1');
    expect(o.maxRetriesPerRequest).toBeNull();
    expect(o.enableReadyCheck).toBe(true);
    expect([1, 2, 3, 4, 5, 6, 7, 100].map(reconnectDelay)).toEqual([50, 100, 200, 400, 800, 1600, 2000, 2000]);
    expect(o.retryStrategy?.(3)).toBe(200);
  });

  it('rejects other schemes and bad db numbers with a BrokerError that hides the password', () => {
    expect(() => redisOptionsFor('http://:pw@h:1')).toThrow(/unsupported scheme http:/);
    expect(() => redisOptionsFor('redis://:pw@h:1/zero')).toThrow(BrokerError);
    let err: unknown;
    try {
      redisOptionsFor('redis://:hunter2@h:1/zero');
    } catch (e) {
      err = e;
    }
    expect((err as BrokerError).url).toBe('redis://***@h:1/zero');
    expect((err as Error).message).not.toContain('hunter2');
  });
});

describe('checkRedis', () => {
  it('fails fast on a closed port, saying it cannot connect', async () => {
    const port = await freePort(); // free a moment ago, so nothing listens
    const started = performance.now();
    const err = await checkRedis(`redis://:hunter2@127.0.0.1:${port}`).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(err).toBeInstanceOf(BrokerError);
    expect((err as BrokerError).reason).toMatch(/^cannot connect to Redis at 127\.0\.0\.1:\d+ \(ECONNREFUSED\); start one or pass --redis URL$/);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('fails on an unknown host', async () => {
    await expect(checkRedis('redis://no-such-host.invalid:6379')).rejects.toThrow(/cannot connect to Redis at no-such-host\.invalid:6379/);
  });

  it('gives up after the timeout when nothing answers', async () => {
    const started = performance.now();
    // TLS to a plain-text server: the handshake never completes.
    const server = await startPrivateRedis();
    try {
      await expect(checkRedis(server.url.replace('redis:', 'rediss:'), 300)).rejects.toThrow(BrokerError);
    } finally {
      await server.stop();
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });

  describe('against a server with a password', () => {
    let server: PrivateRedis;
    beforeAll(async () => {
      server = await startPrivateRedis({ args: ['--requirepass', 'secret'] });
    });
    afterAll(async () => {
      await server.stop();
    });

    it('reports rejected credentials for a wrong password, without echoing it', async () => {
      const err = await checkRedis(`redis://:wrong-pw@127.0.0.1:${server.port}`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BrokerError);
      expect((err as BrokerError).reason).toMatch(/^Redis rejected the credentials \(WRONGPASS\)/);
      expect((err as BrokerError).url).toBe(`redis://***@127.0.0.1:${server.port}`);
      expect((err as Error).message).not.toContain('wrong-pw');
      expect((err as Error).message).not.toContain('secret');
    });

    it('reports a missing password as rejected credentials (NOAUTH)', async () => {
      await expect(checkRedis(server.url)).rejects.toThrow(/Redis rejected the credentials \(NOAUTH/);
    });

    it('fails on a database the server does not have, instead of silently using db 0', async () => {
      await expect(checkRedis(`redis://:secret@127.0.0.1:${server.port}/99`)).rejects.toThrow(/Redis has no database 99/);
    });

    it('returns the version and maxmemory-policy with the right password', async () => {
      const info = await checkRedis(`redis://:secret@127.0.0.1:${server.port}`);
      expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(info.maxmemoryPolicy).toBe('noeviction');
    });
  });
});

describe('connectRedis', () => {
  it('names its connection for CLIENT LIST', async () => {
    const server = await startPrivateRedis();
    const redis = connectRedis(server.url, 'dpt-test-coordinator');
    try {
      expect(await redis.client('GETNAME')).toBe('dpt-test-coordinator');
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });
});

describe('redisOptionsFor and BullMQ', () => {
  it('type-checks as a BullMQ connection without a cast', () => {
    const connection: ConnectionOptions = { ...redisOptionsFor('redis://h:1'), connectionName: 'x' };
    expect(connection).toMatchObject({ host: 'h', port: 1, maxRetriesPerRequest: null });
  });
});
