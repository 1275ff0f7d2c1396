// `dpt predict MODEL`: classify test-set samples by index, or every image of
// an IDX file, printing the predicted class and the output values.

import { loadDataset } from '../lib/data/load-dataset.js';
import { readIdxFile } from '../lib/data/idx.js';
import type { Split } from '../lib/data/dataset.js';
import { ConfigError } from '../lib/errors.js';
import { paramLayout } from '../lib/math/layout.js';
import { readModelFile } from '../lib/wire/files.js';
import { Workspace, probabilities, type NetSpec } from '../lib/math/network.js';
import { gatherBatch } from '../lib/train/model-context.js';

export interface PredictOptions {
  index?: string[];
  idx?: string;
  dataset?: string;
  json?: boolean;
}

export interface Prediction {
  sample: number;
  predicted: number;
  label?: number;
  outputs: number[];
}

export async function predictCommand(modelPath: string, opts: PredictOptions, log: (s: string) => void = (s) => console.log(s)): Promise<Prediction[]> {
  const model = await readModelFile(modelPath);
  const config = { ...model.config, dataset: opts.dataset ?? model.config.dataset };
  const D = config.structure[0];
  let split: Split;
  let indices: number[];
  let maxValue: number;
  let labelled = true;
  if (opts.idx !== undefined) {
    const file = readIdxFile(opts.idx);
    const count = file.dims[0];
    const size = file.dims.slice(1).reduce((a, b) => a * b, 1);
    if (size !== D) throw new ConfigError('--idx', `${opts.idx} holds samples of ${size} values but the model expects ${D} inputs`);
    split = { count, inputs: file.data, labels: new Uint8Array(count) };
    indices = opts.index?.length ? opts.index.map((s) => parseIndex(s, count)) : Array.from({ length: count }, (_, i) => i);
    // Scaling uses the training data's range; for byte images that is 255.
    maxValue = file.dtype === 'ubyte' ? 255 : loadDataset(config.dataset).maxValue;
    labelled = false;
  } else {
    if (!opts.index?.length) throw new ConfigError('--index', 'give test-set indices (--index 0 --index 7) or an IDX file (--idx FILE)');
    const dataset = loadDataset(config.dataset);
    split = dataset.test;
    maxValue = dataset.maxValue;
    indices = opts.index.map((s) => parseIndex(s, split.count));
  }
  // The network alone: no training context (it would allocate a training workspace for nothing).
  const net: NetSpec = { layout: paramLayout(config.structure), activation: config.activation, loss: config.loss };
  const ws = new Workspace(net.layout, 1, model.params);
  const labels = new Uint8Array(1);
  const K = config.structure[config.structure.length - 1];
  const results: Prediction[] = [];
  for (const i of indices) {
    gatherBatch(ws.input, labels, split, D, [i], config.inputScaling, maxValue);
    const out = Array.from(probabilities(net, model.params, ws, 1).subarray(0, K));
    const predicted = out.indexOf(Math.max(...out));
    results.push({ sample: i, predicted, ...(labelled ? { label: split.labels[i] } : {}), outputs: out });
  }
  for (const r of results) {
    if (opts.json) log(JSON.stringify(r));
    else log(`sample ${r.sample}: predicted ${r.predicted}${r.label !== undefined ? ` (label ${r.label})` : ''}  outputs [${r.outputs.map((v) => v.toFixed(3)).join(', ')}]`);
  }
  return results;
}

function parseIndex(s: string, count: number): number {
  if (!/^\d+$/.test(s) || Number(s) >= count) throw new ConfigError('--index', `"${s}" is not a sample index in 0..${count - 1}`);
  return Number(s);
}
