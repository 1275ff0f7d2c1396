// A checkpointed run continued with more --epochs: the same bits as a run
// that asked for the larger number from the start. Fewer epochs than the
// checkpoint has done, or any other change, is refused.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { tempDir } from '../helpers/temp-files.js';

const FLAGS = ['--preset', 'parity', '--batch-size', '16', '--shard-size', '4', '--seed', '4'];
const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

describe('continuing a checkpoint with more epochs', () => {
  it('gives the bits of the longer run, its history whole', { timeout: 60_000 }, async () => {
    const dir = tempDir('continue');
    const ckpt = join(dir, 'ckpt');
    const run = async (...args: string[]) => {
      const r = await runMain('train', ...FLAGS, ...args, '--quiet');
      expect(r.code, r.err).toBe(0);
    };
    await run('--epochs', '30', '--out', join(dir, 'long'));
    await run('--epochs', '12', '--out', join(dir, 'short'), '--checkpoint-dir', ckpt);
    await run('--epochs', '30', '--out', join(dir, 'continued'), '--checkpoint-dir', ckpt);
    const long = summaryOf(join(dir, 'long'));
    const continued = summaryOf(join(dir, 'continued'));
    expect(summaryOf(join(dir, 'short')).paramsSha256).not.toBe(long.paramsSha256);
    expect(continued.paramsSha256).toBe(long.paramsSha256);
    expect(continued.config).toEqual(long.config);
    expect([continued.epochs, continued.steps]).toEqual([30, long.steps]);
    const metrics = readFileSync(join(dir, 'continued', 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(metrics).toHaveLength(30);

    const fewer = await runMain('train', ...FLAGS, '--epochs', '20', '--out', join(dir, 'x'), '--checkpoint-dir', ckpt, '--quiet');
    expect(fewer.code).toBe(2);
    expect(fewer.err).toMatch(/--epochs: .*checkpoint\.dpt has 30 of its 30 epochs done already; ask for at least 30/);
    const other = await runMain('train', ...FLAGS, '--epochs', '40', '--eta', '0.1', '--out', join(dir, 'x'), '--checkpoint-dir', ckpt, '--quiet');
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/--checkpoint-dir: .*different configuration/);

    // Refused in the finished run's own folder: its summary stays as it was (bad input loses nothing).
    const before = readFileSync(join(dir, 'continued', 'summary.json'), 'utf8');
    for (const args of [['--epochs', '20'], ['--epochs', '40', '--eta', '0.1']]) {
      const again = await runMain('train', ...FLAGS, ...args, '--out', join(dir, 'continued'), '--checkpoint-dir', ckpt, '--quiet');
      expect(again.code).toBe(2);
      expect(readFileSync(join(dir, 'continued', 'summary.json'), 'utf8')).toBe(before);
    }
    expect(JSON.parse(before)).toMatchObject({ status: 'finished', paramsSha256: long.paramsSha256 });
  });

  it('continues a warm-started run only from the same starting weights, and its summary names them', { timeout: 60_000 }, async () => {
    const dir = tempDir('continue-init');
    const ok = async (...args: string[]) => {
      const r = await runMain('train', ...FLAGS, ...args, '--quiet');
      expect(r.code, r.err).toBe(0);
    };
    await ok('--epochs', '5', '--out', join(dir, 'w'));
    const weights = join(dir, 'w', 'model.dpt');
    const warm = join(dir, 'warm-ckpt');
    await ok('--epochs', '8', '--init-from', weights, '--out', join(dir, 'warm'), '--checkpoint-dir', warm);
    const without = await runMain('train', ...FLAGS, '--epochs', '10', '--out', join(dir, 'x'), '--checkpoint-dir', warm, '--quiet');
    expect(without.code).toBe(2);
    expect(without.err).toMatch(/--init-from: .*started from the weights of .*model\.dpt \(sha256 [0-9a-f]{64}\); give that file again/);
    await ok('--epochs', '10', '--init-from', weights, '--out', join(dir, 'warm10'), '--checkpoint-dir', warm);
    expect(summaryOf(join(dir, 'warm10')).initFrom).toEqual(summaryOf(join(dir, 'warm')).initFrom);

    const fresh = join(dir, 'fresh-ckpt');
    await ok('--epochs', '3', '--out', join(dir, 'fresh'), '--checkpoint-dir', fresh);
    const added = await runMain('train', ...FLAGS, '--epochs', '4', '--init-from', weights, '--out', join(dir, 'y'), '--checkpoint-dir', fresh, '--quiet');
    expect(added.code).toBe(2);
    expect(added.err).toMatch(/--init-from: .*started from fresh weights \(no --init-from\); leave --init-from out/);
  });
});
