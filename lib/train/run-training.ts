// One training session: resolve and validate the config, load the data,
// run the loop with an executor (in-process or distributed), report each
// epoch on the terminal and write the run's files. Every command that trains
// (`dpt train`, `dpt coordinator`) builds an executor and calls runTraining.

import { resolveConfig, type ConfigFlags, type TrainConfig } from '../config.js';
import type { Dataset } from '../data/dataset.js';
import { loadDataset } from '../data/load-dataset.js';
import { ConfigError, LeaseLostError, ModelFileError, RunStoppedError } from '../errors.js';
import { activeKernels } from '../math/kernels.js';
import { ModelContext } from './model-context.js';
import { totalSteps, type StepPlan } from './plan.js';
import { ProgressBar, type ProgressStream } from './progress-bar.js';
import {
  checkpointPath, loadCheckpoint, RunOutputs, saveCheckpoint, saveModel, summarise, summariseUnfinished, writeSummary,
  type RunIdentity, type RunSummary, type StepRecord,
} from './run-files.js';
import { initialState, trainLoop, type EpochMetrics, type LoopState, type StepExecutor } from './train-loop.js';

export interface PreparedRun {
  config: TrainConfig;
  dataset: Dataset;
  ctx: ModelContext;
}

/** Config + dataset + context, all validated; throws ConfigError / DataFormatError. */
export function prepareRun(flags: ConfigFlags): PreparedRun {
  const config = resolveConfig(flags);
  const dataset = loadDataset(config.dataset);
  return { config, dataset, ctx: new ModelContext(config, dataset) };
}

export function defaultOutDir(config: TrainConfig): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const name = config.dataset.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'run';
  return `runs/${name}-${stamp}`;
}

/** One worker's share of a distributed run, as summary.json records it. */
export interface WorkerTotal {
  id: string;
  host: string;
  shards: number;
  computeSeconds: number;
}

export interface TrainingOptions {
  outDir: string;
  /** Where human-readable lines go (default: stdout). */
  print?: (line: string) => void;
  /** Called after every step (tests, benchmarks, monitoring, the library's onStep). */
  observe?: (plan: StepPlan, state: LoopState) => void | Promise<void>;
  /** Called after every epoch, once its metrics are written (the library's onEpoch). */
  onEpoch?: (metrics: EpochMetrics, state: LoopState) => void | Promise<void>;
  /** Monitoring: called after every epoch, once it is reported and its checkpoint (when any) saved. */
  observeEpoch?: (metrics: EpochMetrics, state: LoopState) => void | Promise<void>;
  /** Monitoring: per-worker totals of a distributed run, for summary.json (asked for when it is written). */
  workerTotals?: () => WorkerTotal[];
  /**
   * Save a checkpoint at every epoch end, and resume from it when present.
   * runId, when given, must match the checkpoint's (the coordinator's run id).
   */
  checkpoint?: { dir: string; runId?: string };
  /** For summary.json: the run id and the command line (already masked); default none. */
  identity?: { runId: string; command: readonly string[] };
  /** Also write a metrics.jsonl record of kind "step" every this many steps (0 or unset: none). */
  metricsEvery?: number;
  /** Reports each epoch (default: prints its line); the coordinator logs the fields as JSON. */
  reportEpoch?: (m: EpochMetrics, line: string) => void;
  /**
   * Aborting it ends the run after the step in hand with the signal's
   * reason (the in-process run; a distributed executor watches its own).
   */
  signal?: AbortSignal;
  /** Where the progress bar is drawn when it is a terminal (default: stderr). */
  progress?: ProgressStream;
}

/**
 * Runs the loop with terminal reporting and writes metrics, model and
 * summary into outDir; with a checkpoint dir, resumes from the checkpoint
 * there and saves one after every epoch. The executor is the run's: it is
 * closed at the end, told whether the run finished or failed. A run that
 * fails or is stopped still leaves a summary.json saying so.
 */
export async function runTraining(run: PreparedRun, executor: StepExecutor, o: TrainingOptions): Promise<RunSummary> {
  const id: RunIdentity = { runId: o.identity?.runId ?? '', command: o.identity?.command ?? [], startedAt: new Date() };
  const reached: Reached = { state: null };
  let summary: RunSummary;
  try {
    summary = await train(run, executor, o, id, reached);
  } catch (e) {
    const outcome = e instanceof RunStoppedError ? 'stopped' : 'failed';
    await executor.close(outcome).catch(() => {});
    // A coordinator whose run was taken over writes nothing more: the run, and possibly
    // this very folder (a restarted pod), belong to the coordinator that took it.
    // Nor does a run whose checkpoint was refused before it started (other
    // config, fewer --epochs, another reduction): bad input loses nothing,
    // and the folder may hold the finished run's summary.
    const refused = reached.state === null && (e instanceof ConfigError || e instanceof ModelFileError);
    if (!(e instanceof LeaseLostError) && !refused) {
      const dataset = { name: run.dataset.name, trainCount: run.dataset.train.count, testCount: run.dataset.test.count };
      const unfinished = summariseUnfinished(reached.state, run.config, executor.workers, dataset, id, outcome, e);
      // The run's own error is what the caller must see, not a second one about the summary.
      await writeSummary(o.outDir, unfinished).catch(() => {});
    }
    throw e;
  }
  await executor.close('finished');
  return summary;
}

/** How far a run got: its loop state once there is one (read when it fails). */
interface Reached {
  state: LoopState | null;
}

async function train(run: PreparedRun, executor: StepExecutor, o: TrainingOptions, id: RunIdentity, reached: Reached): Promise<RunSummary> {
  const { config, dataset, ctx } = run;
  const log = o.print ?? ((l: string) => console.log(l));
  const reportEpoch = o.reportEpoch ?? ((_m: EpochMetrics, line: string) => log(line));
  const { outDir, observe } = o;
  const resumed = o.checkpoint ? await loadCheckpoint(o.checkpoint.dir, o.checkpoint.runId, ctx) : null;
  const state = resumed ?? initialState(ctx);
  reached.state = state;
  const outputs = new RunOutputs(outDir, state.history, state.version);
  const steps = totalSteps(ctx.trainCount, config.batchSize, config.epochs, config.maxSteps);
  const bar = new ProgressBar(o.progress);
  const stepRecords = o.metricsEvery ? new StepWindow(o.metricsEvery) : null;
  const workers = executor.mode === 'in-process' ? 'in-process'
    : executor.workers > 0 ? `${executor.workers} worker${executor.workers > 1 ? 's' : ''}` : 'distributed';
  log(`dpt: training ${config.structure.join('-')} on ${dataset.name} (${dataset.train.count} train / ${dataset.test.count} test), ` +
    `${config.epochs} epochs, batch ${config.batchSize}, shard ${config.shardSize}, eta ${config.eta}, seed ${config.seed}, ${config.dtype}, ${workers}, ${activeKernels()} kernels`);
  if (ctx.initFrom && !resumed) log(`dpt: starting from the weights of ${ctx.initFrom.file} (sha256 ${ctx.initFrom.sha256})`);
  if (resumed) log(`dpt: resumed from ${checkpointPath(o.checkpoint!.dir)} at epoch ${resumed.nextEpoch + 1}, step ${resumed.version}, to epoch ${config.epochs}`);
  // The bar goes, whatever ends the loop, so that an error message starts on a line of its own.
  const final = await trainLoop(ctx, executor, state, {
    onStep: async (plan, _perEpoch, st, errorSum) => {
      if (bar.enabled) bar.update(plan.epoch + 1, config.epochs, st.version, steps, plan.size);
      const record = stepRecords?.add(plan, st.version, errorSum);
      if (record) outputs.appendStep(record);
      await observe?.(plan, st);
      if (o.signal?.aborted) throw o.signal.reason instanceof Error ? o.signal.reason : new Error(String(o.signal.reason));
    },
    onEpoch: async (m, st) => {
      bar.clear();
      reportEpoch(m, epochLine(m, config.epochs));
      outputs.appendEpoch(m);
      if (o.checkpoint) await saveCheckpoint(o.checkpoint.dir, o.checkpoint.runId, ctx, st);
      await o.onEpoch?.(m, st);
      await o.observeEpoch?.(m, st);
    },
  }).finally(() => bar.clear());
  await saveModel(outputs.modelPath, config, dataset, final);
  const summary: RunSummary & { workerTotals?: WorkerTotal[] } = summarise(final, config, executor.workers, {
    name: dataset.name, trainCount: dataset.train.count, testCount: dataset.test.count,
  }, id);
  if (ctx.initFrom) summary.initFrom = ctx.initFrom;
  if (o.workerTotals) summary.workerTotals = o.workerTotals();
  await outputs.writeSummary(summary);
  log(`dpt: test accuracy ${summary.testAccuracy.toFixed(4)} after ${summary.steps} steps in ${summary.seconds.toFixed(1)}s ` +
    `(${Math.round(summary.samplesPerSecond).toLocaleString('en-US')} samples/s); params sha256 ${summary.paramsSha256}`);
  log(`dpt: wrote ${outDir}/summary.json, metrics.jsonl, model.dpt`);
  return summary;
}

/** One epoch as a terminal line. */
export function epochLine(m: EpochMetrics, epochs: number): string {
  const w = String(epochs).length;
  return [
    `epoch ${String(m.epoch + 1).padStart(w)}/${epochs}`,
    `error ${m.trainError.toPrecision(5)}`,
    `train-acc ${m.trainAccuracy.toFixed(4)}`,
    `test-acc ${m.testAccuracy.toFixed(4)}`,
    `${m.seconds.toFixed(2)}s`,
    `${Math.round(m.samplesPerSecond).toLocaleString('en-US')} samples/s`,
  ].join('  ');
}

/**
 * The steps since the last "step" record of metrics.jsonl. A record is due
 * whenever the run's step count is a multiple of `every`, so records fall on
 * the same steps in a resumed run; it covers the steps since the previous
 * one (fewer right after a resume), across an epoch's end if need be.
 */
class StepWindow {
  private steps = 0;
  private samples = 0;
  private errorSum = 0;
  private started = performance.now();

  constructor(private readonly every: number) {}

  /** After a step: `step` is the run's step count, `errorSum` the step's summed error. */
  add(plan: StepPlan, step: number, errorSum: number): Omit<StepRecord, 'kind' | 'time'> | null {
    this.steps++;
    this.samples += plan.size;
    this.errorSum += errorSum;
    if (step % this.every !== 0) return null;
    const now = performance.now();
    const record = { epoch: plan.epoch, step, steps: this.steps, samples: this.samples, error: this.errorSum / this.samples, seconds: (now - this.started) / 1000 };
    this.steps = 0;
    this.samples = 0;
    this.errorSum = 0;
    this.started = now;
    return record;
  }
}
