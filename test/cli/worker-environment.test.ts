// What the workers `dpt train --workers N` forks inherit: not the options'
// DPT_* variables meant for the parent, which would outrank the Redis and
// secret the launcher hands them (flags > env in the option table).
import { describe, expect, it } from 'vitest';
import { workerEnvironment } from '../../cli/local-workers.js';

describe('workerEnvironment', () => {
  it('drops every option variable but DPT_REDIS_CA, keeps the rest', () => {
    const env = workerEnvironment({
      DPT_REDIS: 'redis://other:6379', REDIS_URL: 'redis://old:6379', DPT_SECRET_FILE: '/other/secret', DPT_CONFIG: 'run.yaml',
      DPT_PREFIX: 'elsewhere', DPT_EPOCHS: '3', DPT_METRICS_PORT: '9464', DPT_LOG_LEVEL: 'debug',
      DPT_REDIS_CA: '/etc/ca.pem', DPT_KERNELS: 'wasm', DPT_SECRET: 'kept-by-the-launcher-anyway', PATH: '/usr/bin',
    });
    expect(env).toEqual({ DPT_REDIS_CA: '/etc/ca.pem', DPT_KERNELS: 'wasm', DPT_SECRET: 'kept-by-the-launcher-anyway', PATH: '/usr/bin' });
  });
});
