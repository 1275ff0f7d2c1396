// The library's train() stopped by its AbortSignal at every moment: before
// it starts, while it prepares the run (the abort comes before any step),
// and with forked workers while the private Redis starts. Each ends with
// RunStoppedError, and none trains to the end.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { train } from '../../index.js';
import { RunStoppedError } from '../../lib/errors.js';
import { tempDir } from '../helpers/temp-files.js';

describe('train() and its AbortSignal', () => {
  it('an already aborted signal: RunStoppedError, nothing trained', async () => {
    const out = join(tempDir('abort-before'), 'run');
    await expect(train({ preset: 'parity', epochs: 5 }, { out, signal: AbortSignal.abort() })).rejects.toThrow(RunStoppedError);
  });

  it.each([0, 2])('aborted right after the call (%i workers): RunStoppedError, not a finished run', async (workers) => {
    const out = join(tempDir('abort-start'), 'run');
    const stop = new AbortController();
    const run = train({ preset: 'parity', epochs: 3000 }, { out, workers, signal: stop.signal });
    stop.abort();
    await expect(run).rejects.toThrow(RunStoppedError);
  });
});
