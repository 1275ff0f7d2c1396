// Worker processes forked by `dpt train --workers N`: real processes running
// the same `dpt worker` command a remote machine would, so the all-in-one
// run exercises exactly the distributed path.

import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { packageRoot } from '../lib/package-root.js';
import { NODE_FLAGS } from './node-flags.js';

/**
 * The command a child runs: the compiled CLI when we are compiled, or the
 * TypeScript entry through tsx when running from source (tests, dev).
 */
function cliEntry(): { script: string; execArgv: string[] } {
  return import.meta.url.endsWith('.ts')
    ? { script: join(packageRoot(), 'scripts', 'dpt-dev.ts'), execArgv: ['--import', 'tsx'] }
    : { script: join(packageRoot(), 'bin', 'dpt.js'), execArgv: [] };
}

export class LocalWorkers {
  private readonly children: ChildProcess[] = [];
  private readonly exits: Promise<number | null>[] = [];
  private failed: ((reason: Error) => void) | null = null;

  /**
   * Starts `count` workers for `runId`; `onCrash` fires if one exits with an
   * error before stop(). Their output goes to ours, or, with `onOutput`,
   * line by line to it (standard output only: their JSON log lines).
   */
  constructor(
    count: number, redisUrl: string, prefix: string, runId: string, logLevel: string, onCrash: (e: Error) => void,
    onOutput?: (line: string) => void,
  ) {
    const { script, execArgv } = cliEntry();
    this.failed = onCrash;
    for (let i = 0; i < count; i++) {
      const child = fork(script, ['worker', '--redis', redisUrl, '--prefix', prefix, '--run-id', runId], {
        execArgv: [...NODE_FLAGS, ...execArgv],
        env: { ...process.env, DPT_LOG_LEVEL: logLevel },
        stdio: ['ignore', onOutput ? 'pipe' : 'inherit', 'inherit', 'ipc'],
      });
      if (onOutput) createInterface({ input: child.stdout! }).on('line', onOutput);
      this.children.push(child);
      this.exits.push(new Promise((resolve) => {
        child.on('exit', (code, signal) => {
          if (code !== 0 && this.failed) this.failed(new Error(`worker ${i} (pid ${child.pid}) exited with ${code ?? signal}`));
          resolve(code);
        });
      }));
    }
  }

  /** Waits for the workers to exit on their own (the run is over), then terminates stragglers. */
  async stop(graceMs = 10_000): Promise<void> {
    this.failed = null;
    const timer = setTimeout(() => this.children.forEach((c) => c.exitCode === null && c.kill('SIGTERM')), graceMs);
    await Promise.all(this.exits);
    clearTimeout(timer);
  }

  /** Ends every worker now (a failed run). */
  async kill(): Promise<void> {
    this.failed = null;
    for (const c of this.children) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(this.exits);
  }
}
