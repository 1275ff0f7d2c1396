// Looking at the processes a test started, through /proc (Linux): who are
// the children of a `dpt train`, what is on their command line. Only ever
// the test's own process trees: nothing here looks processes up by name.

import { readdirSync, readFileSync } from 'node:fs';

/** The pids whose parent is `pid`. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** Every process below `pid`, children first. */
export function descendants(pid: number): number[] {
  const all: number[] = [];
  for (let frontier = [pid]; frontier.length > 0;) {
    const next = frontier.flatMap(childPids);
    all.push(...next);
    frontier = next;
  }
  return all;
}

/** The command line of `pid` as its arguments ('' once the process is gone). */
export function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  } catch {
    return [];
  }
}

/** Polls `find` every 50 ms until it returns a value, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, find: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
