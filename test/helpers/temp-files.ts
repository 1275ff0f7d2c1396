// Temporary folders of the tests, and the check that no test leaves any.
//
// Every test run gets a private TMPDIR (test/helpers/global-setup.ts), so
// what a test file leaves there is its own and nobody else's: other runs on
// the same machine, in the same /tmp, cannot make the check fail, nor hide a
// leftover. tempDir() folders are removed after their test file; then each
// file (test/helpers/setup-file.ts) and the whole run are checked for
// `dpt-*` entries that are still there, the processes they started included
// (a private redis-server's folder, a run's output).

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh `dpt-<name>-XXXXXX` folder in the temp dir, removed when the test file ends. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dpt-${name}-`));
  made.push(dir);
  return dir;
}

/** Removes the folders tempDir() made (setup-file.ts, after each test file). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The `dpt-*` entries of `dir` (the temp dir by default). */
export function dptEntries(dir = tmpdir()): string[] {
  try {
    return readdirSync(dir).filter((name) => name.startsWith('dpt-')).sort();
  } catch {
    return [];
  }
}

/**
 * The entries of `now` not in `before`, once they have stopped going away:
 * a process a test killed may still be removing its folder, so this waits up
 * to `graceMs` for the list to empty.
 */
export async function leftovers(before: readonly string[], graceMs = 3000, dir = tmpdir()): Promise<string[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const left = dptEntries(dir).filter((name) => !before.includes(name));
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}
