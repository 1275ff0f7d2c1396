// The CLI end to end, in-process: train writes its outputs, eval and predict
// read the model back, and bad input exits 2 with a message naming the flag.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../data/idx-helpers.js';
import { tempDir } from '../helpers/temp-files.js';
import { runMain } from '../helpers/run-main.js';

const run = runMain;

describe('dpt train / eval / predict', () => {
  const dir = tempDir('cli');
  const out = join(dir, 'parity');

  it('train --preset parity --workers 0 writes summary, metrics and model', async () => {
    const r = await run('train', '--preset', 'parity', '--workers', '0', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/epoch 1000\/1000 .*test-acc 1\.0000/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ testAccuracy: 1, epochs: 1000, steps: 88000, samples: 700000, workers: 0 });
    expect(summary.paramsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.config).toMatchObject({ dataset: 'parity', structure: [10, 3, 2], batchSize: 8, eta: 0.3 });
    for (const k of ['trainError', 'seconds', 'samplesPerSecond']) expect(typeof summary[k]).toBe('number');
    const lines = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(1000);
    expect(JSON.parse(lines[999])).toMatchObject({ epoch: 999, testAccuracy: 1 });
  });

  it('eval prints accuracy and a confusion matrix', async () => {
    const r = await run('eval', join(out, 'model.dpt'), '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.accuracy).toBe(1);
    expect(result.confusion).toEqual([[162, 0], [0, 162]]);
  });

  it('predict classifies test-set samples by index', async () => {
    const r = await run('predict', join(out, 'model.dpt'), '--index', '0', '--index', '5', '--json');
    expect(r.code).toBe(0);
    const [a, b] = r.out.split('\n').map((l) => JSON.parse(l));
    // Test sample 0 is e = 700 (even: class 1), sample 5 is e = 705 (odd: class 0).
    expect(a).toMatchObject({ sample: 0, predicted: 1, label: 1 });
    expect(b).toMatchObject({ sample: 5, predicted: 0, label: 0 });
  });

  it('predict classifies the images of a user IDX file (gzip too)', async () => {
    // 0000000110 (6, even: class 1) and 1111111111 (1023, odd: class 0), as an IDX ubyte file.
    const bits = [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const file = join(dir, 'two.idx.gz');
    writeFileSync(file, gzipSync(encodeIdx(0x08, [2, 10], bits)));
    const r = await run('predict', join(out, 'model.dpt'), '--idx', file, '--json');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').map((l) => JSON.parse(l).predicted)).toEqual([1, 0]);
    const wrong = join(dir, 'wrong.idx');
    writeFileSync(wrong, encodeIdx(0x08, [1, 9], bits.slice(0, 9)));
    const bad = await run('predict', join(out, 'model.dpt'), '--idx', wrong);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--idx: .*9 values but the model expects 10 inputs/);
  });

  it.each([
    [['train', '--preset', 'parity', '--eta', '0'], /--eta/],
    [['train', '--preset', 'parity', '--batch-size', '0'], /--batch-size/],
    [['train', '--preset', 'nope'], /--preset: unknown preset "nope"/],
    [['train', '--preset', 'parity', '--structure', '784,32,10'], /--structure: the input layer has 784 units/],
    [['train', '--preset', 'parity', '--workers', '2', '--shards-per-job', '0'], /--shards-per-job: expected auto or a whole number of shards \(1\.\.65536\), got "0"/],
    [['train', '--preset', 'parity', '--workers', '2', '--shards-per-job', 'many'], /--shards-per-job: .*got "many"/],
  ])('refuses %j before training, exit 2', async (args, message) => {
    const r = await run(...(args as string[]), '--out', join(dir, 'refused'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('refuses a corrupt model file with exit 2 and a clear message', async () => {
    const bad = join(dir, 'bad.dpt');
    const bytes = readFileSync(join(out, 'model.dpt'));
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(bad, bytes);
    const r = await run('eval', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.dpt.*checksum/i);
  });
});
