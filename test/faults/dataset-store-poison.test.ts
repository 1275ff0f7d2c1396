// Issue 17: nothing on Redis can poison the dataset store. Every reply of an
// upload is checked, the ref is written only after every chunk, a dataset
// found there is verified chunk by chunk (missing, damaged or wrong-typed
// chunks are uploaded again), a Redis too small for the dataset gives a clear
// BrokerError and leaves no ref, and a Redis that evicts keys is refused
// before anything starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../helpers/run-main.js';
import type { Redis } from 'ioredis';
import { loadMnist } from '../../lib/data/mnist.js';
import { loadParity } from '../../lib/data/parity.js';
import { BrokerError } from '../../lib/errors.js';
import { checkRedis, connectRedis } from '../../lib/redis/connect.js';
import { downloadDataset, uploadDataset } from '../../lib/redis/dataset-store.js';
import { DatasetKeys } from '../../lib/redis/keys.js';
import { startPrivateRedis, type PrivateRedis } from '../../lib/redis/private-redis.js';
import { DATASET_CHUNK_BYTES, encodeDataset } from '../../lib/wire/codecs.js';
import { uniquePrefix, useTestRedisClient } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-files.js';

const db = useTestRedisClient('dataset-poison');
const mnist = encodeDataset(loadMnist());

/** Bytes Redis has read from clients so far: what an upload sent. */
async function bytesIn(redis: Redis): Promise<number> {
  return Number(/total_net_input_bytes:(\d+)/.exec(await redis.info('stats'))![1]);
}

describe('uploadDataset over a poisoned store', () => {
  it('sends only the chunks Redis lacks or holds damaged, then the dataset downloads intact', async () => {
    const prefix = `${db.prefix}:repair`;
    const keys = new DatasetKeys(prefix, mnist.ref.sha256);
    expect(mnist.ref.chunks).toBeGreaterThan(4);
    expect(await uploadDataset(db.client, prefix, mnist)).toBe(true);

    // Intact: a few hundred bytes of checks, no chunk sent again.
    let before = await bytesIn(db.client);
    expect(await uploadDataset(db.client, prefix, mnist)).toBe(false);
    expect(await bytesIn(db.client) - before).toBeLessThan(20_000);

    // One chunk gone, one flipped bit, one replaced by a list, one cut short: each is sent again, and only those.
    await db.client.del(keys.chunk(0));
    const damaged = (await db.client.getBuffer(keys.chunk(1)))!;
    damaged[12345] ^= 1;
    await db.client.set(keys.chunk(1), damaged);
    await db.client.del(keys.chunk(2));
    await db.client.rpush(keys.chunk(2), 'not a chunk');
    await db.client.set(keys.chunk(3), damaged.subarray(0, 100));
    before = await bytesIn(db.client);
    expect(await uploadDataset(db.client, prefix, mnist)).toBe(true);
    const sent = await bytesIn(db.client) - before;
    expect(sent).toBeGreaterThan(4 * DATASET_CHUNK_BYTES);
    expect(sent).toBeLessThan(5 * DATASET_CHUNK_BYTES);
    const ds = await downloadDataset(db.client, prefix, mnist.ref);
    expect(ds.train.count).toBe(60000);
  });

  it('a forged ref with no chunks behind it is not trusted: every chunk is uploaded', async () => {
    const prefix = `${db.prefix}:forged`;
    const parity = encodeDataset(loadParity());
    const keys = new DatasetKeys(prefix, parity.ref.sha256);
    await db.client.set(keys.ref, JSON.stringify({ ...parity.ref, chunks: 0 }));
    expect(await uploadDataset(db.client, prefix, parity)).toBe(true);
    expect(JSON.parse((await db.client.get(keys.ref))!)).toEqual(parity.ref);
    expect((await downloadDataset(db.client, prefix, parity.ref)).train.count).toBe(700);
  });
});

describe('a Redis that cannot hold the dataset, or would evict it', () => {
  let tiny: PrivateRedis;
  let evicting: PrivateRedis;
  beforeAll(async () => {
    [tiny, evicting] = await Promise.all([
      startPrivateRedis({ args: ['--maxmemory', '8mb'] }),
      startPrivateRedis({ args: ['--maxmemory-policy', 'allkeys-lru'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([tiny?.stop(), evicting?.stop()]);
  });

  it('maxmemory too small (noeviction): a BrokerError saying so, and neither ref nor chunks left', async () => {
    const redis = connectRedis(tiny.url, 'test-tiny');
    try {
      const prefix = uniquePrefix('tiny');
      const err = await uploadDataset(redis, prefix, mnist).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BrokerError);
      expect((err as Error).message).toMatch(new RegExp(
        `^redis://127\\.0\\.0\\.1:${tiny.port}: Redis is out of memory \\(maxmemory 8388608, \\d+ used\\): the dataset needs ${mnist.ref.bytes} bytes; raise its maxmemory or free memory$`));
      expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('dpt train --workers 2 against it: exit 1 with that one line', async () => {
    const r = await run('train', '--preset', 'mnist', '--max-steps', '1', '--workers', '2', '--redis', tiny.url, '--prefix', uniquePrefix('tiny-train'), '--out', tempDir('tiny'));
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(/^dpt: error: redis:\/\/127\.0\.0\.1:\d+: Redis is out of memory \(maxmemory 8388608, \d+ used\): the dataset needs \d+ bytes; raise its maxmemory or free memory$/);
  });

  it('an evicting maxmemory-policy is refused by checkRedis, so by every command, before any work', async () => {
    await expect(checkRedis(evicting.url)).rejects.toThrow(
      `${evicting.url}: Redis evicts keys under memory pressure (maxmemory-policy allkeys-lru): an evicted job or blob would stall the run; ` +
      'set maxmemory-policy noeviction (redis.conf, or CONFIG SET maxmemory-policy noeviction)');
    const r = await run('train', '--preset', 'parity', '--workers', '2', '--redis', evicting.url, '--out', tempDir('evicting'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^dpt: error: redis:\/\/127\.0\.0\.1:\d+: Redis evicts keys under memory pressure \(maxmemory-policy allkeys-lru\)/);
    expect(r.ms).toBeLessThan(2000);
  });
});
