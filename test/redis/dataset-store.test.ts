// The content-addressed dataset store: uploaded once per content, verified
// on download, refused when damaged.
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../lib/data/mnist.js';
import { loadParity } from '../../lib/data/parity.js';
import { WireError } from '../../lib/errors.js';
import { downloadDataset, uploadDataset } from '../../lib/redis/dataset-store.js';
import { encodeDataset } from '../../lib/wire/codecs.js';
import { DatasetKeys } from '../../lib/redis/keys.js';
import { useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('dataset-store');

describe('dataset store', () => {
  it('uploads MNIST once in chunks, and a second upload sends nothing', async () => {
    const encoded = encodeDataset(loadMnist());
    expect(encoded.ref.chunks).toBeGreaterThan(1);
    expect(await uploadDataset(db.client, db.prefix, encoded)).toBe(true);
    expect(await uploadDataset(db.client, db.prefix, encoded)).toBe(false);
    const ds = await downloadDataset(db.client, db.prefix, encoded.ref);
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
    await uploadDataset(db.client, db.prefix, encoded);
    const keys = new DatasetKeys(db.prefix, encoded.ref.sha256);
    const chunk = (await db.client.getBuffer(keys.chunk(0)))!;
    chunk[100] ^= 1;
    await db.client.set(keys.chunk(0), chunk);
    await expect(downloadDataset(db.client, db.prefix, encoded.ref)).rejects.toThrow(/content hashes to .*expected/);
    await db.client.del(keys.ref);
    await expect(downloadDataset(db.client, db.prefix, encoded.ref)).rejects.toThrow(WireError);
  });
});
