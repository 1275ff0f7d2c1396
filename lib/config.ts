// The training configuration: its shape, allowed values, presets and
// validation. Everything that determines a run's bits is here, so every layer
// may import this file, and it imports nothing of dpt but the errors.
//
// The wire schema (proto/dpt.proto, message TrainConfig) restates these
// fields on purpose: the proto is the byte format, this is the typed
// vocabulary; lib/wire/fields.ts converts between them and checks the enums.

import { ConfigError } from './errors.js';

export const ACTIVATIONS = ['sigmoid', 'relu', 'tanh'] as const;
export const LOSSES = ['squared', 'cross-entropy'] as const;
export const INITS = ['normal', 'xavier', 'he'] as const;
export const DTYPES = ['float32', 'float64'] as const;
export const INPUT_SCALINGS = ['raw', 'unit'] as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type Loss = (typeof LOSSES)[number];
export type Init = (typeof INITS)[number];
export type DType = (typeof DTYPES)[number];
export type InputScaling = (typeof INPUT_SCALINGS)[number];

export interface TrainConfig {
  /** 'mnist', 'parity', or a folder holding IDX files. */
  dataset: string;
  /** Layer sizes, input first: [784, 32, 10]. */
  structure: number[];
  epochs: number;
  batchSize: number;
  /** Samples per shard: the unit of work and of summation order. */
  shardSize: number;
  eta: number;
  /** Unsigned 32-bit seed. */
  seed: number;
  activation: Activation;
  loss: Loss;
  init: Init;
  dtype: DType;
  inputScaling: InputScaling;
  /** Use only the first N training samples (0 = all). */
  trainLimit: number;
  /** Evaluate on only the first N test samples (0 = all). */
  testLimit: number;
  /** Stop after this many SGD steps (0 = no limit). */
  maxSteps: number;
}

// ---- Presets: named starting points; explicit flags override their values.
//   parity         the article's first experiment: 10-3-2 on the parity of 10-bit numbers
//   mnist-article  the article's MNIST run as published: raw 0..255 pixels, batch 256, eta 0.3, 300 epochs
//   mnist          the same 784-32-10 sigmoid / squared-error network tuned to train fast:
//                  inputs scaled to [0, 1], Xavier init (standard-normal weights saturate
//                  the sigmoids of a 784-input layer), batch 64 in two shards, eta 3.

export const DEFAULTS: TrainConfig = {
  dataset: 'mnist',
  structure: [784, 32, 10],
  epochs: 10,
  batchSize: 64,
  shardSize: 32,
  eta: 3,
  seed: 0,
  activation: 'sigmoid',
  loss: 'squared',
  init: 'xavier',
  dtype: 'float32',
  inputScaling: 'unit',
  trainLimit: 0,
  testLimit: 0,
  maxSteps: 0,
};

export const PRESETS: Record<string, Partial<TrainConfig>> = {
  parity: { dataset: 'parity', structure: [10, 3, 2], batchSize: 8, shardSize: 8, eta: 0.3, epochs: 1000, init: 'normal', inputScaling: 'raw' },
  'mnist-article': { dataset: 'mnist', structure: [784, 32, 10], batchSize: 256, shardSize: 64, eta: 0.3, epochs: 300, init: 'normal', inputScaling: 'raw' },
  mnist: { dataset: 'mnist', structure: [784, 32, 10], batchSize: 64, shardSize: 32, eta: 3, epochs: 10, init: 'xavier', inputScaling: 'unit' },
};

// ---- Parsing and validation. Every refusal is a ConfigError naming the flag
// as the user typed it, raised before any training starts.

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

/**
 * What is wrong with a layer structure, or null when it describes a network:
 * at least two layers, every size a positive safe integer, and a parameter
 * count that is a safe integer. The one check behind every structure that
 * dpt accepts (flags, files, the wire).
 */
export function structureProblem(structure: readonly number[]): string | null {
  if (structure.length < 2) return `needs at least an input and an output layer, got [${structure.join(', ')}]`;
  let n = 0;
  for (let l = 0; l < structure.length; l++) {
    const size = structure[l];
    if (!Number.isSafeInteger(size) || size < 1) return `layer ${l} size must be a positive whole number, got ${size}`;
    if (l > 0) n += size * structure[l - 1] + size;
  }
  return Number.isSafeInteger(n) ? null : `parameter count overflows: [${structure.join(', ')}]`;
}

/** Preset + flags, checked on their own (dataset-dependent checks: lib/train/model-context.ts). */
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
  const structure = structureProblem(c.structure);
  if (structure) throw new ConfigError('--structure', structure);
  if (!Number.isInteger(c.epochs) || c.epochs < 1) throw new ConfigError('--epochs', `must be at least 1, got ${c.epochs}`);
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new ConfigError('--batch-size', `must be at least 1, got ${c.batchSize}`);
  if (!Number.isInteger(c.shardSize) || c.shardSize < 1) throw new ConfigError('--shard-size', `must be at least 1, got ${c.shardSize}`);
  if (!Number.isFinite(c.eta) || c.eta <= 0) throw new ConfigError('--eta', `the learning rate must be positive, got ${c.eta}`);
  if (!Number.isInteger(c.seed) || c.seed < 0 || c.seed > 0xffffffff) throw new ConfigError('--seed', `must be a whole number in 0..4294967295, got ${c.seed}`);
}
