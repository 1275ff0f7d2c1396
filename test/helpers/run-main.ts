// The CLI's main() in this process, with what it prints captured: its exit
// code, its error lines and how long it took.

import { vi } from 'vitest';
import { main } from '../../cli/main.js';

export async function runMain(...args: string[]): Promise<{ code: number; err: string; ms: number }> {
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
  const started = performance.now();
  try {
    const code = await main(['node', 'dpt', ...args]);
    return { code, err: err.join('\n'), ms: performance.now() - started };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
