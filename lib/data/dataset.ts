// The in-memory shape of a classification dataset. Inputs stay in their
// stored form (bytes for MNIST and parity) and are converted to the training
// dtype only when a batch is gathered, so a worker keeps 47 MB for MNIST
// rather than 188 MB of floats.

import type { InputArray } from '../math/float.js';

export interface Split {
  /** Number of samples. */
  readonly count: number;
  /** Row-major (count, inputSize). */
  readonly inputs: InputArray;
  /** (count) class indices in [0, numClasses). */
  readonly labels: Uint8Array;
}

export interface Dataset {
  /** 'mnist', 'parity', or the folder the IDX files came from. */
  readonly name: string;
  /** Features per sample (784 for MNIST, 10 for parity). */
  readonly inputSize: number;
  /** Number of classes (one output unit each). */
  readonly numClasses: number;
  /** Largest raw input value, used by input scaling to [0, 1] (255 for MNIST, 1 for parity). */
  readonly maxValue: number;
  readonly train: Split;
  readonly test: Split;
}
