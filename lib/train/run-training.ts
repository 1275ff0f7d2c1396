// One training session: resolve and validate the config, load the data,
// run the loop with an executor (in-process or distributed), report each
// epoch on the terminal and write the run's files. Every command that trains
// (`dpt train`, `dpt coordinator`) builds an executor and calls runTraining.

import { resolveConfig, type ConfigFlags, type TrainConfig } from '../config.js';
import type { Dataset } from '../data/dataset.js';
import { loadDataset } from '../data/load-dataset.js';
import { RunStoppedError } from '../errors.js';
import { activeKernels } from '../math/kernels.js';
import { ModelContext } from './model-context.js';
import type { StepPlan } from './plan.js';
import { checkpointPath, loadCheckpoint, RunOutputs, saveCheckpoint, saveModel, summarise, type RunSummary } from './run-files.js';
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
  /** Called after every step (tests, benchmarks, monitoring). */
  observe?: (plan: StepPlan, state: LoopState) => void | Promise<void>;
  /** Monitoring: called after every epoch, once it is reported and its checkpoint (when any) saved. */
  observeEpoch?: (metrics: EpochMetrics, state: LoopState) => void | Promise<void>;
  /** Monitoring: per-worker totals of a distributed run, for summary.json (asked for when it is written). */
  workerTotals?: () => WorkerTotal[];
  /**
   * Save a checkpoint at every epoch end, and resume from it when present.
   * runId, when given, must match the checkpoint's (the coordinator's run id).
   */
  checkpoint?: { dir: string; runId?: string };
}

/**
 * Runs the loop with terminal reporting and writes metrics, model and
 * summary into outDir; with a checkpoint dir, resumes from the checkpoint
 * there and saves one after every epoch. The executor is the run's: it is
 * closed at the end, told whether the run finished or failed.
 */
export async function runTraining(run: PreparedRun, executor: StepExecutor, o: TrainingOptions): Promise<RunSummary> {
  let summary: RunSummary;
  try {
    summary = await train(run, executor, o);
  } catch (e) {
    await executor.close(e instanceof RunStoppedError ? 'stopped' : 'failed').catch(() => {});
    throw e;
  }
  await executor.close('finished');
  return summary;
}

async function train(run: PreparedRun, executor: StepExecutor, o: TrainingOptions): Promise<RunSummary> {
  const { config, dataset, ctx } = run;
  const log = o.print ?? ((l: string) => console.log(l));
  const { outDir, observe } = o;
  const resumed = o.checkpoint ? await loadCheckpoint(o.checkpoint.dir, o.checkpoint.runId, ctx) : null;
  const state = resumed ?? initialState(ctx);
  const outputs = new RunOutputs(outDir, state.history);
  const bar = new ProgressBar();
  const workers = executor.mode === 'in-process' ? 'in-process'
    : executor.workers > 0 ? `${executor.workers} worker${executor.workers > 1 ? 's' : ''}` : 'distributed';
  log(`dpt: training ${config.structure.join('-')} on ${dataset.name} (${dataset.train.count} train / ${dataset.test.count} test), ` +
    `${config.epochs} epochs, batch ${config.batchSize}, shard ${config.shardSize}, eta ${config.eta}, seed ${config.seed}, ${config.dtype}, ${workers}, ${activeKernels()} kernels`);
  if (resumed) log(`dpt: resumed from ${checkpointPath(o.checkpoint!.dir)} at epoch ${resumed.nextEpoch + 1}, step ${resumed.version}`);
  const final = await trainLoop(ctx, executor, state, {
    onStep: async (plan, perEpoch, st) => {
      if (bar.enabled) bar.update(`epoch ${plan.epoch + 1}/${config.epochs}`, plan.batch + 1, perEpoch);
      await observe?.(plan, st);
    },
    onEpoch: async (m, st) => {
      bar.clear();
      log(epochLine(m, config.epochs));
      outputs.appendEpoch(m);
      if (o.checkpoint) await saveCheckpoint(o.checkpoint.dir, o.checkpoint.runId, ctx, st);
      await o.observeEpoch?.(m, st);
    },
  });
  await saveModel(outputs.modelPath, config, dataset, final);
  const summary: RunSummary & { workerTotals?: WorkerTotal[] } = summarise(final, config, executor.workers, {
    name: dataset.name, trainCount: dataset.train.count, testCount: dataset.test.count,
  });
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
 * A one-line progress bar on stderr, drawn only when stderr is a terminal
 * (logs and CI output stay clean), redrawn at most ten times a second.
 */
class ProgressBar {
  private last = 0;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(label: string, done: number, total: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const pct = ((done / total) * 100).toFixed(0).padStart(3);
    this.stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
