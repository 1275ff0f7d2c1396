// --init-from: a run continued from exported weights. Train 2 epochs, export
// to safetensors, train 2 more from that file in-process, with 2 forked
// workers, and as `dpt coordinator` + `dpt worker`: the same bits every time,
// and the summary names the file and its hash. A file that does not fit the
// structure is refused naming the tensor and both shapes.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { runMain } from '../helpers/run-main.js';
import { tempDir } from '../helpers/temp-files.js';
import { spawnDpt } from './helpers.js';

const redis = useTestRedis();
const MNIST = ['--preset', 'mnist', '--train-limit', '1024', '--test-limit', '200', '--epochs', '2'];
const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

describe('--init-from', () => {
  it('continues from exported weights with the same bits for 0 and 2 workers and a coordinator', { timeout: 180_000 }, async () => {
    const dir = tempDir('warm');
    const ok = async (...args: string[]) => {
      const r = await runMain(...args);
      expect(r.code, r.err).toBe(0);
    };
    await ok('train', ...MNIST, '--out', join(dir, 'first'), '--quiet');
    const weights = join(dir, 'first.safetensors');
    await ok('export', join(dir, 'first', 'model.dpt'), '--out', weights, '--quiet');
    await ok('export', join(dir, 'first', 'model.dpt'), '--out', join(dir, 'first.npz'), '--quiet');
    const fileSha = createHash('sha256').update(readFileSync(weights)).digest('hex');

    await ok('train', ...MNIST, '--init-from', weights, '--out', join(dir, 'w0'), '--quiet');
    await ok('train', ...MNIST, '--init-from', weights, '--workers', '2', '--redis', redis.url, '--prefix', uniquePrefix('warm'), '--out', join(dir, 'w2'), '--quiet');
    const w0 = summaryOf(join(dir, 'w0'));
    const w2 = summaryOf(join(dir, 'w2'));
    expect(w2.workers).toBe(2);
    expect(w2.paramsSha256).toBe(w0.paramsSha256);
    expect(w0.initFrom).toEqual({ file: weights, sha256: fileSha });
    // It did start from the file: not the fresh run's bits, and a better model than 2 fresh epochs.
    const first = summaryOf(join(dir, 'first'));
    expect(w0.paramsSha256).not.toBe(first.paramsSha256);
    expect(w0.trainError).toBeLessThan(first.trainError);
    // The same weights from model.dpt and .npz start the same run.
    await ok('train', ...MNIST, '--init-from', join(dir, 'first', 'model.dpt'), '--out', join(dir, 'wdpt'), '--quiet');
    await ok('train', ...MNIST, '--init-from', join(dir, 'first.npz'), '--out', join(dir, 'wnpz'), '--quiet');
    expect(summaryOf(join(dir, 'wdpt')).paramsSha256).toBe(w0.paramsSha256);
    expect(summaryOf(join(dir, 'wnpz')).paramsSha256).toBe(w0.paramsSha256);

    // dpt coordinator: the workers get the initial weights with the first broadcast.
    const prefix = uniquePrefix('warmc');
    const worker = spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'warm']);
    const coord = spawnDpt(['coordinator', '--run-id', 'warm', '--redis', redis.url, '--prefix', prefix, ...MNIST, '--init-from', weights, '--out', join(dir, 'wc')]);
    const [c, w] = await Promise.all([coord.done, worker.done]);
    expect(c.code, c.err).toBe(0);
    expect(w.code, w.err).toBe(0);
    expect(summaryOf(join(dir, 'wc')).paramsSha256).toBe(w0.paramsSha256);
  });

  it('refuses weights that do not fit the structure or dtype, naming the tensor and the shapes', { timeout: 60_000 }, async () => {
    const dir = tempDir('warm-bad');
    const flags = ['--preset', 'parity', '--epochs', '1'];
    expect((await runMain('train', ...flags, '--out', join(dir, 'p'), '--quiet')).code).toBe(0);
    const model = join(dir, 'p', 'model.dpt');
    const wider = await runMain('train', ...flags, '--structure', '10,4,2', '--init-from', model, '--out', join(dir, 'q'), '--quiet');
    expect(wider.code).toBe(2);
    expect(wider.err).toContain('tensor "layers.0.weight" has shape [3, 10] but structure 10,4,2 needs [4, 10]');
    const deeper = await runMain('train', ...flags, '--structure', '10,3,3,2', '--init-from', model, '--out', join(dir, 'q'), '--quiet');
    expect(deeper.code).toBe(2);
    expect(deeper.err).toMatch(/tensor "layers\.1\.weight" has shape \[2, 3\] but structure 10,3,3,2 needs \[3, 3\]/);
    const f64 = await runMain('train', ...flags, '--dtype', 'float64', '--init-from', model, '--out', join(dir, 'q'), '--quiet');
    expect(f64.code).toBe(2);
    expect(f64.err).toMatch(/tensor "layers\.0\.weight" is float32 .* but the config's dtype is float64/);
    const missing = await runMain('train', ...flags, '--init-from', join(dir, 'nope.safetensors'), '--out', join(dir, 'q'), '--quiet');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.safetensors: no such weights file/);
  });

  it('reruns a warm-started run from its summary.json, from the same weights only', { timeout: 60_000 }, async () => {
    const dir = tempDir('warm-rerun');
    const flags = ['--preset', 'parity', '--epochs', '3'];
    expect((await runMain('train', ...flags, '--out', join(dir, 'p'), '--quiet')).code).toBe(0);
    const weights = join(dir, 'p', 'model.dpt');
    expect((await runMain('train', ...flags, '--init-from', weights, '--out', join(dir, 'warm'), '--quiet')).code).toBe(0);
    const warm = JSON.parse(readFileSync(join(dir, 'warm', 'summary.json'), 'utf8'));
    const again = await runMain('train', '--config', join(dir, 'warm', 'summary.json'), '--out', join(dir, 'again'), '--quiet');
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'again', 'summary.json'), 'utf8')).paramsSha256).toBe(warm.paramsSha256);
    // Other weights under the same name: refused, not silently another run.
    expect((await runMain('train', ...flags, '--seed', '8', '--out', join(dir, 'p'), '--quiet')).code).toBe(0);
    const other = await runMain('train', '--config', join(dir, 'warm', 'summary.json'), '--out', join(dir, 'other'), '--quiet');
    expect(other.code).toBe(2);
    expect(other.err).toContain(`${weights}: its SHA-256 is `);
    expect(other.err).toContain(`not ${warm.initFrom.sha256} (--init-sha256)`);
  });
});
