// Killed and restarted: a coordinator (or a local trainer) killed with
// SIGKILL resumes from its last epoch checkpoint and ends with the same bits
// as a run that never stopped; a checkpoint of another config is refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { checkpointReached, spawnDpt, tempOut, train } from './helpers.js';
import { readCheckpointFile } from '../../lib/wire/files.js';

const redis = useTestRedis();

const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));

describe('resuming from a checkpoint', () => {
  const flags = ['--preset', 'parity', '--epochs', '40', '--batch-size', '16', '--shard-size', '4'];
  const config = { preset: 'parity', epochs: '40', batchSize: '16', shardSize: '4' };

  it('dpt coordinator killed mid-run and restarted gives the uninterrupted bits; workers carry on', async () => {
    const expected = await train(config, 0, redis.url);
    const prefix = uniquePrefix('resume');
    const ckpt = tempOut('ckpt');
    const out = tempOut('resume');
    const args = ['coordinator', '--run-id', 'resume-1', '--redis', redis.url, '--prefix', prefix, ...flags, '--out', out, '--checkpoint-dir', ckpt];
    const workers = [1, 2].map(() => spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'resume-1']));
    const first = spawnDpt(args);
    await checkpointReached(ckpt, 5);
    first.child.kill('SIGKILL');
    await first.done;
    const second = await spawnDpt(args).done;
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/resumed from .*checkpoint\.dpt at epoch/);
    const summary = summaryOf(out);
    expect(summary.paramsSha256).toBe(expected.paramsSha256);
    expect(summary.epochs).toBe(40);
    expect(readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(40);
    for (const w of workers) expect((await w.done).code).toBe(0);
  });

  it('a worker killed mid-run: its job is handed to another worker and the bits do not change', async () => {
    const expected = await train(config, 0, redis.url);
    const prefix = uniquePrefix('kill-worker');
    const out = tempOut('kill-worker');
    const worker = (lock: string) => spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'kw', '--lock-ms', lock]);
    const doomed = worker('1000');
    const survivor = worker('1000');
    const ckpt = tempOut('kw-ckpt');
    const coord = spawnDpt(['coordinator', '--run-id', 'kw', '--redis', redis.url, '--prefix', prefix, ...flags, '--out', out, '--checkpoint-dir', ckpt]);
    await checkpointReached(ckpt, 3); // mid-run: both workers busy
    doomed.child.kill('SIGKILL');
    const c = await coord.done;
    expect(c.code, c.err).toBe(0);
    expect(summaryOf(out).paramsSha256).toBe(expected.paramsSha256);
    expect((await survivor.done).code).toBe(0);
  });

  it('a worker paused mid-run (SIGSTOP) for 5 s: the run goes on with the other, late results from the paused one are dropped, the bits do not change', async () => {
    const expected = await train(config, 0, redis.url);
    const prefix = uniquePrefix('pause-worker');
    const out = tempOut('pause-worker');
    const worker = () => spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'pw']);
    const paused = worker();
    const other = worker();
    const ckpt = tempOut('pw-ckpt');
    const coord = spawnDpt(['coordinator', '--run-id', 'pw', '--redis', redis.url, '--prefix', prefix, ...flags, '--out', out, '--checkpoint-dir', ckpt]);
    await checkpointReached(ckpt, 3);
    paused.child.kill('SIGSTOP');
    const epochAt = async () => (await readCheckpointFile(join(ckpt, 'checkpoint.dpt'))).nextEpoch;
    const before = await epochAt();
    await new Promise((r) => setTimeout(r, 5000));
    // The run went on without it: a job it held was sent again to the other worker after a 3 s stall.
    const during = await epochAt();
    paused.child.kill('SIGCONT');
    expect(during).toBeGreaterThan(before);
    const c = await coord.done;
    expect(c.code, c.err).toBe(0);
    expect(summaryOf(out).paramsSha256).toBe(expected.paramsSha256);
    for (const w of [paused, other]) expect((await w.done).code).toBe(0);
  });

  it('dpt train --workers 0 killed and rerun with the same checkpoint dir gives the same bits', async () => {
    // In-process parity is fast: many epochs, so the kill lands mid-run.
    const expected = await train({ ...config, epochs: '2000' }, 0, redis.url);
    const ckpt = tempOut('ckpt-local');
    const out = tempOut('local');
    const args = ['train', ...flags, '--epochs', '2000', '--out', out, '--checkpoint-dir', ckpt];
    const first = spawnDpt(args);
    await checkpointReached(ckpt, 3);
    first.child.kill('SIGKILL');
    await first.done;
    const resumedAt = (await readCheckpointFile(join(ckpt, 'checkpoint.dpt'))).nextEpoch;
    expect(resumedAt).toBeLessThan(2000); // really killed mid-run
    const second = await spawnDpt(args).done;
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(new RegExp(`resumed from .* at epoch ${resumedAt + 1},`));
    expect(summaryOf(out).paramsSha256).toBe(expected.paramsSha256);
  });

  it('refuses a checkpoint written with another configuration, naming --checkpoint-dir', async () => {
    const ckpt = tempOut('ckpt-other');
    expect((await spawnDpt(['train', ...flags, '--epochs', '1', '--out', tempOut('a'), '--checkpoint-dir', ckpt]).done).code).toBe(0);
    const r = await spawnDpt(['train', ...flags, '--epochs', '2', '--seed', '77', '--out', tempOut('b'), '--checkpoint-dir', ckpt]).done;
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--checkpoint-dir: .*different configuration/);
  });
});
