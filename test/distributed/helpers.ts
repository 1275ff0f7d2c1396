// Helpers for the multi-process tests: one Redis per test file (see
// test/helpers/redis.ts), a fresh key prefix per run, temp output folders.

import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { trainCommand, type TrainOptions } from '../../cli/train-command.js';
import type { ConfigFlags } from '../../lib/config.js';
import type { RunSummary } from '../../lib/train/run-files.js';
import { uniquePrefix } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-files.js';
import { TEST_SECRET } from '../helpers/lease.js';
import { readCheckpointFile } from '../../lib/wire/files.js';

export function tempOut(name: string): string {
  return join(tempDir(name), 'out');
}

/** `dpt train` in this process: --workers 0 in-process, N > 0 forks N real worker processes. */
export async function train(flags: ConfigFlags, workers: number, redisUrl: string, extra: Partial<TrainOptions> = {}): Promise<RunSummary> {
  return trainCommand({ ...flags, ...extra, workers: String(workers), redis: redisUrl, prefix: uniquePrefix('train'), out: tempOut('train'), quiet: true });
}

/** Children still running when the test process exits (a test that timed out) are killed, not orphaned. */
const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((c) => c.kill('SIGKILL')));

/** Kills `child` if it outlives this test process. */
export function reap(child: ChildProcess): ChildProcess {
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/** Runs the CLI from source as a real process; resolves with its exit code and output. */
export function spawnDpt(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<{ code: number | null; out: string; err: string }> } {
  // Coordinators and workers need a shared secret; tests that check its absence pass DPT_SECRET: ''.
  const child = reap(spawn(process.execPath, ['--import', 'tsx', DPT_DEV, ...args], { env: { ...process.env, DPT_SECRET: TEST_SECRET.toString(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
  return { child, done };
}

const DPT_DEV = fileURLToPath(new URL('../../scripts/dpt-dev.ts', import.meta.url));

/** Resolves once the checkpoint in `dir` has reached `epoch` epochs done. */
export async function checkpointReached(dir: string, epoch: number): Promise<void> {
  const path = join(dir, 'checkpoint.dpt');
  for (;;) {
    if (existsSync(path)) {
      try {
        if ((await readCheckpointFile(path)).nextEpoch >= epoch) return;
      } catch {
        // being replaced right now; look again
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A redis-server on a fixed port (so a restart comes back at the same address), answering PING when this resolves. */
export async function startRedisOnPort(port: number, args: string[], cwd?: string): Promise<ChildProcess> {
  const child = reap(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--maxmemory-policy', 'noeviction', ...args],
    { stdio: 'ignore', cwd }));
  const client = new Redis({ port, lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
  client.on('error', () => {});
  await client.connect().catch(() => {});
  await client.ping();
  client.disconnect();
  return child;
}
