// Worker processes forked by `dpt train --workers N`: real processes running
// the same `dpt worker` command a remote machine would, so the all-in-one
// run exercises exactly the distributed path. Secrets (the Redis URL, which
// may carry a password, and the run's secret) go to them in their
// environment, never on their command line, where `ps` shows them to anyone.

import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { WorkerExitError } from '../lib/errors.js';
import { packageRoot } from '../lib/package-root.js';
import { NODE_FLAGS } from './node-flags.js';
import { SECRET_ENV } from './secret.js';
import { OPTIONS } from '../lib/options.js';

/**
 * This process's environment without the options' variables: a worker's
 * options are what the launcher gives it (flags, REDIS_URL, the secret), and
 * a DPT_REDIS, DPT_SECRET_FILE or DPT_CONFIG meant for the parent would
 * outrank them in the worker (flags > env), sending it to another Redis or
 * sealing with another secret. DPT_REDIS_CA stays: the parent's --redis-ca
 * reaches its workers through it.
 */
export function workerEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const o of OPTIONS) for (const name of o.env) if (name !== 'DPT_REDIS_CA') delete env[name];
  return env;
}

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
   * Starts `count` workers for `runId`; `onCrash` fires (with a
   * WorkerExitError) if one is killed or exits with an error before stop().
   * Their output goes to ours, or, with `onOutput`, line by line to it
   * (standard output only: their JSON log lines). The workers inherit our
   * environment, so DPT_REDIS_CA and the like reach them too.
   */
  constructor(
    count: number, redisUrl: string, prefix: string, runId: string, logLevel: string, onCrash: (e: Error) => void,
    onOutput?: (line: string) => void,
    /** The run's secret (text bytes, see cli/secret.ts), handed over in the environment: never on a command line. */
    secret?: Uint8Array,
  ) {
    const { script, execArgv } = cliEntry();
    this.failed = onCrash;
    for (let i = 0; i < count; i++) {
      // No metrics server: N workers cannot share one port, and the coordinator serves what their results tell it.
      const child = fork(script, ['worker', '--prefix', prefix, '--run-id', runId, '--metrics-port', '0'], {
        execArgv: [...NODE_FLAGS, ...execArgv],
        env: { ...workerEnvironment(), REDIS_URL: redisUrl, DPT_LOG_LEVEL: logLevel, ...(secret ? { [SECRET_ENV]: Buffer.from(secret).toString() } : {}) },
        stdio: ['ignore', onOutput ? 'pipe' : 'inherit', 'inherit', 'ipc'],
      });
      if (onOutput) createInterface({ input: child.stdout! }).on('line', onOutput);
      this.children.push(child);
      this.exits.push(new Promise((resolve) => {
        child.on('exit', (code, signal) => {
          if (code !== 0 && this.failed) this.failed(new WorkerExitError(i, child.pid, code, signal));
          resolve(code);
        });
        // A process that could not be started (EAGAIN, ENOMEM) emits 'error' and never 'exit'.
        child.on('error', (e) => {
          if (this.failed) this.failed(e);
          resolve(null);
        });
      }));
    }
  }

  /** Waits for the workers to exit on their own (the run is over), then ends stragglers (SIGTERM, then SIGKILL). */
  async stop(graceMs = 10_000): Promise<void> {
    this.failed = null;
    const timer = setTimeout(() => void this.kill(), graceMs);
    await Promise.all(this.exits);
    clearTimeout(timer);
  }

  /**
   * Ends every worker now (a failed run): SIGTERM, so each finishes the job
   * in hand and leaves, then SIGKILL for any still there after `graceMs`
   * (one whose Redis is gone cannot say goodbye, and would wait for it).
   */
  async kill(graceMs = 2000): Promise<void> {
    this.failed = null;
    const alive = () => this.children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const c of alive()) c.kill('SIGTERM');
    const timer = setTimeout(() => alive().forEach((c) => c.kill('SIGKILL')), graceMs);
    await Promise.all(this.exits);
    clearTimeout(timer);
  }
}
