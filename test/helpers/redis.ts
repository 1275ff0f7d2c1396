// Where the test suites get Redis (DESIGN.md, "Where the tests get Redis"):
// REDIS_URL when set; else a container when a container runtime answers;
// else a private redis-server from PATH; else a clear error. The shared
// Redis on a CI box is never flushed: each test writes under its own prefix
// and deletes only that.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Redis } from 'ioredis';
import { checkRedis, connectRedis } from '../../lib/redis/connect.js';
import { startPrivateRedis } from '../../lib/redis/private-redis.js';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
  source: 'env' | 'container' | 'private';
}

export async function getTestRedis(): Promise<TestRedis> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    await checkRedis(fromEnv);
    return { url: fromEnv, stop: async () => {}, source: 'env' };
  }
  if (await containerRuntimeAvailable()) {
    // Imported lazily: testcontainers costs ~350 ms to load.
    const { RedisContainer } = await import('@testcontainers/redis');
    const container = await new RedisContainer('redis:7').start();
    return { url: container.getConnectionUrl(), stop: async () => void (await container.stop()), source: 'container' };
  }
  try {
    const server = await startPrivateRedis();
    return { url: server.url, stop: server.stop, source: 'private' };
  } catch (err) {
    throw new Error(
      'no Redis for the tests: set REDIS_URL=redis://host:6379, start a Docker daemon, ' +
        `or install redis-server (apt-get install redis-server). Private server: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/** Whether a container runtime answers; fails in milliseconds when there is none. */
export async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

const TEST_NAMESPACE = 'dpt-test:';

/** A key prefix no other test, process or run shares: `dpt-test:<name>:<pid>-<random>`. */
export function uniquePrefix(name: string): string {
  return `${TEST_NAMESPACE}${name}:${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Deletes the keys starting with `prefix` (SCAN + UNLINK, never FLUSH*), and
 * returns how many. Refuses prefixes outside `dpt-test:`, so a bug here
 * cannot empty a shared Redis.
 */
export async function deleteByPrefix(redis: Redis, prefix: string): Promise<number> {
  if (!prefix.startsWith(TEST_NAMESPACE) || prefix.length <= TEST_NAMESPACE.length) {
    throw new Error(`deleteByPrefix: refusing "${prefix}": only prefixes under ${TEST_NAMESPACE} may be deleted`);
  }
  const pattern = prefix.replace(/[*?[\]\\]/g, '\\$&') + '*';
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

/**
 * One Redis for a whole test file: started in beforeAll, stopped in
 * afterAll. Read `.url` inside tests (it is set once beforeAll has run).
 */
export function useTestRedis(): { readonly url: string } {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await getTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return {
    get url(): string {
      if (!redis) throw new Error('useTestRedis: .url read before beforeAll ran');
      return redis.url;
    },
  };
}

/**
 * useTestRedis plus a client connected to it and a key prefix of the file's
 * own, whose keys are deleted (and the client closed) in afterAll. Read
 * `.client` and `.url` inside tests.
 */
export function useTestRedisClient(name: string): { readonly url: string; readonly client: Redis; readonly prefix: string } {
  const server = useTestRedis();
  const prefix = uniquePrefix(name);
  let client: Redis | undefined;
  beforeAll(() => {
    client = connectRedis(server.url, `test-${name}`);
  });
  // Registered after useTestRedis's afterAll, so it runs first (vitest runs afterAll hooks in reverse).
  afterAll(async () => {
    if (!client) return;
    await deleteByPrefix(client, prefix);
    await client.quit();
  });
  return {
    get url(): string {
      return server.url;
    },
    get client(): Redis {
      if (!client) throw new Error('useTestRedisClient: .client read before beforeAll ran');
      return client;
    },
    prefix,
  };
}

/**
 * One more connection to a file's test Redis (one that blocks in BLPOP, a
 * subscriber, a second role), opened before the tests and closed after
 * them, before the server stops. Read `.client` inside tests.
 */
export function useConnection(db: { readonly url: string }, name: string): { readonly client: Redis } {
  let client: Redis | undefined;
  beforeAll(() => {
    client = connectRedis(db.url, `test-${name}`);
  });
  afterAll(async () => {
    await client?.quit();
  });
  return {
    get client(): Redis {
      if (!client) throw new Error(`useConnection(${name}): .client read before beforeAll ran`);
      return client;
    },
  };
}
