// A run survives a restart of a persistent Redis (AOF): coordinator and
// workers reconnect with backoff, and the result is the uninterrupted bits.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../lib/redis/private-redis.js';
import { checkpointReached, spawnDpt, startRedisOnPort, tempOut, train } from './helpers.js';
import { tempDir } from '../helpers/temp-files.js';

/** A redis-server with AOF on a fixed port and folder, so a restart finds its data again. */
function startAofRedis(port: number, dir: string): Promise<ChildProcess> {
  return startRedisOnPort(port, ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '']);
}

async function stopRedis(port: number, child: ChildProcess): Promise<void> {
  const client = new Redis({ port, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  await client.call('SHUTDOWN').catch(() => {}); // the connection drops as the server exits
  client.disconnect();
  if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
}

describe('Redis restarted mid-run (AOF persistence)', () => {
  it('the run completes with the same bits', async () => {
    const flags = ['--preset', 'parity', '--epochs', '40', '--batch-size', '16', '--shard-size', '4'];
    const expected = await train({ preset: 'parity', epochs: '40', batchSize: '16', shardSize: '4' }, 0, '');
    const port = await freePort();
    const dir = tempDir('aof');
    let server = await startAofRedis(port, dir);
    const url = `redis://127.0.0.1:${port}`;
    const out = tempOut('aof');
    const ckpt = tempOut('aof-ckpt');
    try {
      // A job fetched just as Redis went down can be left 'active' with its
      // reply lost; BullMQ hands it out again once its lock expires, so keep
      // the lock short here (the default, 30 s, would outlast the test).
      const worker = spawnDpt(['worker', '--redis', url, '--run-id', 'aof', '--lock-ms', '2000']);
      const coord = spawnDpt(['coordinator', '--run-id', 'aof', '--redis', url, ...flags, '--out', out, '--checkpoint-dir', ckpt]);
      // Restart Redis once the run is well under way.
      await checkpointReached(ckpt, 3);
      await stopRedis(port, server);
      await new Promise((r) => setTimeout(r, 300));
      server = await startAofRedis(port, dir);
      const c = await coord.done;
      expect(c.code, c.err).toBe(0);
      expect((await worker.done).code).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).paramsSha256).toBe(expected.paramsSha256);
    } finally {
      await stopRedis(port, server);
    }
  });
});
