// A learning rate too large for float range: the run stops with a
// DivergenceError naming the step, the same way in-process and distributed,
// before the step counts or anything is saved; the last good checkpoint stays,
// and summary.json records the failure.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DivergenceError } from '../../lib/errors.js';
import { readCheckpointFile } from '../../lib/wire/files.js';
import { useTestRedis } from '../helpers/redis.js';
import { tempOut, train } from '../distributed/helpers.js';
import { trainCommand } from '../../cli/train-command.js';
import { uniquePrefix } from '../helpers/redis.js';

const redis = useTestRedis();

describe('divergence', () => {
  it.each([0, 2])('--eta 1e308 stops the run at the same step with %i workers', async (workers) => {
    const failure = await train({ preset: 'parity', epochs: '5', eta: '1e308' }, workers, redis.url).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DivergenceError);
    expect((failure as DivergenceError).step).toBe(0);
    expect((failure as Error).message).toMatch(/step 0: the parameters after the update contains NaN or infinite values; the run diverged \(try a smaller --eta\)/);
  });

  it('writes no model and no checkpoint of the diverged state; the summary says the run failed, and where', async () => {
    const out = tempOut('diverged');
    const ckpt = tempOut('diverged-ckpt');
    const failure = await trainCommand({ preset: 'parity', epochs: '5', eta: '1e308', workers: '0', out, checkpointDir: ckpt, quiet: true, prefix: uniquePrefix('div') })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DivergenceError);
    expect(existsSync(join(out, 'model.dpt'))).toBe(false);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
    expect(summary).toMatchObject({ status: 'failed', error: (failure as Error).message, steps: 0, epochs: 0 });
    expect(summary.paramsSha256).toBeUndefined(); // no digest of diverged parameters
    expect(existsSync(join(ckpt, 'checkpoint.dpt')) ? (await readCheckpointFile(join(ckpt, 'checkpoint.dpt'))).nextEpoch : 0).toBe(0);
  });
});
