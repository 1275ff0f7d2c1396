// Runs in every test file (vitest.config.ts, setupFiles): removes the
// file's tempDir() folders when it ends, and fails the file, naming what it
// left, when a `dpt-*` entry it made is still in the temp dir. Test files
// run one at a time (fileParallelism: false), in a temp dir of the run's own
// (global-setup.ts), so what appears there during a file is that file's.

import { afterAll } from 'vitest';
import { dptEntries, leftovers, removeTempDirs } from './temp-files.js';

const before = dptEntries();

// Registered before the file's own hooks, so it runs after all of them (afterAll runs in reverse).
afterAll(async () => {
  removeTempDirs();
  const left = await leftovers(before);
  if (left.length > 0) throw new Error(`this test file left ${left.length} temporary folder(s) in ${process.env.TMPDIR}: ${left.join(', ')}`);
});
