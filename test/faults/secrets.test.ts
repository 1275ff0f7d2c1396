// Issue 17: a Redis password reaches the workers `dpt train` forks through
// their environment, never their command line (`ps` shows command lines to
// every user), and appears in no log line (at debug level) and no output file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../../lib/redis/private-redis.js';
import { spawnDpt, tempOut } from '../distributed/helpers.js';
import { uniquePrefix } from '../helpers/redis.js';
import { childPids, commandLine } from '../helpers/processes.js';

const PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
let server: PrivateRedis;
beforeAll(async () => {
  server = await startPrivateRedis({ args: ['--requirepass', PASSWORD] });
});
afterAll(async () => {
  await server?.stop();
});

/** Runs `dpt train --workers 2`, reading the workers' command lines while they run. */
async function trainWatchingWorkers(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; workerArgs: string[][]; out: string }> {
  const out = tempOut('secrets');
  const train = spawnDpt(['train', '--preset', 'parity', '--epochs', '2', '--workers', '2', '--prefix', uniquePrefix('secrets'), '--out', out, ...args],
    { DPT_LOG_LEVEL: 'debug', ...env });
  const workerArgs = new Map<number, string[]>();
  const watch = setInterval(() => {
    for (const pid of childPids(train.child.pid!)) {
      const argv = commandLine(pid);
      if (argv.includes('worker')) workerArgs.set(pid, argv);
    }
  }, 20);
  const r = await train.done;
  clearInterval(watch);
  return { code: r.code, output: r.out + r.err, workerArgs: [...workerArgs.values()], out };
}

/** Every file the run wrote, as text (model.dpt too: its config would show a URL). */
function outputFiles(dir: string): string {
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'latin1')).join('\n');
}

describe('a Redis password in a dpt train run', () => {
  it.each([
    ['REDIS_URL', [] as string[], (url: string) => ({ REDIS_URL: url })],
    ['--redis', ['--redis'], () => ({ REDIS_URL: '' })],
  ])('given in %s: not on the workers\' command lines, in no log line at debug level, in no output file', async (_how, flag, env) => {
    const url = `redis://:${PASSWORD}@127.0.0.1:${server.port}`;
    const r = await trainWatchingWorkers(flag.length ? [...flag, url] : [], env(url));
    expect(r.code, r.output).toBe(0);
    expect(r.workerArgs).toHaveLength(2);
    for (const argv of r.workerArgs) {
      expect(argv).toContain('worker');
      expect(argv.join(' ')).not.toContain(PASSWORD);
      expect(argv.join(' ')).not.toContain('redis://');
    }
    // Debug level: the coordinator's per-step lines and the workers' per-job lines are there, the password is not.
    expect(r.output).toMatch(/"msg":"step"/);
    expect(r.output).not.toContain(PASSWORD);
    expect(readFileSync(join(r.out, 'summary.json'), 'utf8')).not.toContain(PASSWORD);
    expect(outputFiles(r.out)).not.toContain(PASSWORD);
  });
});
