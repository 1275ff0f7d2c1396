// Issue 17: `dpt train --workers 2` when one of its processes dies. A worker
// SIGKILLed mid-run ends the run with one line naming it (exit code 1) and the
// run marked failed in Redis; the private redis-server SIGKILLed mid-run ends
// it within seconds, one line, exit code 1, instead of reconnecting forever.
import { describe, expect, it } from 'vitest';
import { connectRedis } from '../../lib/redis/connect.js';
import { RunKeys } from '../../lib/redis/keys.js';
import { spawnDpt, tempOut } from '../distributed/helpers.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { childPids, commandLine, descendants, waitFor } from '../helpers/processes.js';

const redis = useTestRedis();
const LONG_RUN = ['train', '--preset', 'parity', '--epochs', '1000', '--workers', '2'];

/** Resolves once `text` (what a child printed so far) matches. */
function printed(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (d) => {
      text += d;
      if (pattern.test(text)) resolve();
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('dpt train --workers 2, a process of the run killed', () => {
  it('a worker SIGKILLed: one line naming it, exit code 1, the run marked failed, the other worker gone', async () => {
    const prefix = uniquePrefix('worker-death');
    const train = spawnDpt([...LONG_RUN, '--redis', redis.url, '--prefix', prefix, '--out', tempOut('worker-death')]);
    await printed(train.child.stdout!, /epoch +1\/1000/);
    const workers = childPids(train.child.pid!).filter((pid) => commandLine(pid).includes('worker'));
    expect(workers).toHaveLength(2);
    const runId = commandLine(workers[0])[commandLine(workers[0]).indexOf('--run-id') + 1];
    const killed = performance.now();
    process.kill(workers[1], 'SIGKILL');
    const r = await train.done;
    const seconds = (performance.now() - killed) / 1000;
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(new RegExp(`^dpt: error: worker 1 \\(pid ${workers[1]}\\) was killed by SIGKILL before the run was over\\n$`));
    expect(seconds).toBeLessThan(5);
    expect(alive(workers[0])).toBe(false);
    const client = connectRedis(redis.url, 'test-worker-death');
    try {
      expect(await client.get(new RunKeys(prefix, runId).status)).toBe('failed');
    } finally {
      client.disconnect();
    }
    console.log(`worker SIGKILL -> dpt train exited in ${seconds.toFixed(2)} s`);
  }, 60_000);

  it('its private redis-server SIGKILLed: one line saying so and exit code 1 within seconds, no reconnect flood', async () => {
    const train = spawnDpt([...LONG_RUN, '--out', tempOut('redis-death')], { REDIS_URL: '' });
    await printed(train.child.stdout!, /epoch +1\/1000/);
    const server = await waitFor('the private redis-server', () => descendants(train.child.pid!).find((pid) => commandLine(pid)[0]?.startsWith('redis-server')));
    const workers = childPids(train.child.pid!).filter((pid) => commandLine(pid).includes('worker'));
    expect(workers).toHaveLength(2);
    const killed = performance.now();
    process.kill(server, 'SIGKILL');
    const r = await train.done;
    const seconds = (performance.now() - killed) / 1000;
    expect(r.code, r.err).toBe(1);
    const errors = r.err.split('\n').filter((l) => l.startsWith('dpt: error:'));
    expect(errors).toEqual([`dpt: error: redis-server: the private redis-server (pid ${server}) was killed by SIGKILL during the run; ` +
      'nothing can continue without it (was it killed by hand, or by the out-of-memory killer?)']);
    expect(r.err.trimEnd().split('\n').at(-1)).toBe(errors[0]);
    expect(seconds).toBeLessThan(5);
    // Connection errors of the coordinator and both workers, all told: a handful, not one per retry.
    expect((r.out + r.err).split('\n').filter((l) => /ECONNREFUSED|ENOENT|reconnect/.test(l)).length).toBeLessThan(30);
    for (const pid of workers) expect(alive(pid)).toBe(false);
    console.log(`redis-server SIGKILL -> dpt train exited in ${seconds.toFixed(2)} s`);
  }, 60_000);
});

