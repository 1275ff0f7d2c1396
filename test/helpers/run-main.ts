// The CLI's main() in this process, with what it prints captured: its exit
// code, its output and error lines, and how long it took.

import { vi } from 'vitest';
import { main } from '../../cli/main.js';

export async function runMain(...args: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  const error = vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
  const started = performance.now();
  try {
    const code = await main(['node', 'dpt', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n'), ms: performance.now() - started };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
