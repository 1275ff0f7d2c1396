// `dpt plot RUN_DIR... --out DIR`: PNG pictures of finished (or running)
// runs. The curves of every run go into one figure; each run with a model
// adds its first-layer weights, its confusion matrix on the test set and,
// when the inputs are square images, one digit and the misclassified ones.
// A run without model.dpt (yet) still gets its curves; the rest is skipped
// with a message.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDataset } from '../lib/data/load-dataset.js';
import type { Dataset } from '../lib/data/dataset.js';
import { ConfigError, DataFormatError } from '../lib/errors.js';
import { confusionSpec } from '../lib/plot/confusion.js';
import { confusionMatrix } from '../lib/train/evaluation.js';
import { curvesSpec } from '../lib/plot/curves.js';
import { digitSpec, misclassified, misclassifiedSpec } from '../lib/plot/digits.js';
import { squareSide } from '../lib/plot/image-grid.js';
import { DEFAULT_SCALE, renderPng } from '../lib/plot/render-png.js';
import { readRunFolders, type RunFolder } from '../lib/plot/run-folder.js';
import { weightsSpec } from '../lib/plot/weights.js';
import { ModelContext } from '../lib/train/model-context.js';
import type { Model } from '../lib/wire/types.js';
import type { TopLevelSpec } from 'vega-lite';

export interface PlotOptions {
  out?: string;
  /** Test sample drawn as the single digit (default 0). */
  sample?: string;
  /** Pixels per layout unit (default 2). */
  scale?: string;
  quiet?: boolean;
}

/** What was written, and why anything was left out. */
export interface PlotResult {
  outDir: string;
  files: string[];
  skipped: string[];
}

export async function plotCommand(runDirs: readonly string[], opts: PlotOptions, log: (s: string) => void = (s) => console.log(s)): Promise<PlotResult> {
  if (runDirs.length === 0) throw new ConfigError('RUN_DIR', 'give at least one run folder (written by `dpt train --out DIR`)');
  if (opts.out === undefined && runDirs.length > 1) throw new ConfigError('--out', 'give an output folder when plotting several runs');
  const outDir = opts.out ?? join(runDirs[0], 'plots');
  const sample = parseSample(opts.sample);
  const scale = parseScale(opts.scale);
  const print = opts.quiet ? () => {} : log;
  // Every run folder is read and checked before anything is written.
  const runs = await readRunFolders(runDirs);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw new ConfigError('--out', `cannot create the folder ${outDir}: ${(e as Error).message}`);
  }
  const result: PlotResult = { outDir, files: [], skipped: [] };
  const write = async (name: string, spec: TopLevelSpec) => {
    const file = join(outDir, name);
    const png = await renderPng(spec, { scale });
    try {
      await writeFile(file, png);
    } catch (e) {
      throw new ConfigError('--out', `cannot write ${file}: ${(e as Error).message}`);
    }
    result.files.push(file);
  };
  const skip = (why: string) => {
    result.skipped.push(why);
    print(`dpt: ${why}`);
  };

  await write('curves.png', curvesSpec(runs));
  const datasets = new Map<string, Dataset>(); // runs on one dataset load it once
  for (const run of runs) {
    if (run.model === null) skip(`${run.modelPath}: no model file; skipped the weights, digits and confusion matrix of ${run.label}`);
    else await plotModel(run, run.model, sample, datasets, write, skip);
  }
  print(`dpt: wrote ${result.files.length} plot${result.files.length === 1 ? '' : 's'} to ${outDir}: ${result.files.map((f) => f.slice(outDir.length + 1)).join(', ')}`);
  return result;
}

async function plotModel(
  run: RunFolder, model: Model, sample: number, datasets: Map<string, Dataset>,
  write: (name: string, spec: TopLevelSpec) => Promise<void>, skip: (why: string) => void,
): Promise<void> {
  const prefix = run.label.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'run';
  const { config, params } = model;
  await write(`${prefix}-weights.png`, weightsSpec(params, config.structure, run.label));

  let dataset = datasets.get(config.dataset);
  try {
    dataset ??= loadDataset(config.dataset);
    datasets.set(config.dataset, dataset);
  } catch (e) {
    if (!(e instanceof DataFormatError)) throw e;
    skip(`${run.modelPath}: cannot load its dataset (${e.message}); skipped the digits and confusion matrix of ${run.label}`);
    return;
  }
  // The whole test set, as `dpt eval` scores it, whatever --test-limit the run used.
  const ctx = new ModelContext({ ...config, testLimit: 0 }, dataset);
  const test = dataset.test;
  const predictions = ctx.predict(params, test);
  await write(`${prefix}-confusion.png`, confusionSpec(confusionMatrix(test.labels, predictions, dataset.numClasses), run.label));

  const side = squareSide(dataset.inputSize);
  if (side === null) return; // not images: nothing to look at
  if (sample >= test.count) throw new ConfigError('--sample', `${sample} is not a test sample index in 0..${test.count - 1}`);
  await write(`${prefix}-digit.png`, digitSpec(test, predictions, side, dataset.maxValue, sample, run.label));
  if (misclassified(test, predictions).length === 0) skip(`${run.label}: no misclassified test sample; skipped ${prefix}-misclassified.png`);
  else await write(`${prefix}-misclassified.png`, misclassifiedSpec(test, predictions, side, dataset.maxValue, run.label));
}

function parseScale(s: string | undefined): number {
  if (s === undefined) return DEFAULT_SCALE;
  const x = Number(s);
  if (!/^\d+(\.\d+)?$/.test(s) || x < 0.5 || x > 8) throw new ConfigError('--scale', `expected pixels per layout unit in 0.5..8, got "${s}"`);
  return x;
}

function parseSample(s: string | undefined): number {
  if (s === undefined) return 0;
  if (!/^\d+$/.test(s)) throw new ConfigError('--sample', `expected a test sample index (0, 1, ...), got "${s}"`);
  return Number(s);
}
