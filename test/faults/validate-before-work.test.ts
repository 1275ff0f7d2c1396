// Issue 17: every flag is checked against what the wire (uint32 counts),
// Redis (one value per weights snapshot) and memory can take, and the output
// folders are made, before any work: a bad value fails at once, exit code 2,
// naming the flag, instead of after training (or never).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../helpers/run-main.js';
import { tempDir } from '../helpers/temp-files.js';


const dir = tempDir('validate');
// Nothing listens there: a command that got as far as Redis would fail with exit code 1, not 2.
const NO_REDIS = ['--redis', 'redis://127.0.0.1:1'];

describe('dpt train refuses, before any work', () => {
  it.each([
    [['--batch-size', '5000000000'], /^dpt: error: --batch-size: must be between 1 and 4294967295, got 5000000000$/],
    [['--shard-size', '99999999999999999999'], /^dpt: error: --shard-size: must be between 1 and 4294967295/],
    [['--epochs', '4294967296'], /^dpt: error: --epochs: must be between 1 and 4294967295/],
    [['--train-limit', '4294967296'], /--train-limit: must be between 0 and 4294967295/],
    [['--test-limit', '1e3'], /--test-limit: expected a whole number, got "1e3"/],
    [['--max-steps', '4294967296'], /--max-steps: must be between 0 and 4294967295/],
    [['--structure', '10,4294967296,2'], /--structure: layer 1 size must be at most 4294967295, got 4294967296/],
    // 1.6 billion parameters: 6.3 GB of float32, more than one Redis value holds.
    [['--structure', '10,160000000,2'], /--structure: 10,160000000,2 has 2,080,000,002 parameters, 7\.7 GB of float32; the weights must fit one Redis value/],
    [['--structure', '10,30000000,2', '--dtype', 'float64'], /--structure: .* of float64; the weights must fit one Redis value/],
    // One shard of 40 million samples through 10+3+2 units: 4.5 GB of activations and deltas.
    [['--shard-size', '40000000', '--batch-size', '40000000'], /--shard-size: a shard of 40,000,000 samples through layers 10,3,2 needs 4\.5 GB of float32 workspace, more than the 1\.0 GB allowed/],
    [['--shard-size', '80000000', '--batch-size', '40000000'], /--batch-size: a shard of 40,000,000 samples/],
    // 4 billion epochs of 88 steps: the step counter (uint32 on the wire) would overflow.
    [['--epochs', '4294967295'], /--epochs: 4294967295 epochs of 88 steps are 377957121960 steps, more than the 4294967295 a run can count/],
  ])('train --preset parity %j: exit 2, naming the flag, at once', async (args, message) => {
    for (const workers of ['0', '2']) {
      const r = await run('train', '--preset', 'parity', ...args, '--workers', workers, ...NO_REDIS, '--out', join(dir, 'refused'));
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.ms).toBeLessThan(1000);
    }
  });

  it('a huge batch of small shards is fine: only min(shard, batch) samples are ever in memory', async () => {
    const r = await run('train', '--preset', 'parity', '--batch-size', '4294967295', '--epochs', '2', '--workers', '0', '--out', join(dir, 'big-batch'));
    expect(r.code, r.err).toBe(0);
  });

  it('--out or --checkpoint-dir that is a file, or under one: exit 2 before the broker or the first step', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    for (const workers of ['0', '2']) {
      const flags = ['train', '--preset', 'parity', '--workers', workers, ...NO_REDIS];
      let r = await run(...flags, '--out', file);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toBe(`dpt: error: --out: ${file} exists and is not a folder`);
      r = await run(...flags, '--out', join(file, 'sub'));
      expect(r.code, r.err).toBe(2);
      expect(r.err).toBe(`dpt: error: --out: cannot create or write the folder ${join(file, 'sub')}: a part of the path is a file, not a folder`);
      r = await run(...flags, '--out', join(dir, 'fine'), '--checkpoint-dir', file);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toBe(`dpt: error: --checkpoint-dir: ${file} exists and is not a folder`);
      expect(r.ms).toBeLessThan(1000);
    }
  });

  it.skipIf(process.getuid?.() === 0)('an --out folder that cannot be written: exit 2', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    const r = await run('train', '--preset', 'parity', '--out', join(locked, 'out'));
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/--out: cannot create or write the folder .*: permission denied/);
  });

  it('makes both folders before the first step', async () => {
    const out = join(dir, 'made', 'out');
    const ckpt = join(dir, 'made', 'ckpt');
    const r = await run('train', '--preset', 'parity', '--max-steps', '1', '--out', out, '--checkpoint-dir', ckpt);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    expect(existsSync(ckpt)).toBe(true);
  });
});
