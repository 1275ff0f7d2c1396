// What a run records about itself: summary.json for a finished, failed and
// stopped run (who, where, when, how it ended, how far it got), the stamped
// epoch and step records of metrics.jsonl, and the command line with Redis
// credentials masked.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { maskCommandLine, parseMetricsEvery } from '../../cli/command-line.js';
import { ConfigError, RunStoppedError } from '../../lib/errors.js';
import { packageVersion } from '../../lib/package-root.js';
import { prepareRun, runTraining } from '../../lib/train/run-training.js';
import { InProcessExecutor } from '../../lib/train/train-loop.js';
import type { StepRecord } from '../../lib/train/run-files.js';
import { tempDir } from '../helpers/temp-files.js';
import { runMain } from '../helpers/run-main.js';

const pkgVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const readLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const run = runMain;

describe('summary.json', () => {
  const dir = tempDir('records');

  it('a finished run: version, run id, status, times, masked command line and host beside the results', async () => {
    const out = join(dir, 'finished');
    const before = Date.now();
    // --redis is not used in-process, but it is on the command line: its password must not reach the file.
    const args = ['train', '--preset', 'parity', '--epochs', '2', '--out', out, '--redis', 'redis://dpt:s3cret-pw@10.0.0.1:6379/2'];
    const r = await run(...args);
    expect(r.code, r.err).toBe(0);
    const s = readJson(join(out, 'summary.json'));
    expect(packageVersion()).toBe(pkgVersion);
    expect(s).toMatchObject({ dpt: pkgVersion, status: 'finished', host: hostname(), epochs: 2, steps: 176, workers: 0 });
    expect(s.runId).toMatch(/^train-[0-9a-z]+-[0-9a-f]{6}$/);
    expect(s.command).toEqual([...args.slice(0, -1), 'redis://***@10.0.0.1:6379/2']);
    expect(JSON.stringify(s)).not.toContain('s3cret-pw');
    expect(s.startedAt).toMatch(ISO);
    expect(s.finishedAt).toMatch(ISO);
    const started = Date.parse(s.startedAt as string);
    expect(started).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(s.finishedAt as string)).toBeGreaterThanOrEqual(started);
    // Every field a finished summary had before run records, still there.
    for (const k of ['testAccuracy', 'trainError', 'epochs', 'steps', 'samples', 'seconds', 'samplesPerSecond', 'paramsSha256',
      'workers', 'dataset', 'config', 'kernels', 'node', 'finishedAt']) expect(s, k).toHaveProperty(k);
    expect(s.error).toBeUndefined();
  });

  it('a failed run: status failed, the error, how far it got, no parameter digest', async () => {
    const out = join(dir, 'failed');
    const r = await run('train', '--preset', 'parity', '--epochs', '3', '--eta', '1e308', '--out', out);
    expect(r.code).toBe(1);
    const s = readJson(join(out, 'summary.json'));
    expect(s).toMatchObject({ status: 'failed', steps: 0, epochs: 0, dpt: pkgVersion, workers: 0 });
    expect(r.err).toContain(s.error as string);
    expect(s.error).toMatch(/the run diverged/);
    expect(s.paramsSha256).toBeUndefined();
    expect(s.config).toMatchObject({ dataset: 'parity', eta: 1e308 });
    expect(existsSync(join(out, 'model.dpt'))).toBe(false);
  });

  it('a stopped run: status stopped after the step in hand, with the epochs and steps it reached', async () => {
    const out = join(dir, 'stopped');
    const prepared = prepareRun({ preset: 'parity', epochs: '5' });
    const stop = new AbortController();
    const failure = await runTraining(prepared, new InProcessExecutor(prepared.ctx), {
      outDir: out, print: () => {}, signal: stop.signal, identity: { runId: 'stop-1', command: ['train'] },
      // Stop in the middle of the second epoch (88 steps per epoch).
      observe: (_plan, st) => { if (st.version === 130) stop.abort(new RunStoppedError('SIGTERM')); },
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RunStoppedError);
    const s = readJson(join(out, 'summary.json'));
    expect(s).toMatchObject({ status: 'stopped', runId: 'stop-1', command: ['train'], steps: 130, epochs: 1, samples: 700 });
    expect(s.error).toMatch(/stopped by SIGTERM/);
    const history = readLines(join(out, 'metrics.jsonl'));
    expect(s.testAccuracy).toBe(history[0].testAccuracy);
    expect(s.paramsSha256).toBeUndefined();
  });
});

describe('metrics.jsonl', () => {
  const dir = tempDir('records-metrics');

  it('--metrics-every N adds a stamped "step" record every N steps; epoch records keep their fields', async () => {
    const out = join(dir, 'every');
    const r = await run('train', '--preset', 'parity', '--epochs', '2', '--metrics-every', '50', '--out', out);
    expect(r.code, r.err).toBe(0);
    const records = readLines(join(out, 'metrics.jsonl'));
    for (const rec of records) expect(rec.time).toMatch(ISO);
    const steps = records.filter((x) => x.kind === 'step') as unknown as StepRecord[];
    const epochs = records.filter((x) => x.kind === 'epoch');
    expect(records).toHaveLength(steps.length + epochs.length);
    // 176 steps: records at 50, 100, 150; 100 covers the end of epoch 0 and the start of epoch 1.
    expect(steps.map((x) => [x.step, x.epoch, x.steps])).toEqual([[50, 0, 50], [100, 1, 50], [150, 1, 50]]);
    for (const x of steps) {
      expect(x.samples).toBeGreaterThan(0);
      expect(x.error).toBeGreaterThan(0);
      expect(x.error).toBeLessThan(2);
      expect(x.seconds).toBeGreaterThanOrEqual(0);
    }
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
    for (const e of epochs) {
      for (const k of ['trainError', 'trainAccuracy', 'testAccuracy', 'seconds', 'samplesPerSecond', 'steps', 'samples']) expect(e, k).toHaveProperty(k);
    }
    // The records are in the order things happened.
    const times = records.map((x) => Date.parse(x.time as string));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(records.findIndex((x) => x.kind === 'epoch')).toBe(1); // step 50, then epoch 0's end at step 88
  });

  it('a resumed run keeps the records up to its checkpoint, with their times, and redoes the rest', async () => {
    const out = join(dir, 'resumed');
    const ckpt = join(dir, 'resumed-ckpt');
    const prepared = prepareRun({ preset: 'parity', epochs: '3' }); // 88 steps per epoch
    const options = { outDir: out, print: () => {}, checkpoint: { dir: ckpt }, metricsEvery: 50 };
    const stop = new AbortController();
    // Stopped at step 130: the checkpoint holds epoch 0 (88 steps); records: step 50, epoch 0, step 100.
    await runTraining(prepared, new InProcessExecutor(prepared.ctx), {
      ...options, signal: stop.signal, observe: (_p, st) => { if (st.version === 130) stop.abort(new RunStoppedError('SIGINT')); },
    }).catch(() => {});
    const before = readLines(join(out, 'metrics.jsonl'));
    expect(before.map((r) => [r.kind, r.step ?? r.epoch])).toEqual([['step', 50], ['epoch', 0], ['step', 100]]);
    await new Promise((r) => setTimeout(r, 5)); // so that a re-stamped record would show
    const summary = await runTraining(prepared, new InProcessExecutor(prepared.ctx), options);
    expect(summary.steps).toBe(264);
    const after = readLines(join(out, 'metrics.jsonl'));
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2)); // the same records, the same times
    expect(after.map((r) => [r.kind, r.step ?? r.epoch])).toEqual(
      [['step', 50], ['epoch', 0], ['step', 100], ['step', 150], ['epoch', 1], ['step', 200], ['step', 250], ['epoch', 2]]);
    expect(after[2].steps).toBe(12); // steps 89..100, this process's
    expect(after[2].time).not.toBe(before[2].time);
  });

  it('without --metrics-every (or with 0), epoch records only', async () => {
    const out = join(dir, 'off');
    expect((await run('train', '--preset', 'parity', '--epochs', '2', '--metrics-every', '0', '--out', out)).code).toBe(0);
    expect(readLines(join(out, 'metrics.jsonl')).map((x) => x.kind)).toEqual(['epoch', 'epoch']);
  });

  it('--metrics-every must be a whole number', async () => {
    expect(parseMetricsEvery(undefined)).toBe(0);
    expect(parseMetricsEvery('25')).toBe(25);
    for (const bad of ['-1', '2.5', 'x', '']) expect(() => parseMetricsEvery(bad)).toThrow(ConfigError);
    const r = await run('coordinator', '--run-id', 'x', '--redis', 'redis://127.0.0.1:1', '--metrics-every', 'often');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^dpt: error: --metrics-every: .*"often"/);
  });
});

describe('the recorded command line', () => {
  it('masks the credentials of every URL, bare or as --flag=URL, and leaves the rest alone', () => {
    expect(maskCommandLine(['coordinator', '--redis', 'rediss://user:pa55@host:6380/0', '--run-id', 'a@b'])).toEqual(
      ['coordinator', '--redis', 'rediss://***@host:6380/0', '--run-id', 'a@b']);
    expect(maskCommandLine(['--redis=redis://:p%40ss@h:1', '--out=/tmp/x@y'])).toEqual(['--redis=redis://***@h:1', '--out=/tmp/x@y']);
    expect(maskCommandLine(['worker', '--redis', 'redis://h:6379?password=abc'])).toEqual(['worker', '--redis', 'redis://h:6379?password=***']);
  });
});
