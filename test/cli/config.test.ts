// One schema for flags, DPT_* variables and --config files: precedence
// (flags > env > file > preset > defaults), errors naming their source,
// `dpt config`'s report, and "run this again" from a summary.json.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { CONFIG_KEYS } from '../../lib/config.js';
import { describeOptions, envNameOf, OPTIONS, resolveOptions } from '../../lib/options.js';
import { configCommand } from '../../cli/config-command.js';
import { runMain } from '../helpers/run-main.js';
import { tempDir } from '../helpers/temp-files.js';
import { refusal } from '../helpers/refusal.js';

const shown = (command: 'train' | 'coordinator' | 'worker', flags: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) =>
  Object.fromEntries(describeOptions(command, resolveOptions(command, flags, env), env).map((s) => [s.key, s]));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('option precedence', () => {
  it('takes each value from the flag, else the variable, else the file, else the preset, else the default', () => {
    const dir = tempDir('config');
    const file = join(dir, 'run.yaml');
    writeFileSync(file, stringify({ preset: 'parity', eta: 0.25, seed: 5, 'batch-size': 4, structure: [10, 4, 2] }));
    const env = { DPT_ETA: '0.125', DPT_SEED: '6' };
    const s = shown('train', { config: file, eta: '0.5' }, env);
    expect([s.eta.value, s.eta.source.name]).toEqual(['0.5', '--eta']); // flag over env and file
    expect([s.seed.value, s.seed.source.name]).toEqual(['6', 'DPT_SEED']); // env over file
    expect([s.batchSize.value, s.batchSize.source.name]).toEqual(['4', `${file}: batch-size`]); // file over preset
    expect([s.structure.value, s.structure.source.kind]).toEqual(['10,4,2', 'file']);
    expect([s.epochs.value, s.epochs.source.name]).toEqual(['1000', 'preset parity']); // preset over default
    expect([s.loss.value, s.loss.source.name]).toEqual(['squared', 'default']);
    expect([s.workers.value, s.workers.source.kind]).toEqual(['0', 'default']);
  });

  it('has an option of train and coordinator for every field of the training config (or a summary.json could not rerun)', () => {
    for (const key of CONFIG_KEYS) {
      const o = OPTIONS.find((x) => x.key === key);
      expect(o?.commands, key).toEqual(['train', 'coordinator']);
      expect(o?.inFile, key).toBe(true);
    }
  });

  it('derives one variable per option, DPT_<UPPER_SNAKE>, and keeps the documented aliases', () => {
    for (const o of OPTIONS) expect(o.env[0]).toBe(envNameOf(o.key));
    expect(envNameOf('batchSize')).toBe('DPT_BATCH_SIZE');
    expect(OPTIONS.find((o) => o.key === 'redis')!.env).toEqual(['DPT_REDIS', 'REDIS_URL']);
    expect(OPTIONS.find((o) => o.key === 'redisCa')!.env[0]).toBe('DPT_REDIS_CA');
    expect(OPTIONS.find((o) => o.key === 'logLevel')!.env[0]).toBe('DPT_LOG_LEVEL');
    const s = shown('worker', {}, { REDIS_URL: 'redis://a:1', DPT_LOG_LEVEL: 'debug' });
    expect([s.redis.value, s.redis.source.name, s.logLevel.value]).toEqual(['redis://a:1', 'REDIS_URL', 'debug']);
    expect(shown('worker', {}, { REDIS_URL: 'redis://a:1', DPT_REDIS: 'redis://b:2' }).redis.value).toBe('redis://b:2');
  });

  it('pre-declares the observability options: they parse, validate and show', () => {
    const s = shown('train', { metricsPort: '9464' }, { DPT_DASHBOARD: '8080', DPT_METRICS_EVERY: '10' });
    expect([s.metricsPort.value, s.dashboard.source.name, s.metricsEvery.value]).toEqual(['9464', 'DPT_DASHBOARD', '10']);
    expect(refusal(() => resolveOptions('worker', {}, { DPT_METRICS_PORT: '70000' })).message).toBe('DPT_METRICS_PORT: must be at most 65535, got "70000"');
  });

  it('names the flag, the variable or the file key of a bad value', () => {
    const dir = tempDir('config');
    const file = join(dir, 'bad.json');
    expect(refusal(() => resolveOptions('train', { epochs: 'x' }, {})).flag).toBe('--epochs');
    expect(refusal(() => resolveOptions('train', {}, { DPT_BATCH_SIZE: '0' })).flag).toBe('DPT_BATCH_SIZE');
    expect(refusal(() => resolveOptions('train', {}, { DPT_WORKERS: 'many' })).message).toBe('DPT_WORKERS: expected a whole number, got "many"');
    writeFileSync(file, JSON.stringify({ activation: 'gelu' }));
    expect(refusal(() => resolveOptions('train', { config: file }, {})).flag).toBe(`${file}: activation`);
    writeFileSync(file, JSON.stringify({ batchSise: 8 }));
    expect(refusal(() => resolveOptions('train', { config: file }, {})).message).toMatch(/batchSise: unknown option; a config file may set .*batchSize/);
    writeFileSync(file, JSON.stringify({ preset: 'imagenet' }));
    expect(refusal(() => resolveOptions('train', { config: file }, {})).message).toMatch(/preset: unknown preset "imagenet"/);
    writeFileSync(file, '{ not json');
    expect(refusal(() => resolveOptions('train', { config: file }, {})).flag).toBe('--config');
    expect(refusal(() => resolveOptions('train', { config: join(dir, 'missing.yaml') }, {})).message).toMatch(/cannot read/);
    // One file for a deployment: each command takes its own options from it, and checks only those.
    writeFileSync(file, JSON.stringify({ lockMs: 'soon', epochs: 3, redis: 'redis://r:6379' }));
    expect(resolveOptions('train', { config: file }, {}).values).toEqual({ config: file, epochs: '3', redis: 'redis://r:6379' });
    expect(refusal(() => resolveOptions('worker', { config: file }, {})).flag).toBe(`${file}: lockMs`);
  });

  it('dpt config masks the secret and a Redis password, and says where each came from', () => {
    const lines: string[] = [];
    const secret = 'a-very-secret-value-0123456789';
    vi.stubEnv('DPT_SECRET', secret);
    vi.stubEnv('DPT_REDIS', 'redis://user:pa55word@redis.example:6379/0');
    configCommand('coordinator', { epochs: '3' }, (l) => lines.push(l));
    const out = lines.join('\n');
    expect(out).not.toContain(secret);
    expect(out).not.toContain('pa55word');
    expect(out).toMatch(/redis +redis:\/\/\*\*\*@redis\.example:6379\/0 +DPT_REDIS/);
    expect(out).toMatch(/secret +\*\*\* +DPT_SECRET/);
    expect(out).toMatch(/epochs +3 +--epochs/);
    // Passwords that are not valid URL user-info (a raw '/', '#', '?') or sit in the query.
    for (const url of ['redis://:s3cr/et@redis:6379', 'redis://:pa#ss@h:1', 'redis://h:1/0?password=qu3ry']) {
      lines.length = 0;
      configCommand('worker', { redis: url, json: true }, (l) => lines.push(l));
      const shown = lines.join('\n');
      for (const part of ['s3cr', 'et@', 'pa#ss', 'qu3ry']) expect(shown, url).not.toContain(part);
    }
    lines.length = 0;
    configCommand('worker', { json: true }, (l) => lines.push(l));
    const json = JSON.parse(lines.join('\n'));
    expect(json.options.prefix).toEqual({ value: 'dpt', source: 'default' });
    expect(json.options.epochs).toBeUndefined();
  });
});

describe('--config from a run\'s summary.json', () => {
  it('reruns a run from its summary.json, or its config block, to the same parameters', { timeout: 60_000 }, async () => {
    const dir = tempDir('rerun');
    const first = await runMain('train', '--preset', 'parity', '--epochs', '40', '--eta', '0.7', '--seed', '3', '--out', join(dir, 'a'), '--quiet');
    expect(first.err).toBe('');
    const summary = JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8'));
    // The whole summary.json, nothing else but where to write.
    const again = await runMain('train', '--config', join(dir, 'a', 'summary.json'), '--out', join(dir, 'b'), '--quiet');
    expect(again.code).toBe(0);
    const rerun = JSON.parse(readFileSync(join(dir, 'b', 'summary.json'), 'utf8'));
    expect(rerun.paramsSha256).toBe(summary.paramsSha256);
    expect(rerun.config).toEqual(summary.config);
    // Its config block alone, as YAML, with a flag on top: the flag wins.
    writeFileSync(join(dir, 'block.yaml'), stringify(summary.config));
    await runMain('train', '--config', join(dir, 'block.yaml'), '--epochs', '20', '--out', join(dir, 'c'), '--quiet');
    const shorter = JSON.parse(readFileSync(join(dir, 'c', 'summary.json'), 'utf8'));
    expect(shorter.config).toEqual({ ...summary.config, epochs: 20 });
    expect(shorter.paramsSha256).not.toBe(summary.paramsSha256);
  });

  it('exits 2 naming the variable when the environment holds a bad value', async () => {
    vi.stubEnv('DPT_SHARD_SIZE', '-1');
    const r = await runMain('train', '--preset', 'parity', '--epochs', '1', '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toBe('dpt: error: DPT_SHARD_SIZE: expected a whole number, got "-1"');
  });
});
