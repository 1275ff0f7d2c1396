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
/**
 * How shard jobs reach the workers (services/step-protocol.ts): a sealed
 * Redis list, or a BullMQ queue. Never part of a run's bits; here because
 * the options, the wire and both services name it.
 */
export const DISPATCHES = ['list', 'bullmq'] as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type Loss = (typeof LOSSES)[number];
export type Init = (typeof INITS)[number];
export type DType = (typeof DTYPES)[number];
export type Dispatch = (typeof DISPATCHES)[number];
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

// ---- Limits. Counts travel as uint32 (proto/dpt.proto, TrainConfig, and the
// step and version counters of every message); the weights travel as one
// Redis value, whose size Redis caps at 512 MB (proto-max-bulk-len); a
// shard's scratch memory is allocated up front. Anything beyond these would
// train for a while and then fail, or ask for memory no machine gives.

export const U32_MAX = 0xffffffff;
/** Bytes of the parameters (one weights snapshot, one gradient): what one Redis value holds, less room for the message head. */
export const MAX_PARAM_BYTES = 512 * 1024 * 1024 - 64 * 1024;
/** Bytes of one shard's workspace (activations and deltas of min(shardSize, batchSize) samples). */
export const MAX_WORKSPACE_BYTES = 1024 * 1024 * 1024;

const BYTES_PER_FLOAT: Record<DType, number> = { float32: 4, float64: 8 };

function int(flag: string, v: string, min: number, max = U32_MAX): number {
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
    if (Number(p) > U32_MAX) throw new ConfigError(flag, `layer ${i} size must be at most ${U32_MAX}, got ${p}`);
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

function eta(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new ConfigError(flag, `the learning rate must be a positive number, got "${v}"`);
  return n;
}

/**
 * How each field is read from text (a flag, an environment variable, a value
 * of a config file): `name` is what the user wrote, for the error. The one
 * parser of every field, whatever the source (lib/options.ts).
 */
export const FIELD_PARSERS: { [K in keyof TrainConfig]: (name: string, v: string) => TrainConfig[K] } = {
  dataset: (_name, v) => v,
  structure: parseStructure,
  epochs: (name, v) => int(name, v, 1),
  batchSize: (name, v) => int(name, v, 1),
  shardSize: (name, v) => int(name, v, 1),
  eta,
  seed: (name, v) => int(name, v, 0),
  activation: (name, v) => oneOf(name, v, ACTIVATIONS),
  loss: (name, v) => oneOf(name, v, LOSSES),
  init: (name, v) => oneOf(name, v, INITS),
  dtype: (name, v) => oneOf(name, v, DTYPES),
  inputScaling: (name, v) => oneOf(name, v, INPUT_SCALINGS),
  trainLimit: (name, v) => int(name, v, 0),
  testLimit: (name, v) => int(name, v, 0),
  maxSteps: (name, v) => int(name, v, 0),
};

export const CONFIG_KEYS = Object.keys(FIELD_PARSERS) as (keyof TrainConfig)[];

/** The flag of a config field: batchSize -> --batch-size. */
export function flagOf(key: string): string {
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** The preset named `name`, or a ConfigError naming `source` (the flag, variable or file key it came from). */
export function presetValues(name: string, source = '--preset'): Partial<TrainConfig> {
  const preset = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (!preset) throw new ConfigError(source, `unknown preset "${name}"; known presets: ${Object.keys(PRESETS).join(', ')}`);
  return preset;
}

/** Preset + flags, checked on their own (dataset-dependent checks: lib/train/model-context.ts). */
export function resolveConfig(flags: ConfigFlags): TrainConfig {
  const c: TrainConfig = { ...DEFAULTS, structure: [...DEFAULTS.structure] };
  if (flags.preset !== undefined) Object.assign(c, presetValues(flags.preset));
  const set = <K extends keyof TrainConfig>(key: K, v: string) => {
    c[key] = FIELD_PARSERS[key](flagOf(key), v);
  };
  for (const key of CONFIG_KEYS) {
    const v = flags[key];
    if (v !== undefined) set(key, v);
  }
  validateConfig(c);
  return c;
}

/** Checks a whole config (also one that came from a file or the wire). */
export function validateConfig(c: TrainConfig): void {
  const structure = structureProblem(c.structure);
  if (structure) throw new ConfigError('--structure', structure);
  const count = (flag: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min || v > U32_MAX) throw new ConfigError(flag, `must be a whole number in ${min}..${U32_MAX}, got ${v}`);
  };
  count('--epochs', c.epochs, 1);
  count('--batch-size', c.batchSize, 1);
  count('--shard-size', c.shardSize, 1);
  count('--seed', c.seed, 0);
  count('--train-limit', c.trainLimit, 0);
  count('--test-limit', c.testLimit, 0);
  count('--max-steps', c.maxSteps, 0);
  if (!Number.isFinite(c.eta) || c.eta <= 0) throw new ConfigError('--eta', `the learning rate must be positive, got ${c.eta}`);
  checkMemory(c);
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

/** Refuses a network whose parameters or shard workspace could not be allocated (or sent) at all. */
function checkMemory(c: TrainConfig): void {
  const bytes = BYTES_PER_FLOAT[c.dtype] ?? 8;
  let params = 0;
  let units = 0;
  for (let l = 0; l < c.structure.length; l++) {
    units += c.structure[l];
    if (l > 0) params += c.structure[l] * c.structure[l - 1] + c.structure[l];
  }
  if (params * bytes > MAX_PARAM_BYTES) {
    throw new ConfigError('--structure', `${c.structure.join(',')} has ${params.toLocaleString('en-US')} parameters, ${gb(params * bytes)} of ${c.dtype}; ` +
      `the weights must fit one Redis value (${MAX_PARAM_BYTES.toLocaleString('en-US')} bytes): use smaller layers`);
  }
  // Workspace: the activations and the deltas of every layer, for one shard's samples.
  const rows = Math.min(c.shardSize, c.batchSize);
  const workspace = rows * units * 2 * bytes;
  if (workspace > MAX_WORKSPACE_BYTES) {
    const flag = c.shardSize <= c.batchSize ? '--shard-size' : '--batch-size';
    throw new ConfigError(flag, `a shard of ${rows.toLocaleString('en-US')} samples through layers ${c.structure.join(',')} needs ${gb(workspace)} ` +
      `of ${c.dtype} workspace, more than the ${gb(MAX_WORKSPACE_BYTES)} allowed: use a smaller ${flag}`);
  }
}

/**
 * Refuses a run whose step counter would overflow the wire's uint32 before
 * it ends (epochs x steps per epoch, or --max-steps). `trainCount` is the
 * number of training samples the run uses.
 */
export function checkStepCount(c: TrainConfig, trainCount: number): void {
  const perEpoch = Math.ceil(trainCount / c.batchSize);
  if (c.maxSteps === 0 && c.epochs * perEpoch > U32_MAX) {
    throw new ConfigError('--epochs', `${c.epochs} epochs of ${perEpoch} steps are ${c.epochs * perEpoch} steps, more than the ${U32_MAX} a run can count; use fewer epochs or set --max-steps`);
  }
}
