// The multi-machine commands as separate processes: `dpt coordinator` and
// `dpt worker` (which finds the run by itself), exit codes, and the errors a
// user sees for a missing or unreachable Redis.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { spawnDpt, tempOut, train } from './helpers.js';

const redis = useTestRedis();

describe('dpt coordinator + dpt worker processes', () => {
  it('train a run with two workers that discover it, all exit 0, same bits as in-process', async () => {
    const prefix = uniquePrefix('cli');
    const out = tempOut('coord');
    const flags = ['--preset', 'parity', '--epochs', '30', '--batch-size', '32', '--shard-size', '8'];
    const local = await train({ preset: 'parity', epochs: '30', batchSize: '32', shardSize: '8' }, 0, redis.url);
    // Workers first: they wait for an active run to appear under the prefix.
    const w1 = spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix]);
    const w2 = spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--data', 'parity']);
    // DPT_LOG_LEVEL reaches the coordinator too (its per-step debug line).
    const coord = spawnDpt(['coordinator', '--run-id', 'cli-run', '--redis', redis.url, '--prefix', prefix, ...flags, '--out', out, '--metrics-every', '100'],
      { DPT_LOG_LEVEL: 'debug' });
    const [c, a, b] = await Promise.all([coord.done, w1.done, w2.done]);
    expect(c.code, c.err).toBe(0);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.paramsSha256).toBe(local.paramsSha256);
    expect(summary.workers).toBe(2); // both answered shards
    expect(a.out).toMatch(/"msg":"worker stopping"/);
    expect(c.out).toMatch(/"msg":"step"/);
    // Epoch lines are fields a log shipper can query, the same as metrics.jsonl's epoch records.
    const epochLogs = c.out.split('\n').filter((l) => l.includes('"msg":"epoch ')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(epochLogs).toHaveLength(30);
    expect(epochLogs[29]).toMatchObject({ epoch: 29, epochs: 30, msg: 'epoch 30/30', steps: 22, samples: 700 });
    const records = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const epochRecords = records.filter((r) => r.kind === 'epoch');
    for (const k of ['trainError', 'trainAccuracy', 'testAccuracy']) expect(epochLogs.map((e) => e[k])).toEqual(epochRecords.map((r) => r[k]));
    // 660 steps, a step record every 100.
    expect(records.filter((r) => r.kind === 'step').map((r) => r.step)).toEqual([100, 200, 300, 400, 500, 600]);
    expect(summary).toMatchObject({ runId: 'cli-run', status: 'finished', steps: 660 });
    expect(summary.command.slice(0, 3)).toEqual(['coordinator', '--run-id', 'cli-run']);
    // Each worker reports the jobs it did and the shards they carried; together, every shard of
    // every step once. Once both workers have answered, a job carries two of a step's four shards.
    const countOf = (field: string, o: string) => Number(new RegExp(`"${field}":(\\d+)[^\\n]*"msg":"worker stopping"`).exec(o)?.[1]);
    expect(countOf('shards', a.out)).toBeGreaterThan(0);
    expect(countOf('shards', a.out) + countOf('shards', b.out)).toBe(summary.steps * 4);
    expect(countOf('jobs', a.out) + countOf('jobs', b.out)).toBeLessThan(summary.steps * 3);

    // A worker that arrives after the run is over leaves at once, exit 0.
    const late = await spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'cli-run']).done;
    expect(late.code).toBe(0);
    expect(late.out).toMatch(/run already over/);

    // The run id cannot be reused.
    const again = await spawnDpt(['coordinator', '--run-id', 'cli-run', '--redis', redis.url, '--prefix', prefix, ...flags, '--out', out]).done;
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/run cli-run: already finished/);
  });

  it('a worker given SIGTERM mid-run leaves with exit 0, and the run completes with the others', async () => {
    const prefix = uniquePrefix('sigterm');
    const out = tempOut('sigterm');
    const flags = ['--preset', 'parity', '--epochs', '30', '--batch-size', '32', '--shard-size', '8'];
    const leaving = spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'term']);
    const staying = spawnDpt(['worker', '--redis', redis.url, '--prefix', prefix, '--run-id', 'term']);
    const coord = spawnDpt(['coordinator', '--run-id', 'term', '--redis', redis.url, '--prefix', prefix, ...flags, '--out', out, '--log-level', 'info']);
    // Once the leaving worker is serving and the run is under way, ask it to leave.
    const seen = (child: ReturnType<typeof spawnDpt>['child'], pattern: RegExp) => new Promise<void>((resolve) => {
      let text = '';
      child.stdout!.on('data', (d) => {
        text += d;
        if (pattern.test(text)) resolve();
      });
    });
    await Promise.all([seen(leaving.child, /"msg":"worker ready"/), seen(coord.child, /epoch +1\/30/)]);
    leaving.child.kill('SIGTERM');
    const left = await leaving.done;
    expect(left.code).toBe(0);
    expect(left.out).toMatch(/"reason":"signal"/);
    expect((await coord.done).code).toBe(0);
    expect((await staying.done).code).toBe(0);
    const local = await train({ preset: 'parity', epochs: '30', batchSize: '32', shardSize: '8' }, 0, redis.url);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).paramsSha256).toBe(local.paramsSha256);
  });

  it('refuses to start without a Redis URL, naming the flag (exit 2)', async () => {
    const r = await spawnDpt(['coordinator', '--run-id', 'x', '--preset', 'parity'], { REDIS_URL: '' }).done;
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--redis: required/);
  });

  it('says clearly when Redis is unreachable, without leaking the password (exit 1)', async () => {
    const r = await spawnDpt(['worker', '--redis', 'redis://:hunter2@127.0.0.1:1']).done;
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot connect to Redis/i);
    expect(r.err).not.toMatch(/hunter2/);
  });
});
