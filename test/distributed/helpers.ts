// Helpers for the multi-process tests: one Redis per test file (see
// test/helpers/redis.ts), a fresh key prefix per run, temp output folders.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainCommand } from '../../lib/cli/train-command.js';
import type { ConfigFlags } from '../../lib/train/config-parse.js';
import type { RunSummary } from '../../lib/train/run-outputs.js';
import { uniquePrefix } from '../helpers/redis.js';

export function tempOut(name: string): string {
  return join(mkdtempSync(join(tmpdir(), `dpt-${name}-`)), 'out');
}

/** `dpt train` in this process: --workers 0 in-process, N > 0 forks N real worker processes. */
export async function train(flags: ConfigFlags, workers: number, redisUrl: string): Promise<RunSummary> {
  return trainCommand({ ...flags, workers: String(workers), redis: redisUrl, prefix: uniquePrefix('train'), out: tempOut('train'), quiet: true });
}
