import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../lib/log.js';

describe('redactUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://:secret@host:6379/0', 'redis://***@host:6379/0'],
    ['redis://alice:secret@host:6379', 'redis://***@host:6379'],
    ['rediss://default:s3cr%40t@cache.example.com:6380/2', 'rediss://***@cache.example.com:6380/2'],
    ['REDIS://u:p@h', 'REDIS://***@h'],
    // Not valid URLs, but people type them: still nothing of the secret shows.
    ['redis://:p@ss/w#rd@host:6379', 'redis://***@host:6379'],
    [':secret@localhost:6379', '***@localhost:6379'],
    ['redis://host:6379?password=secret&db=1', 'redis://host:6379?password=***&db=1'],
    ['unix:///run/redis.sock?db=1&password=secret', 'unix:///run/redis.sock?db=1&password=***'],
    ['/tmp/redis.sock', '/tmp/redis.sock'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('never leaves the password anywhere in the output', () => {
    for (const url of ['redis://user:hunter2@h', 'rediss://:hunter2@h:1/3', 'redis://h?password=hunter2']) {
      expect(redactUrl(url)).not.toContain('hunter2');
    }
  });
});
