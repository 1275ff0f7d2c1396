// What a run leaves on disk, and how it continues after a crash:
//   <out>/metrics.jsonl        one JSON record per line, each with `kind` and an ISO `time`:
//                              kind "epoch" as each epoch ends; kind "step" every N steps
//                              with --metrics-every N
//   <out>/summary.json         how the run ended (status finished, failed or stopped), who ran
//                              it (version, command line, host) and when; for a finished run
//                              the final numbers, the parameter digest and the full config
//   <out>/model.dpt            the trained model (lib/wire/files.ts)
//   <checkpoint>/checkpoint.dpt everything needed to continue the run exactly
// Summaries, models and checkpoints are written whole and renamed into
// place, so a reader (or a crash) never sees half a file.

import { accessSync, appendFileSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { TrainConfig } from '../config.js';
import type { Dataset } from '../data/dataset.js';
import { ConfigError, ReductionMismatchError } from '../errors.js';
import { activeKernels } from '../math/kernels.js';
import { packageVersion } from '../package-root.js';
import { REDUCTION } from '../math/pairwise-tree.js';
import { encodeDataset } from '../wire/codecs.js';
import { readCheckpointFile, writeCheckpointFile, writeFileAtomic, writeModelFile } from '../wire/files.js';
import { paramsSha256 } from '../wire/tensors.js';
import type { Model } from '../wire/types.js';
import type { ModelContext } from './model-context.js';
import type { EpochMetrics, LoopState, RunOutcome } from './train-loop.js';

/** Who ran a run, where and when: the head of every summary.json, whatever the outcome. */
export interface RunRecord {
  /** dpt's version (package.json). */
  dpt: string;
  /** The coordinator's --run-id, or the id `dpt train` made up. */
  runId: string;
  status: RunOutcome;
  startedAt: string;
  finishedAt: string;
  /** The arguments after `node dpt`, URL credentials masked. */
  command: string[];
  host: string;
}

/** What the CLI knows about a run before it starts. */
export interface RunIdentity {
  runId: string;
  command: readonly string[];
  startedAt: Date;
}

export function runRecord(id: RunIdentity, status: RunOutcome): RunRecord {
  return {
    dpt: packageVersion(),
    runId: id.runId,
    status,
    startedAt: id.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: [...id.command],
    host: hostname(),
  };
}

export interface RunSummary extends RunRecord {
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
  /** The file the initial parameters came from (--init-from) and its SHA-256; absent for a fresh start. */
  initFrom?: { file: string; sha256: string };
  /** Kernel implementation of this process (workers may use others: the bits are the same). */
  kernels: string;
  node: string;
}

/**
 * summary.json of a run that did not finish: what it reached, and why it
 * ended. No parameter digest: the parameters in memory may be mid-step or
 * diverged; the last checkpoint holds the last good ones.
 */
export interface UnfinishedRunSummary extends RunRecord {
  /** The error's message (for a stopped run, which signal and how to continue). */
  error: string;
  /** Epochs completed and SGD steps applied (steps of an unfinished epoch included); training seconds and samples of the completed epochs. */
  epochs: number;
  steps: number;
  samples: number;
  seconds: number;
  /** Of the last completed epoch, when there is one. */
  testAccuracy?: number;
  trainError?: number;
  workers: number;
  dataset: RunSummary['dataset'];
  config: TrainConfig;
  kernels: string;
  node: string;
}

export function summarise(
  state: LoopState, config: TrainConfig, workers: number, dataset: RunSummary['dataset'], id: RunIdentity,
): RunSummary {
  const last = state.history[state.history.length - 1];
  return {
    ...runRecord(id, 'finished'),
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
  };
}

/** The summary of a run that ended with `error`; `state` is null when it failed before its first step was planned. */
export function summariseUnfinished(
  state: LoopState | null, config: TrainConfig, workers: number, dataset: RunSummary['dataset'], id: RunIdentity,
  status: Exclude<RunOutcome, 'finished'>, error: unknown,
): UnfinishedRunSummary {
  const last = state?.history[state.history.length - 1];
  return {
    ...runRecord(id, status),
    error: error instanceof Error ? error.message : String(error),
    epochs: state?.history.length ?? 0,
    steps: state?.version ?? 0,
    samples: state?.samples ?? 0,
    seconds: state?.seconds ?? 0,
    ...(last ? { testAccuracy: last.testAccuracy, trainError: last.trainError } : {}),
    workers,
    dataset,
    config,
    kernels: activeKernels(),
    node: process.version,
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

/** A metrics.jsonl line of kind "epoch": the epoch's metrics, stamped. */
export type EpochRecord = { kind: 'epoch'; time: string } & EpochMetrics;

/**
 * A metrics.jsonl line of kind "step", written every --metrics-every steps
 * and covering the steps since the previous one (within one epoch).
 */
export interface StepRecord {
  kind: 'step';
  time: string;
  epoch: number;
  /** SGD steps applied so far in the run (the weights version after the last step covered). */
  step: number;
  /** Steps and samples covered by this record. */
  steps: number;
  samples: number;
  /** Mean error over the covered samples (the article's E, as trainError). */
  error: number;
  /** Wall-clock seconds the covered steps took. */
  seconds: number;
}

export class RunOutputs {
  /**
   * Starts metrics.jsonl with what a resumed run has done: the epochs of its
   * `history` and its first `steps` steps. Records of those already in the
   * file (the run before the restart) keep their times, in their order; what
   * came after the checkpoint is dropped, since the run does it again. A new
   * run (no history, no steps) starts with an empty file.
   */
  constructor(readonly dir: string, history: readonly EpochMetrics[] = [], steps = 0) {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'metrics.jsonl');
    const kept: (EpochRecord | StepRecord)[] = [];
    const timed = new Set<number>();
    for (const r of history.length > 0 || steps > 0 ? previousRecords(file) : []) {
      if (r.kind === 'step' && r.step <= steps) kept.push(r);
      if (r.kind === 'epoch' && r.epoch < history.length && !timed.has(r.epoch)) {
        timed.add(r.epoch);
        kept.push(epochRecord(history[r.epoch], r.time));
      }
    }
    // Epochs the file did not hold (it was lost, or is another folder): stamped now.
    const now = new Date().toISOString();
    for (const m of history) if (!timed.has(m.epoch)) kept.push(epochRecord(m, now));
    writeFileSync(file, kept.map((r) => JSON.stringify(r) + '\n').join(''));
  }

  get modelPath(): string {
    return join(this.dir, 'model.dpt');
  }

  appendEpoch(m: EpochMetrics): void {
    this.append(epochRecord(m, new Date().toISOString()));
  }

  appendStep(r: Omit<StepRecord, 'kind' | 'time'>): void {
    this.append({ kind: 'step', time: new Date().toISOString(), ...r });
  }

  private append(record: EpochRecord | StepRecord): void {
    appendFileSync(join(this.dir, 'metrics.jsonl'), JSON.stringify(record) + '\n');
  }

  async writeSummary(s: RunSummary | UnfinishedRunSummary): Promise<void> {
    await writeSummary(this.dir, s);
  }
}

/** Writes `<dir>/summary.json` whole (renamed into place). */
export async function writeSummary(dir: string, s: RunSummary | UnfinishedRunSummary): Promise<void> {
  await writeFileAtomic(join(dir, 'summary.json'), [Buffer.from(JSON.stringify(s, null, 2) + '\n')]);
}

function epochRecord(m: EpochMetrics, time: string): EpochRecord {
  return { kind: 'epoch', time, ...m };
}

/**
 * The stamped records of an existing metrics.jsonl, for a resumed run to
 * keep; lines that are not such records (a torn last line, a file from
 * before records had a kind) are skipped: the file is rewritten anyway.
 */
function previousRecords(file: string): (EpochRecord | StepRecord)[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: (EpochRecord | StepRecord)[] = [];
  for (const line of text.split('\n')) {
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      continue;
    }
    const rec = r as Record<string, unknown> | null;
    if (typeof rec?.time !== 'string') continue;
    if (rec.kind === 'epoch' && Number.isInteger(rec.epoch)) out.push(rec as unknown as EpochRecord);
    if (rec.kind === 'step' && Number.isInteger(rec.step)) out.push(rec as unknown as StepRecord);
  }
  return out;
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
    initFrom: ctx.initFrom,
  });
}

/**
 * The state saved in `dir`, or null when there is no checkpoint yet. A
 * checkpoint of another configuration or dataset is refused rather than
 * silently continued: it would produce a run nobody asked for. Only
 * --epochs may grow: that continues the run (a finished one too).
 * `runId` is checked only when given (`dpt train` picks a fresh id per start).
 */
export async function loadCheckpoint(dir: string, runId: string | undefined, ctx: ModelContext): Promise<LoopState | null> {
  const path = checkpointPath(dir);
  if (!existsSync(path)) return null;
  const c = await readCheckpointFile(path);
  const refuse = (why: string) => new ConfigError('--checkpoint-dir', `${path} ${why}; use another folder or delete it to start afresh`);
  if (c.reduction !== REDUCTION) throw new ReductionMismatchError(path, c.reduction, REDUCTION);
  if (runId !== undefined && c.runId !== runId) throw refuse(`belongs to run ${c.runId}, not ${runId}`);
  // More epochs continue a run: the schedule of an epoch depends on (seed, epoch) only, so the
  // longer run is the same bits as one that asked for them from the start, up to the old end.
  const { epochs: savedEpochs, ...saved } = c.config;
  const { epochs, ...wanted } = ctx.config;
  if (JSON.stringify(saved) !== JSON.stringify(wanted)) throw refuse('was written with a different configuration');
  if (epochs < c.nextEpoch) {
    throw new ConfigError('--epochs', `${path} has ${c.nextEpoch} of its ${savedEpochs} epochs done already; ask for at least ${c.nextEpoch}, or use another --checkpoint-dir`);
  }
  if (c.dataset.sha256 !== encodeDataset(ctx.dataset).ref.sha256) throw refuse('was written for a different dataset');
  // The starting weights are part of what the run is: continuing from other ones (or none) would
  // end with bits no command produces, under a summary naming the wrong file.
  const started = c.initFrom?.sha256 ?? null;
  const given = ctx.initFrom?.sha256 ?? null;
  if (started !== given) {
    const from = c.initFrom ? `the weights of ${c.initFrom.file} (sha256 ${c.initFrom.sha256})` : 'fresh weights (no --init-from)';
    throw new ConfigError('--init-from', `${path} continues a run that started from ${from}; ` +
      (c.initFrom ? 'give that file again' : 'leave --init-from out') + ', or use another --checkpoint-dir');
  }
  return { params: c.params, version: c.version, nextEpoch: c.nextEpoch, history: c.history, seconds: c.seconds, samples: c.samples };
}
