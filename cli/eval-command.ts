// `dpt eval MODEL`: accuracy and confusion matrix of a saved model.

import { loadDataset } from '../lib/data/load-dataset.js';
import { ModelContext } from '../lib/train/model-context.js';
import { countPredictions } from '../lib/train/evaluation.js';
import { readModelFile } from '../lib/wire/files.js';
import { ConfigError } from '../lib/errors.js';

export interface EvalOptions {
  dataset?: string;
  split?: string;
  json?: boolean;
}

export interface EvalResult {
  accuracy: number;
  count: number;
  confusion: number[][];
}

export async function evalCommand(modelPath: string, opts: EvalOptions, log: (s: string) => void = (s) => console.log(s)): Promise<EvalResult> {
  const model = await readModelFile(modelPath);
  const split = opts.split ?? 'test';
  if (split !== 'test' && split !== 'train') throw new ConfigError('--split', `expected "test" or "train", got "${split}"`);
  const config = { ...model.config, dataset: opts.dataset ?? model.config.dataset, testLimit: 0 };
  const dataset = loadDataset(config.dataset);
  const ctx = new ModelContext(config, dataset);
  const data = split === 'test' ? dataset.test : dataset.train;
  const { count, hits, confusion } = countPredictions(ctx, model.params, data);
  const result = { accuracy: hits / count, count, confusion };
  if (opts.json) log(JSON.stringify(result));
  else {
    log(`${modelPath}: ${dataset.name} ${split} set, ${count} samples`);
    log(`accuracy ${result.accuracy.toFixed(4)} (${hits}/${count})`);
    log(confusionTable(confusion));
  }
  return result;
}

/** A confusion matrix as aligned text: rows are true classes, columns predictions. */
function confusionTable(matrix: number[][]): string {
  const K = matrix.length;
  const w = Math.max(5, ...matrix.flat().map((v) => String(v).length)) + 1;
  const head = 'true\\pred'.padEnd(10) + Array.from({ length: K }, (_, j) => String(j).padStart(w)).join('');
  const rows = matrix.map((row, i) => String(i).padEnd(10) + row.map((v) => String(v).padStart(w)).join(''));
  return [head, ...rows].join('\n');
}
