// What a run leaves on disk, and how it continues after a crash:
//   <out>/metrics.jsonl        one JSON record per epoch, appended as each epoch ends
//   <out>/summary.json         the final numbers, the parameter digest and the full config
//   <out>/model.dpt            the trained model (lib/wire/files.ts)
//   <checkpoint>/checkpoint.dpt everything needed to continue the run exactly
// Summaries, models and checkpoints are written whole and renamed into
// place, so a reader (or a crash) never sees half a file.

import { accessSync, appendFileSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainConfig } from '../config.js';
import type { Dataset } from '../data/dataset.js';
import { ConfigError, ReductionMismatchError } from '../errors.js';
import { activeKernels } from '../math/kernels.js';
import { REDUCTION } from '../math/pairwise-tree.js';
import { encodeDataset } from '../wire/codecs.js';
import { readCheckpointFile, writeCheckpointFile, writeFileAtomic, writeModelFile } from '../wire/files.js';
import { paramsSha256 } from '../wire/tensors.js';
import type { Model } from '../wire/types.js';
import type { ModelContext } from './model-context.js';
import type { EpochMetrics, LoopState } from './train-loop.js';

export interface RunSummary {
  testAccuracy: number;
  trainError: number;
  epochs: number;
  steps: number;
  samples: number;
  seconds: number;
  samplesPerSecond: number;
  paramsSha256: string;
  /** How shard gradients were added: part of what paramsSha256 depends on. */
  reduction: string;
  workers: number;
  dataset: { name: string; trainCount: number; testCount: number };
  config: TrainConfig;
  /** Kernel implementation of this process (workers may use others: the bits are the same). */
  kernels: string;
  node: string;
  finishedAt: string;
}

export function summarise(state: LoopState, config: TrainConfig, workers: number, dataset: RunSummary['dataset']): RunSummary {
  const last = state.history[state.history.length - 1];
  return {
    testAccuracy: last?.testAccuracy ?? 0,
    trainError: last?.trainError ?? 0,
    epochs: state.history.length,
    steps: state.version,
    samples: state.samples,
    seconds: state.seconds,
    samplesPerSecond: state.seconds > 0 ? state.samples / state.seconds : 0,
    paramsSha256: paramsSha256(state.params),
    reduction: REDUCTION,
    workers,
    dataset,
    config,
    kernels: activeKernels(),
    node: process.version,
    finishedAt: new Date().toISOString(),
  };
}

/**
 * Creates the output folder and the checkpoint folder (when given) before
 * anything else happens, so a path that is a file, or a folder that cannot
 * be written, is refused at once with a ConfigError naming the flag, rather
 * than at the first save after the whole run.
 */
export function prepareRunDirs(outDir: string, checkpointDir?: string): void {
  prepareDir('--out', outDir);
  if (checkpointDir !== undefined) prepareDir('--checkpoint-dir', checkpointDir);
}

function prepareDir(flag: string, dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new ConfigError(flag, `${dir} exists and is not a folder`);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOTDIR' ? 'a part of the path is a file, not a folder'
      : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied'
        : e.code === 'EROFS' ? 'read-only file system' : e.message;
    throw new ConfigError(flag, `cannot create or write the folder ${dir}: ${why}`);
  }
}

export class RunOutputs {
  /** Starts metrics.jsonl afresh with the epochs already done (a resumed run's history). */
  constructor(readonly dir: string, history: readonly EpochMetrics[] = []) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'metrics.jsonl'), history.map((m) => JSON.stringify(m) + '\n').join(''));
  }

  get modelPath(): string {
    return join(this.dir, 'model.dpt');
  }

  appendEpoch(m: EpochMetrics): void {
    appendFileSync(join(this.dir, 'metrics.jsonl'), JSON.stringify(m) + '\n');
  }

  async writeSummary(s: RunSummary): Promise<void> {
    await writeFileAtomic(join(this.dir, 'summary.json'), [Buffer.from(JSON.stringify(s, null, 2) + '\n')]);
  }
}

// ---- The trained model.

export async function saveModel(path: string, config: TrainConfig, dataset: Dataset, state: LoopState): Promise<void> {
  const model: Model = {
    config,
    params: state.params,
    dataset: encodeDataset(dataset).ref,
    history: state.history,
    reduction: REDUCTION,
  };
  await writeModelFile(path, model);
}

// ---- Coordinator checkpoints: everything needed to continue a run exactly,
// written atomically at every epoch end. Because every random draw is derived
// from (seed, purpose, epoch), the parameters, the step counter and the
// history are the whole state: a resumed run ends with the same bits as one
// that never stopped.

export function checkpointPath(dir: string): string {
  return join(dir, 'checkpoint.dpt');
}

export async function saveCheckpoint(dir: string, runId: string | undefined, ctx: ModelContext, state: LoopState): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeCheckpointFile(checkpointPath(dir), {
    runId: runId ?? '',
    config: ctx.config,
    dataset: encodeDataset(ctx.dataset).ref,
    nextEpoch: state.nextEpoch,
    nextStep: state.version,
    version: state.version,
    params: state.params,
    history: state.history,
    seconds: state.seconds,
    samples: state.samples,
    reduction: REDUCTION,
  });
}

/**
 * The state saved in `dir`, or null when there is no checkpoint yet. A
 * checkpoint of another configuration or dataset is refused rather than
 * silently continued: it would produce a run nobody asked for.
 * `runId` is checked only when given (`dpt train` picks a fresh id per start).
 */
export async function loadCheckpoint(dir: string, runId: string | undefined, ctx: ModelContext): Promise<LoopState | null> {
  const path = checkpointPath(dir);
  if (!existsSync(path)) return null;
  const c = await readCheckpointFile(path);
  const refuse = (why: string) => new ConfigError('--checkpoint-dir', `${path} ${why}; use another folder or delete it to start afresh`);
  if (c.reduction !== REDUCTION) throw new ReductionMismatchError(path, c.reduction, REDUCTION);
  if (runId !== undefined && c.runId !== runId) throw refuse(`belongs to run ${c.runId}, not ${runId}`);
  if (JSON.stringify(c.config) !== JSON.stringify(ctx.config)) throw refuse('was written with a different configuration');
  if (c.dataset.sha256 !== encodeDataset(ctx.dataset).ref.sha256) throw refuse('was written for a different dataset');
  return { params: c.params, version: c.version, nextEpoch: c.nextEpoch, history: c.history, seconds: c.seconds, samples: c.samples };
}
