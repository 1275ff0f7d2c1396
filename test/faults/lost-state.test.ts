// Redis forgets: the run's keys deleted mid-run, or Redis restarted empty
// (no persistence). The coordinator notices within seconds (its lease is
// gone, a step stalls), puts back what it owns (lease, spec, dataset,
// weights, the missing jobs) and the run ends with the bits of a run that
// nothing happened to.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../lib/redis/private-redis.js';
import { checkpointReached, spawnDpt, startRedisOnPort, tempOut, train } from '../distributed/helpers.js';
import { tempDir } from '../helpers/temp-files.js';

const flags = ['--preset', 'parity', '--epochs', '40', '--batch-size', '16', '--shard-size', '4'];
const config = { preset: 'parity', epochs: '40', batchSize: '16', shardSize: '4' };
const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));

/** A redis-server on a fixed port that keeps nothing on disk: a restart comes back empty. */
function startVolatileRedis(port: number): Promise<ChildProcess> {
  return startRedisOnPort(port, ['--appendonly', 'no', '--save', ''], tempDir('volatile-redis'));
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
}

describe('lost state on Redis', () => {
  it.each([
    ['the run\'s keys (and the dataset) deleted mid-run', 'delete'],
    ['Redis restarted empty (no persistence) mid-run', 'restart'],
  ])('%s: the coordinator puts back what it owns and the run ends with the clean bits', async (_what, how) => {
    const expected = await train(config, 0, '');
    const port = await freePort();
    let server = await startVolatileRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    const out = tempOut('lost');
    const ckpt = tempOut('lost-ckpt');
    try {
      const workers = [1, 2].map(() => spawnDpt(['worker', '--redis', url, '--run-id', 'lost']));
      const coord = spawnDpt(['coordinator', '--run-id', 'lost', '--redis', url, ...flags, '--out', out, '--checkpoint-dir', ckpt]);
      await checkpointReached(ckpt, 3);
      const lostAt = performance.now();
      if (how === 'delete') {
        const r = new Redis(url);
        const doomed = await r.keys('dpt:*');
        await r.del(...doomed);
        r.disconnect();
      } else {
        await stopRedis(server);
        server = await startVolatileRedis(port);
      }
      const c = await coord.done;
      expect(c.code, c.err).toBe(0);
      expect(c.out + c.err).toMatch(/state was gone from Redis|re-sent|re-queued/);
      expect(summaryOf(out).paramsSha256).toBe(expected.paramsSha256);
      for (const w of workers) expect((await w.done).code).toBe(0);
      // The epoch with the loss took at most a few seconds more than the others.
      const seconds = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).seconds as number);
      const sorted = [...seconds].sort((x, y) => x - y);
      const stall = sorted[sorted.length - 1] - sorted[Math.floor(sorted.length / 2)];
      console.log(`${how}: recovered; the slowest epoch took ${stall.toFixed(1)} s longer than the median (${((performance.now() - lostAt) / 1000).toFixed(1)} s to the end)`);
      expect(stall).toBeLessThan(15);
    } finally {
      await stopRedis(server);
    }
  });
});
