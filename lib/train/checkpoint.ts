// Coordinator checkpoints: everything needed to continue a run exactly,
// written atomically at every epoch end. Because every random draw is derived
// from (seed, purpose, epoch), the parameters, the step counter and the
// history are the whole state: a resumed run ends with the same bits as one
// that never stopped.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { readCheckpointFile, writeCheckpointFile } from '../wire/files.js';
import { encodeDataset } from '../wire/codecs.js';
import type { PreparedRun } from './run-training.js';
import type { LoopState } from './train-loop.js';

export function checkpointPath(dir: string): string {
  return join(dir, 'checkpoint.dpt');
}

export async function saveCheckpoint(dir: string, runId: string | undefined, run: PreparedRun, state: LoopState): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeCheckpointFile(checkpointPath(dir), {
    runId: runId ?? '',
    config: run.config,
    dataset: encodeDataset(run.dataset).ref,
    nextEpoch: state.nextEpoch,
    nextStep: state.version,
    version: state.version,
    params: state.params,
    history: state.history,
    seconds: state.seconds,
    samples: state.samples,
  });
}

/**
 * The state saved in `dir`, or null when there is no checkpoint yet. A
 * checkpoint of another configuration or dataset is refused rather than
 * silently continued: it would produce a run nobody asked for.
 * `runId` is checked only when given (`dpt train` picks a fresh id per start).
 */
export async function loadCheckpoint(dir: string, runId: string | undefined, run: PreparedRun): Promise<LoopState | null> {
  const path = checkpointPath(dir);
  if (!existsSync(path)) return null;
  const c = await readCheckpointFile(path);
  const refuse = (why: string) => new ConfigError('--checkpoint-dir', `${path} ${why}; use another folder or delete it to start afresh`);
  if (runId !== undefined && c.runId !== runId) throw refuse(`belongs to run ${c.runId}, not ${runId}`);
  if (JSON.stringify(c.config) !== JSON.stringify(run.config)) throw refuse('was written with a different configuration');
  if (c.dataset.sha256 !== encodeDataset(run.dataset).ref.sha256) throw refuse('was written for a different dataset');
  return { params: c.params, version: c.version, nextEpoch: c.nextEpoch, history: c.history, seconds: c.seconds, samples: c.samples };
}
