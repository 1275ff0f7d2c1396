// A dataset's shape without its samples: small enough to log, print or store
// in a run manifest, and enough to check that two processes loaded the same
// kind of data.

import type { Dataset } from './dataset.js';

export interface DatasetSummary {
  readonly name: string;
  readonly inputSize: number;
  readonly numClasses: number;
  readonly trainCount: number;
  readonly testCount: number;
  readonly maxValue: number;
}

export function datasetSummary(ds: Dataset): DatasetSummary {
  const { name, inputSize, numClasses, maxValue } = ds;
  return { name, inputSize, numClasses, trainCount: ds.train.count, testCount: ds.test.count, maxValue };
}
