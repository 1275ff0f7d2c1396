// Issue 17: a test run leaves no `dpt-*` folder in the temp dir, and says so
// when one does. A test file that leaves one fails, naming it, and so does
// the run (exit code 1); a `dpt train` killed with SIGKILL leaves no private
// redis-server folder behind (the server's watchdog removes it).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { reap } from '../distributed/helpers.js';
import { dptEntries, leftovers } from '../helpers/temp-files.js';

const root = join(import.meta.dirname, '..', '..');

describe('temporary folders', () => {
  it('a test file that leaves a dpt-* folder fails, naming it, and the run exits 1', async () => {
    const config = join(import.meta.dirname, 'fixtures', 'leftovers.config.ts');
    const r = await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', config], {
      cwd: root, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout: 60_000,
    }).then(() => ({ code: 0, out: '' }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL +test\/faults\/fixtures\/leaves-a-folder\.fixture\.ts/);
    expect(r.out).toMatch(/this test file left 1 temporary folder\(s\) in .*dpt-vitest-\w+: dpt-forgotten-\w+/);
    expect(r.out).toMatch(/the tests left 1 temporary folder\(s\) behind \(now removed\): dpt-forgotten-\w+/);
  });

  it.skipIf(process.platform === 'win32')('a parent killed with SIGKILL: its private redis-server goes, and its folder too', async () => {
    const before = dptEntries();
    const child = reap(spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'redis', 'fixtures', 'killed-parent.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }));
    await new Promise<void>((resolve) => child.stdout!.on('data', () => resolve()));
    const made = dptEntries().filter((name) => !before.includes(name));
    expect(made).toEqual([expect.stringMatching(/^dpt-redis-/)]);
    child.kill('SIGKILL');
    // The watchdog polls its parent once a second.
    expect(await leftovers(before, 5000)).toEqual([]);
    expect(existsSync(join(tmpdir(), made[0]))).toBe(false);
  });
});
