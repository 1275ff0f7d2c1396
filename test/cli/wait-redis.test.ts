// `dpt wait-redis`: the init containers' wait for Redis. It waits for a
// Redis that comes up late, gives up after --timeout naming the host, and
// stops at once on an answer no wait can fix (a wrong password), never
// printing the password.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { freePort, startPrivateRedis } from '../../lib/redis/private-redis.js';
import { startRedisOnPort } from '../distributed/helpers.js';
import { tempDir } from '../helpers/temp-files.js';
import { runMain } from '../helpers/run-main.js';

const run = (...args: string[]) => runMain('wait-redis', ...args);

const stopped: ChildProcess[] = [];
afterAll(async () => {
  for (const child of stopped) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('dpt wait-redis', () => {
  it('waits for a Redis that starts late, then exits 0', async () => {
    const port = await freePort();
    const waiting = run('--redis', `redis://127.0.0.1:${port}`, '--timeout', '60');
    let settled = false;
    void waiting.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1500)); // a few refused attempts
    expect(settled).toBe(false);
    stopped.push(await startRedisOnPort(port, ['--save', '', '--appendonly', 'no'], tempDir('wait-late')));
    const r = await waiting;
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`dpt: waiting for Redis at redis://127.0.0.1:${port} (up to 60s)`);
    expect(r.out).toMatch(new RegExp(`dpt: Redis [\\d.]+ at redis://127\\.0\\.0\\.1:${port} answers PING$`));
  });

  it('exits 1 after --timeout when nothing listens, naming the host', async () => {
    const port = await freePort();
    const r = await run('--redis', `redis://127.0.0.1:${port}`, '--timeout', '1.5');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^dpt: error: redis://127\\.0\\.0\\.1:${port}: Redis did not answer PING within 1\\.5s \\(\\d+ attempts; last: cannot connect to Redis at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    expect(r.ms).toBeGreaterThanOrEqual(1400);
    expect(r.ms).toBeLessThan(15_000); // a busy machine may be slow, never endless
  });

  it('a wrong or missing password ends it at once with the reason, without waiting out the timeout', async () => {
    const redis = await startPrivateRedis({ args: ['--requirepass', 'the-right-one-0123'], dir: tempDir('wait-auth') });
    try {
      const wrong = 'a-wrong-password-4567';
      let r = await run('--redis', redis.url.replace('redis://', `redis://:${wrong}@`), '--timeout', '60');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^dpt: error: redis:\/\/\*\*\*@127\.0\.0\.1:\d+: Redis rejected the credentials \(WRONGPASS\)/);
      expect(r.out + r.err).not.toContain(wrong);
      expect(r.ms).toBeLessThan(20_000);
      r = await run('--redis', redis.url, '--timeout', '60');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/NOAUTH: it requires a password/);
      r = await run('--redis', redis.url.replace('redis://', 'redis://:the-right-one-0123@'), '--timeout', '5', '--quiet');
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe('');
    } finally {
      await redis.stop();
    }
  });

  it('reads REDIS_URL; bad usage exits 2', async () => {
    vi.stubEnv('REDIS_URL', '');
    try {
      let r = await run();
      expect(r.code).toBe(2);
      expect(r.err).toBe('dpt: error: --redis: required (or set REDIS_URL): the Redis to wait for');
      vi.stubEnv('REDIS_URL', 'redis://127.0.0.1:1');
      for (const bad of ['0', '-1', 'soon']) {
        r = await run('--timeout', bad);
        expect(r.code, bad).toBe(2);
        expect(r.err).toBe(`dpt: error: --timeout: expected seconds > 0, got "${bad}"`);
      }
      r = await run('--timeout', '0.3');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^dpt: error: redis:\/\/127\.0\.0\.1:1: Redis did not answer PING within 0\.3s/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
