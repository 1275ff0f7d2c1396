// Commands whose binary arguments are written as chunks, uncopied: Redis
// must receive exactly the bytes of the chunks joined, whatever their sizes,
// interleaved with ordinary commands in the same tick, and also when the
// command waits in ioredis's offline queue for a connection.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectRedis } from '../../lib/redis/connect.js';
import { sendChunked } from '../../lib/redis/chunked-command.js';
import { useTestRedisClient } from '../helpers/redis.js';

const db = useTestRedisClient('chunked-command');

describe('sendChunked', () => {
  it('stores the chunks joined, byte for byte, for chunk sizes from 0 to 3 MB', async () => {
    const chunks = [0, 1, 3, 4096, 65535, 65536, 100_000, 3_000_000].map((n) => randomBytes(n));
    expect(await sendChunked(db.client, 'set', [`${db.prefix}:a`, chunks])).toBe('OK');
    const stored = await db.client.getBuffer(`${db.prefix}:a`);
    expect(stored?.equals(Buffer.concat(chunks))).toBe(true);
  });

  it('takes typed-array views (not only Buffers) and string or number arguments after a binary one', async () => {
    const f = new Float32Array([1.5, -0, NaN, 3]);
    const view = new Uint8Array(f.buffer, 4, 8);
    expect(await sendChunked(db.client, 'set', [`${db.prefix}:b`, [view, new Uint8Array([7])], 'PX', 60_000])).toBe('OK');
    expect((await db.client.getBuffer(`${db.prefix}:b`))?.equals(Buffer.concat([Buffer.from(view), Buffer.from([7])]))).toBe(true);
    expect(await db.client.pttl(`${db.prefix}:b`)).toBeGreaterThan(50_000);
    expect(await sendChunked(db.client, 'rpush', [`${db.prefix}:list`, [Buffer.from('x')]])).toBe(1);
  });

  it('keeps command order with ordinary commands sent in the same tick, and each gets its own reply', async () => {
    const key = `${db.prefix}:order`;
    const big = randomBytes(200_000);
    const replies = await Promise.all([
      db.client.rpush(key, 'first'),
      sendChunked(db.client, 'rpush', [key, [big.subarray(0, 50), big.subarray(50)]]),
      db.client.rpush(key, 'third'),
      sendChunked(db.client, 'rpush', [key, [Buffer.from('fourth')]]),
      db.client.llen(key),
    ]);
    expect(replies).toEqual([1, 2, 3, 4, 4]);
    const items = await db.client.lrangeBuffer(key, 0, -1);
    expect(items.map((b) => (b.length > 100 ? `${b.length}` : b.toString()))).toEqual(['first', '200000', 'third', 'fourth']);
    expect(items[1].equals(big)).toBe(true);
  });

  it('waits in the offline queue and is written once connected', async () => {
    const late = connectRedis(db.url, 'test-chunked-late');
    try {
      expect(late.status).not.toBe('ready');
      const payload = randomBytes(70_000);
      expect(await sendChunked(late, 'set', [`${db.prefix}:late`, [payload]])).toBe('OK');
      expect((await db.client.getBuffer(`${db.prefix}:late`))?.equals(payload)).toBe(true);
    } finally {
      await late.quit();
    }
  });

  it('reports a Redis error as a rejected promise', async () => {
    await db.client.set(`${db.prefix}:str`, 'x');
    await expect(sendChunked(db.client, 'rpush', [`${db.prefix}:str`, [Buffer.from('y')]])).rejects.toThrow(/WRONGTYPE/);
  });
});
