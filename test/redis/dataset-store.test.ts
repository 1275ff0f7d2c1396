// The content-addressed dataset store: uploaded once per content, verified
// on download, refused when damaged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../lib/broker/connect.js';
import { loadMnist } from '../../lib/data/mnist.js';
import { loadParity } from '../../lib/data/parity.js';
import { WireError } from '../../lib/errors.js';
import { downloadDataset, uploadDataset } from '../../lib/redis/dataset-store.js';
import { encodeDataset } from '../../lib/train/dataset-identity.js';
import { DatasetKeys } from '../../lib/wire/keys.js';
import { deleteByPrefix, getTestRedis, uniquePrefix, type TestRedis } from '../helpers/redis.js';

let server: TestRedis;
let redis: Redis;
const prefix = uniquePrefix('dataset-store');
beforeAll(async () => {
  server = await getTestRedis();
  redis = connectRedis(server.url, 'test-dataset-store');
});
afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
  await server.stop();
});

describe('dataset store', () => {
  it('uploads MNIST once in chunks, and a second upload sends nothing', async () => {
    const encoded = encodeDataset(loadMnist());
    expect(encoded.ref.chunks).toBeGreaterThan(1);
    expect(await uploadDataset(redis, prefix, encoded)).toBe(true);
    expect(await uploadDataset(redis, prefix, encoded)).toBe(false);
    const ds = await downloadDataset(redis, prefix, encoded.ref);
    expect(ds.name).toBe('mnist');
    expect(ds.train.count).toBe(60000);
    expect(Buffer.from(ds.train.inputs.buffer, ds.train.inputs.byteOffset, ds.train.inputs.byteLength)
      .equals(Buffer.from(loadMnist().train.inputs))).toBe(true);
  });

  it('identifies a dataset by content alone', () => {
    const a = encodeDataset(loadParity()).ref.sha256;
    const b = encodeDataset({ ...loadParity(), name: 'another name' }).ref.sha256;
    expect(a).toBe(b);
  });

  it('refuses a damaged or missing upload with a clear error', async () => {
    const encoded = encodeDataset(loadParity());
    await uploadDataset(redis, prefix, encoded);
    const keys = new DatasetKeys(prefix, encoded.ref.sha256);
    const chunk = (await redis.getBuffer(keys.chunk(0)))!;
    chunk[100] ^= 1;
    await redis.set(keys.chunk(0), chunk);
    await expect(downloadDataset(redis, prefix, encoded.ref)).rejects.toThrow(/content hashes to .*expected/);
    await redis.del(keys.ref);
    await expect(downloadDataset(redis, prefix, encoded.ref)).rejects.toThrow(WireError);
  });
});
