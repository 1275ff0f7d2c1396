// dpt as a library: `import { train, loadModel, loadDataset } from 'dpt'`.
// The same code paths as the CLI (train is `dpt train`, loadModel's
// evaluate is `dpt eval`), with typed values instead of flags, callbacks
// instead of terminal lines, and an AbortSignal instead of SIGTERM.

import './lib/accel/register.js';
import { trainCommand, type TrainOptions } from './cli/train-command.js';
import { CONFIG_KEYS, type TrainConfig } from './lib/config.js';
import type { Dataset } from './lib/data/dataset.js';
import { loadDataset } from './lib/data/load-dataset.js';
import { ConfigError } from './lib/errors.js';
import { paramLayout } from './lib/math/layout.js';
import { probabilities, Workspace, type NetSpec } from './lib/math/network.js';
import type { StepPlan } from './lib/train/plan.js';
import { gatherBatch, ModelContext } from './lib/train/model-context.js';
import { countPredictions } from './lib/train/evaluation.js';
import type { RunSummary } from './lib/train/run-files.js';
import type { EpochMetrics, LoopState } from './lib/train/train-loop.js';
import { readModelFile } from './lib/wire/files.js';

export type { Dataset, Split } from './lib/data/dataset.js';
export type { EpochMetrics, LoopState } from './lib/train/train-loop.js';
export type { RunSummary } from './lib/train/run-files.js';
export type { StepPlan } from './lib/train/plan.js';
export type { TrainConfig } from './lib/config.js';
export { DEFAULTS, PRESETS } from './lib/config.js';
export { loadDataset } from './lib/data/load-dataset.js';
export { loadMnist } from './lib/data/mnist.js';
export { loadParity } from './lib/data/parity.js';
export { loadIdxFolder } from './lib/data/idx-folder.js';
export * from './lib/errors.js';

/** A training configuration: a preset, and any fields that differ from it (see DEFAULTS and PRESETS). */
export type TrainSettings = Partial<TrainConfig> & { preset?: string };

export interface TrainRunOptions {
  /** Output folder for summary.json, metrics.jsonl and model.dpt (default runs/<dataset>-<time>). */
  out?: string;
  /** Worker processes to fork (default 0: compute in this process). Same bits either way. */
  workers?: number;
  /** Redis for workers > 0 (default: REDIS_URL, else a private redis-server started for the run). */
  redisUrl?: string;
  prefix?: string;
  /** Start from the weights of a model.dpt, .npz or .safetensors file. */
  initFrom?: string;
  /** Save a checkpoint every epoch there, and continue from it when present. */
  checkpointDir?: string;
  onStep?: (plan: StepPlan, state: LoopState) => void | Promise<void>;
  onEpoch?: (metrics: EpochMetrics, state: LoopState) => void | Promise<void>;
  /** Aborting stops the run: train() rejects with RunStoppedError. */
  signal?: AbortSignal;
  /** Print the CLI's epoch lines (default false). */
  verbose?: boolean;
}

export interface TrainResult {
  summary: RunSummary;
  /** One record per epoch, as in metrics.jsonl. */
  history: EpochMetrics[];
}

/** Trains like `dpt train`; a bad setting rejects with ConfigError naming the flag it corresponds to. */
export async function train(settings: TrainSettings, options: TrainRunOptions = {}): Promise<TrainResult> {
  const opts: TrainOptions = {
    preset: settings.preset, out: options.out, workers: String(options.workers ?? 0), redis: options.redisUrl, prefix: options.prefix,
    initFrom: options.initFrom, checkpointDir: options.checkpointDir, quiet: !options.verbose,
  };
  for (const key of Object.keys(settings)) {
    if (key === 'preset') continue;
    if (!(CONFIG_KEYS as string[]).includes(key)) throw new ConfigError(key, `is not a training setting; known: preset, ${CONFIG_KEYS.join(', ')}`);
    const v = settings[key as keyof TrainConfig];
    // Flags are text: every value goes through the CLI's one parser, numbers printed exactly (String round-trips a double).
    if (v !== undefined) opts[key as keyof TrainConfig] = Array.isArray(v) ? v.join(',') : String(v);
  }
  // The loop's state holds every epoch's record, those a resumed run read from its checkpoint included.
  let history: EpochMetrics[] = [];
  const summary = await trainCommand(opts, {
    onStep: options.onStep,
    onEpoch: async (m, state) => {
      history = state.history;
      await options.onEpoch?.(m, state);
    },
    signal: options.signal,
  });
  return { summary, history: [...history] };
}

export interface Evaluation {
  accuracy: number;
  count: number;
  /** confusion[true class][predicted class]. */
  confusion: number[][];
}

export interface LoadedModel {
  readonly config: TrainConfig;
  readonly history: readonly EpochMetrics[];
  /**
   * The predicted class of each sample; inputs are raw values, as the
   * dataset stores them (0..255 for MNIST pixels), one row per sample.
   */
  predict(inputs: readonly (ArrayLike<number>)[]): number[];
  /** Accuracy and confusion matrix on a dataset's test (or train) split; a name loads it. */
  evaluate(dataset: Dataset | string, split?: 'test' | 'train'): Evaluation;
}

/** A model.dpt written by training. */
export async function loadModel(path: string): Promise<LoadedModel> {
  const model = await readModelFile(path);
  const { config, params } = model;
  const net: NetSpec = { layout: paramLayout(config.structure), activation: config.activation, loss: config.loss };
  const D = config.structure[0];
  const K = config.structure[config.structure.length - 1];
  // 'unit' scaling divides by the training data's largest value: read from the dataset once, when first needed.
  let maxValue: number | undefined;
  const scale = () => (maxValue ??= config.inputScaling === 'raw' ? 1 : loadDataset(config.dataset).maxValue);
  return {
    config,
    history: model.history,
    predict(inputs) {
      const rows = Float64Array.from(inputs.flatMap((row, i) => {
        if (row.length !== D) throw new ConfigError('predict', `sample ${i} has ${row.length} values but the model expects ${D} inputs`);
        return Array.from(row);
      }));
      const split = { count: inputs.length, inputs: rows, labels: new Uint8Array(inputs.length) };
      const ws = new Workspace(net.layout, 1, params);
      const labels = new Uint8Array(1);
      const out: number[] = [];
      for (let i = 0; i < inputs.length; i++) {
        gatherBatch(ws.input, labels, split, D, [i], config.inputScaling, scale());
        const p = probabilities(net, params, ws, 1).subarray(0, K);
        let best = 0;
        for (let j = 1; j < K; j++) if (p[j] > p[best]) best = j;
        out.push(best);
      }
      return out;
    },
    evaluate(dataset, split = 'test') {
      const ds = typeof dataset === 'string' ? loadDataset(dataset) : dataset;
      const ctx = new ModelContext({ ...config, testLimit: 0 }, ds);
      const { count, hits, confusion } = countPredictions(ctx, params, split === 'test' ? ds.test : ds.train);
      return { accuracy: count ? hits / count : 0, count, confusion };
    },
  };
}
