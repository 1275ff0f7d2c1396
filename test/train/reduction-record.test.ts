// The reduction (how a step's shard gradients are added) is part of what a
// run's bits mean: the summary, the model and the checkpoint name it, and a
// checkpoint written under another one (or before reductions were named) is
// refused with ReductionMismatchError instead of being continued with other arithmetic.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ReductionMismatchError } from '../../lib/errors.js';
import { REDUCTION } from '../../lib/math/pairwise-tree.js';
import { checkpointPath, loadCheckpoint, saveCheckpoint, saveModel, summarise } from '../../lib/train/run-files.js';
import { prepareRun } from '../../lib/train/run-training.js';
import { initialState } from '../../lib/train/train-loop.js';
import { readCheckpointFile, readModelFile, writeCheckpointFile } from '../../lib/wire/files.js';
import { tempDir } from '../helpers/temp-files.js';

describe('the reduction on record', () => {
  const { ctx, config } = prepareRun({ preset: 'parity', epochs: '1' });
  const state = initialState(ctx);

  it('is pairwise-tree-v1, in the summary, the model file and the checkpoint', async () => {
    expect(REDUCTION).toBe('pairwise-tree-v1');
    expect(summarise(state, config, 0, { name: 'parity', trainCount: 1, testCount: 1 }, { runId: 'r1', command: [], startedAt: new Date() }).reduction).toBe('pairwise-tree-v1');
    const dir = tempDir('reduction');
    await saveModel(join(dir, 'model.dpt'), config, ctx.dataset, state);
    expect((await readModelFile(join(dir, 'model.dpt'))).reduction).toBe('pairwise-tree-v1');
    await saveCheckpoint(dir, 'r1', ctx, state);
    expect((await readCheckpointFile(checkpointPath(dir))).reduction).toBe('pairwise-tree-v1');
    expect((await loadCheckpoint(dir, 'r1', ctx))?.version).toBe(0);
  });

  it.each([
    ['before reductions were named (the running sum)', '', /reduction "shard-order running sum" \(before reductions were named\)/],
    ['under another reduction', 'pairwise-tree-v0', /reduction "pairwise-tree-v0", and this dpt adds shard gradients by "pairwise-tree-v1"/],
  ])('refuses a checkpoint written %s', async (_what, found, message) => {
    const dir = tempDir('reduction-old');
    await saveCheckpoint(dir, 'r1', ctx, state);
    const c = await readCheckpointFile(checkpointPath(dir));
    await writeCheckpointFile(checkpointPath(dir), { ...c, reduction: found });
    const load = loadCheckpoint(dir, 'r1', ctx);
    await expect(load).rejects.toThrow(ReductionMismatchError);
    await expect(loadCheckpoint(dir, 'r1', ctx)).rejects.toThrow(message);
    await expect(loadCheckpoint(dir, 'r1', ctx)).rejects.toMatchObject({ found, expected: 'pairwise-tree-v1', file: checkpointPath(dir) });
  });
});
