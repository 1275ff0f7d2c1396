// The run's secret: from a file or DPT_SECRET, long enough, and for `dpt
// train` text that survives the trip to its workers' environment unchanged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSecret, requireSecret, trainSecret } from '../../cli/secret.js';
import { ConfigError } from '../../lib/errors.js';
import { tempDir } from '../helpers/temp-files.js';

const file = (bytes: Uint8Array | string) => {
  const path = join(tempDir('secret'), 'secret');
  writeFileSync(path, bytes);
  return path;
};

describe('the run secret', () => {
  it('comes from --secret-file (a trailing newline dropped), else DPT_SECRET, else nowhere', () => {
    expect(readSecret(file('0123456789abcdef0123\n'))?.toString()).toBe('0123456789abcdef0123');
    expect(readSecret(undefined, { DPT_SECRET: 'abcdefghijklmnopqrstuvwxyz' })?.toString()).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(readSecret(undefined, {})).toBeNull();
  });

  it('is refused when short, naming where it came from, and required by coordinator and worker', () => {
    expect(() => readSecret(file('short'))).toThrow(/^--secret-file: the secret is 5 bytes; use at least 16/);
    expect(() => readSecret(undefined, { DPT_SECRET: 'short' })).toThrow(/^DPT_SECRET: /);
    const saved = process.env.DPT_SECRET;
    delete process.env.DPT_SECRET;
    try {
      expect(() => requireSecret(undefined)).toThrow(ConfigError);
    } finally {
      if (saved !== undefined) process.env.DPT_SECRET = saved;
    }
  });

  it('for dpt train: random when none is given; refused when it is not text its workers can receive', () => {
    expect(trainSecret(undefined).toString()).toMatch(/^[0-9a-f]{64}$/);
    expect(() => trainSecret(file(Buffer.from('abcdefgh\0ijklmnopqrstuv')))).toThrow(/--secret-file: the secret must be UTF-8 text without NUL bytes/);
    expect(() => trainSecret(file(Buffer.from([0xff, 0xfe, ...Buffer.from('0123456789abcdef')])))).toThrow(ConfigError);
  });
});
