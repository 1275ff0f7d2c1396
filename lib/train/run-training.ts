// One training session: resolve and validate the config, load the data,
// run the loop with an executor (in-process or distributed), report each
// epoch and write the run's outputs. Shared by `dpt train` and `dpt coordinator`.

import type { Dataset } from '../data/dataset.js';
import { loadDataset } from '../data/load-dataset.js';
import { resolveConfig, type ConfigFlags, type TrainConfig } from '../config.js';
import { ModelContext } from './model-context.js';
import type { StepExecutor } from './step-executor.js';
import type { StepPlan } from './plan.js';
import { initialState, trainLoop, type LoopState } from './train-loop.js';
import { RunOutputs, summarise, type RunSummary } from './run-outputs.js';
import { saveModel } from './model-io.js';
import { checkpointPath, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { epochLine } from '../report/format.js';
import { ProgressBar } from '../report/progress.js';
import { activeKernels } from '../math/kernels.js';

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

export interface TrainingOptions {
  outDir: string;
  /** Where human-readable lines go (default: stdout). */
  print?: (line: string) => void;
  /** Called after every step (tests, benchmarks, monitoring). */
  observe?: (plan: StepPlan, state: LoopState) => void | Promise<void>;
  /** Save a checkpoint at every epoch end, and resume from it when present. */
  /** runId, when given, must match the checkpoint's (the coordinator's run id). */
  checkpoint?: { dir: string; runId?: string };
}

/**
 * Runs the loop with terminal reporting and writes metrics, model and
 * summary into outDir; with a checkpoint dir, resumes from the checkpoint
 * there and saves one after every epoch.
 */
export async function runTraining(run: PreparedRun, executor: StepExecutor, o: TrainingOptions): Promise<RunSummary> {
  const { config, dataset, ctx } = run;
  const log = o.print ?? ((l: string) => console.log(l));
  const { outDir, observe } = o;
  const resumed = o.checkpoint ? await loadCheckpoint(o.checkpoint.dir, o.checkpoint.runId, run) : null;
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
      if (o.checkpoint) await saveCheckpoint(o.checkpoint.dir, o.checkpoint.runId, run, st);
    },
  });
  await saveModel(outputs.modelPath, config, dataset, final);
  const summary = summarise(final, config, executor.workers, {
    name: dataset.name, trainCount: dataset.train.count, testCount: dataset.test.count,
  });
  await outputs.writeSummary(summary);
  log(`dpt: test accuracy ${summary.testAccuracy.toFixed(4)} after ${summary.steps} steps in ${summary.seconds.toFixed(1)}s ` +
    `(${Math.round(summary.samplesPerSecond).toLocaleString('en-US')} samples/s); params sha256 ${summary.paramsSha256}`);
  log(`dpt: wrote ${outDir}/summary.json, metrics.jsonl, model.dpt`);
  return summary;
}

