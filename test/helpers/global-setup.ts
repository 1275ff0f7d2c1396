// vitest globalSetup: the whole run gets a private TMPDIR (a `dpt-vitest-*`
// folder in the real one), inherited by the test workers and every process
// they start. At the end, the run fails (exit code 1) if any `dpt-*` entry is
// left in it, listing them; then the folder is removed, so a run leaves
// nothing in the machine's temp dir either way.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { dptEntries } from './temp-files.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'dpt-vitest-'));
  // tsx keeps its compile cache in <tmpdir>/tsx-<uid>: share the machine's, so
  // processes the tests spawn from source start as fast as elsewhere.
  const tsxCache = `tsx-${process.geteuid?.() ?? userInfo().username}`;
  mkdirSync(join(tmpdir(), tsxCache), { recursive: true });
  symlinkSync(join(tmpdir(), tsxCache), join(dir, tsxCache));
  process.env.TMPDIR = dir;
  // dpt coordinator and dpt worker serve metrics on 9464 by default: the processes the tests start serve
  // none unless a test asks (--metrics-port), so they never fight over the port or take a shared machine's.
  process.env.DPT_METRICS_PORT = '0';
  return () => {
    const left = dptEntries(dir);
    if (left.length > 0) {
      console.error(`\ndpt: the tests left ${left.length} temporary folder(s) behind (now removed): ${left.join(', ')}`);
      // Throwing here would only be printed: the exit code is how a run fails.
      process.exitCode = 1;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
