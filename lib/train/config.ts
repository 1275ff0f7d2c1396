// The resolved training configuration: everything that determines a run's
// bits. Parsing and validation live in config-parse.ts; this file only names
// the shape and the allowed values.

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
