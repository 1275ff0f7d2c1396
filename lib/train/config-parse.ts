// Turns a preset and user flags into a validated TrainConfig. Every refusal
// is a ConfigError naming the flag as the user typed it, raised before any
// training starts.

import { ConfigError } from '../errors.js';
import type { Dataset } from '../data/dataset.js';
import {
  ACTIVATIONS, DTYPES, INITS, INPUT_SCALINGS, LOSSES, type TrainConfig,
} from './config.js';
import { DEFAULTS, PRESETS } from './presets.js';

/** Flag values as strings, the way a command line delivers them (undefined = not given). */
export interface ConfigFlags {
  preset?: string;
  dataset?: string;
  structure?: string;
  epochs?: string;
  batchSize?: string;
  shardSize?: string;
  eta?: string;
  seed?: string;
  activation?: string;
  loss?: string;
  init?: string;
  dtype?: string;
  inputScaling?: string;
  trainLimit?: string;
  testLimit?: string;
  maxSteps?: string;
}

function int(flag: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(v.trim())) throw new ConfigError(flag, `expected a whole number, got "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw new ConfigError(flag, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new ConfigError(flag, `unknown value "${v}"; expected one of ${allowed.join(', ')}`);
  return v as T;
}

export function parseStructure(flag: string, v: string): number[] {
  const parts = v.split(',').map((s) => s.trim());
  if (parts.length < 2) throw new ConfigError(flag, `needs at least an input and an output layer, e.g. 784,32,10; got "${v}"`);
  return parts.map((p, i) => {
    if (!/^\d+$/.test(p) || Number(p) < 1) throw new ConfigError(flag, `layer ${i} size must be a positive whole number, got "${p}" in "${v}"`);
    return Number(p);
  });
}

/** Preset + flags, checked on their own (dataset-dependent checks: checkAgainstDataset). */
export function resolveConfig(flags: ConfigFlags): TrainConfig {
  let base: TrainConfig = { ...DEFAULTS, structure: [...DEFAULTS.structure] };
  if (flags.preset !== undefined) {
    const preset = PRESETS[flags.preset];
    if (!preset) throw new ConfigError('--preset', `unknown preset "${flags.preset}"; known presets: ${Object.keys(PRESETS).join(', ')}`);
    base = { ...base, ...preset };
  }
  const c: TrainConfig = { ...base };
  if (flags.dataset !== undefined) c.dataset = flags.dataset;
  if (flags.structure !== undefined) c.structure = parseStructure('--structure', flags.structure);
  if (flags.epochs !== undefined) c.epochs = int('--epochs', flags.epochs, 1);
  if (flags.batchSize !== undefined) c.batchSize = int('--batch-size', flags.batchSize, 1);
  if (flags.shardSize !== undefined) c.shardSize = int('--shard-size', flags.shardSize, 1);
  if (flags.seed !== undefined) c.seed = int('--seed', flags.seed, 0, 0xffffffff);
  if (flags.trainLimit !== undefined) c.trainLimit = int('--train-limit', flags.trainLimit, 0);
  if (flags.testLimit !== undefined) c.testLimit = int('--test-limit', flags.testLimit, 0);
  if (flags.maxSteps !== undefined) c.maxSteps = int('--max-steps', flags.maxSteps, 0);
  if (flags.eta !== undefined) {
    const eta = Number(flags.eta);
    if (flags.eta.trim() === '' || !Number.isFinite(eta) || eta <= 0) throw new ConfigError('--eta', `the learning rate must be a positive number, got "${flags.eta}"`);
    c.eta = eta;
  }
  if (flags.activation !== undefined) c.activation = oneOf('--activation', flags.activation, ACTIVATIONS);
  if (flags.loss !== undefined) c.loss = oneOf('--loss', flags.loss, LOSSES);
  if (flags.init !== undefined) c.init = oneOf('--init', flags.init, INITS);
  if (flags.dtype !== undefined) c.dtype = oneOf('--dtype', flags.dtype, DTYPES);
  if (flags.inputScaling !== undefined) c.inputScaling = oneOf('--input-scaling', flags.inputScaling, INPUT_SCALINGS);
  validateConfig(c);
  return c;
}

/** Checks a whole config (also one that came from a file or the wire). */
export function validateConfig(c: TrainConfig): void {
  if (c.structure.length < 2 || c.structure.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new ConfigError('--structure', `needs at least two positive layer sizes, got ${c.structure.join(',')}`);
  }
  if (!Number.isInteger(c.epochs) || c.epochs < 1) throw new ConfigError('--epochs', `must be at least 1, got ${c.epochs}`);
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new ConfigError('--batch-size', `must be at least 1, got ${c.batchSize}`);
  if (!Number.isInteger(c.shardSize) || c.shardSize < 1) throw new ConfigError('--shard-size', `must be at least 1, got ${c.shardSize}`);
  if (!Number.isFinite(c.eta) || c.eta <= 0) throw new ConfigError('--eta', `the learning rate must be positive, got ${c.eta}`);
  if (!Number.isInteger(c.seed) || c.seed < 0 || c.seed > 0xffffffff) throw new ConfigError('--seed', `must be a whole number in 0..4294967295, got ${c.seed}`);
}

/** Checks that the network fits the data: input width and class count. */
export function checkAgainstDataset(c: TrainConfig, ds: Dataset): void {
  const first = c.structure[0];
  const last = c.structure[c.structure.length - 1];
  if (first !== ds.inputSize) {
    throw new ConfigError('--structure', `the input layer has ${first} units but dataset "${ds.name}" has ${ds.inputSize} inputs per sample`);
  }
  if (last !== ds.numClasses) {
    throw new ConfigError('--structure', `the output layer has ${last} units but dataset "${ds.name}" has ${ds.numClasses} classes`);
  }
}
