import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { checkRedis, connectRedis } from '../../lib/redis/connect.js';
import { startPrivateRedis } from '../../lib/redis/private-redis.js';
import { BrokerError } from '../../lib/errors.js';

/** Alive and not a zombie: an orphan killed with its parent stays a zombie until init reaps it. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('startPrivateRedis', () => {
  it('starts a server of its own that answers PING, and stop() really stops it', async () => {
    const server = await startPrivateRedis();
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    const redis = new Redis(server.url);
    try {
      expect(await redis.ping()).toBe('PONG');
      // The server on that port is our child, not some other Redis.
      expect(await redis.info('server')).toContain(`process_id:${server.pid}`);
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await redis.config('GET', 'save')).toEqual(['save', '']);
    } finally {
      redis.disconnect();
    }
    // Its unix socket reaches the same server (connectRedis's URL form).
    const local = connectRedis(server.socketUrl, 'test-private-socket');
    try {
      expect(server.socketUrl).toMatch(new RegExp(`^unix:///.*/redis-${server.port}\\.sock$`));
      expect(await local.info('server')).toContain(`process_id:${server.pid}`);
    } finally {
      local.disconnect();
    }
    await server.stop();
    expect(isRunning(server.pid)).toBe(false);
    await expect(checkRedis(server.url, 1000)).rejects.toThrow(/cannot connect to Redis.*ECONNREFUSED/);
    await server.stop(); // a second stop is harmless
  });

  it('gives concurrent servers different ports', async () => {
    const servers = await Promise.all([startPrivateRedis(), startPrivateRedis(), startPrivateRedis()]);
    try {
      expect(new Set(servers.map((s) => s.port)).size).toBe(3);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });

  it('works in a given directory and leaves it in place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dpt-test-dir-'));
    const server = await startPrivateRedis({ dir });
    const redis = new Redis(server.url);
    try {
      expect(await redis.config('GET', 'dir')).toEqual(['dir', dir]);
    } finally {
      redis.disconnect();
      await server.stop();
    }
    expect(existsSync(dir)).toBe(true);
    await rm(dir, { recursive: true });
  });

  it("puts the server's own output in the error when it fails to start", async () => {
    const err = await startPrivateRedis({ args: ['--no-such-directive', 'x'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerError);
    expect((err as Error).message).toMatch(/exited .* before answering PING/);
    expect((err as Error).message).toMatch(/no-such-directive/i);
  });

  it('says how to get Redis when redis-server is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const err = await startPrivateRedis().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BrokerError);
      expect((err as BrokerError).url).toBe('redis-server');
      expect((err as BrokerError).reason).toBe(
        'no Redis URL was given (--redis or REDIS_URL) and no redis-server binary is on PATH; ' +
          'install Redis (apt-get install redis-server) or pass --redis redis://host:6379',
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it('neither keeps its parent alive nor outlives it when stop() is never called', async () => {
    const fixture = join(import.meta.dirname, 'fixtures', 'exit-without-stop.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fixture], {
      cwd: join(import.meta.dirname, '..', '..'),
      timeout: 20_000,
    });
    const { pid, port } = JSON.parse(stdout) as { pid: number; port: number };
    expect(isRunning(pid)).toBe(false);
    await expect(checkRedis(`redis://127.0.0.1:${port}`, 1000)).rejects.toThrow(/cannot connect/);
  });

  it.skipIf(process.platform === 'win32')('does not outlive a parent killed with SIGKILL (no exit hook runs)', async () => {
    const fixture = join(import.meta.dirname, 'fixtures', 'killed-parent.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.once('exit', (code) => reject(new Error(`fixture exited (${code}) before printing`)));
      });
      const { port } = JSON.parse(line) as { port: number };
      await checkRedis(`redis://127.0.0.1:${port}`, 1000); // up while its parent lives
      child.kill('SIGKILL');
      const deadline = Date.now() + 5000;
      for (;;) {
        try {
          await checkRedis(`redis://127.0.0.1:${port}`, 500);
        } catch {
          break; // gone
        }
        if (Date.now() > deadline) throw new Error(`redis-server on port ${port} still answers 5 s after its parent was killed`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      child.kill('SIGKILL');
    }
  });
});
