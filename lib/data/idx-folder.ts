// A dataset from four IDX files (train/test images/labels), as MNIST and its
// drop-in replacements (Fashion-MNIST, KMNIST) ship them. All validation lives
// here, so a bad folder fails at load time with the offending file's name
// rather than as NaNs or out-of-range labels halfway through training.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataFormatError } from '../errors.js';
import type { InputArray } from '../math/float.js';
import type { Dataset, Split } from './dataset.js';
import { readIdxFile, type IdxArray } from './idx.js';

export interface IdxFiles {
  readonly trainImages: string;
  readonly trainLabels: string;
  readonly testImages: string;
  readonly testLabels: string;
}

// The names the MNIST site uses, the dotted variant some mirrors use, each
// optionally gzipped. Earlier entries win, so an unpacked file beats its .gz.
function candidates(prefix: 'train' | 't10k', kind: 'images' | 'labels'): string[] {
  const idx = kind === 'images' ? 'idx3' : 'idx1';
  const names = [`${prefix}-${kind}-${idx}-ubyte`, `${prefix}-${kind}.${idx}-ubyte`];
  return [...names, ...names.map((n) => n + '.gz')];
}

function findFile(dir: string, prefix: 'train' | 't10k', kind: 'images' | 'labels'): string {
  const names = candidates(prefix, kind);
  const found = names.find((n) => existsSync(join(dir, n)));
  if (found === undefined) {
    throw new DataFormatError(join(dir, names[0]), `missing ${prefix} ${kind} file (looked for ${names.join(', ')})`);
  }
  return join(dir, found);
}

/** Loads the four standard-named IDX files from `dir`; the dataset is named after `dir`. */
export function loadIdxFolder(dir: string): Dataset {
  if (!existsSync(dir)) throw new DataFormatError(dir, 'folder not found');
  if (!statSync(dir).isDirectory()) throw new DataFormatError(dir, 'not a folder');
  return datasetFromIdxFiles(dir, {
    trainImages: findFile(dir, 'train', 'images'),
    trainLabels: findFile(dir, 'train', 'labels'),
    testImages: findFile(dir, 't10k', 'images'),
    testLabels: findFile(dir, 't10k', 'labels'),
  });
}

/** Reads and cross-checks four IDX files; numClasses and maxValue are derived from the data. */
export function datasetFromIdxFiles(name: string, files: IdxFiles): Dataset {
  const trainImages = readImages(files.trainImages);
  const testImages = readImages(files.testImages);
  const train = readSplit(trainImages, files.trainImages, files.trainLabels);
  const test = readSplit(testImages, files.testImages, files.testLabels);

  const inputSize = sampleSize(trainImages);
  if (sampleSize(testImages) !== inputSize) {
    throw new DataFormatError(
      files.testImages,
      `samples have ${sampleSize(testImages)} values (dims [${testImages.dims.join(', ')}]) but train samples have ${inputSize} (dims [${trainImages.dims.join(', ')}])`,
    );
  }
  // Keeping one dtype per dataset lets batching and shipping treat both
  // splits alike.
  if (testImages.dtype !== trainImages.dtype) {
    throw new DataFormatError(files.testImages, `dtype ${testImages.dtype} differs from the train images' ${trainImages.dtype}`);
  }

  // Labels are ubyte, so they are < 256 by construction.
  const numClasses = Math.max(maxOf(train.labels), maxOf(test.labels)) + 1;
  // ubyte pixels are scaled by the format's range, not by the brightest pixel
  // that happens to occur, so scaling is the same for every ubyte dataset.
  const maxValue =
    trainImages.dtype === 'ubyte' ? 255 : Math.max(maxOf(train.inputs, files.trainImages), maxOf(test.inputs, files.testImages));
  if (!(maxValue > 0)) {
    throw new DataFormatError(files.trainImages, `largest input value is ${maxValue}; scaling to [0, 1] needs a positive maximum`);
  }
  return { name, inputSize, numClasses, maxValue, train, test };
}

function readImages(file: string): IdxArray {
  const images = readIdxFile(file);
  if (images.dims.length < 2) {
    throw new DataFormatError(file, `images need 2 or more dims (count, values...), got dims [${images.dims.join(', ')}]`);
  }
  return images;
}

function readSplit(images: IdxArray, imagesFile: string, labelsFile: string): Split {
  const labels = readIdxFile(labelsFile);
  if (labels.dtype !== 'ubyte') throw new DataFormatError(labelsFile, `labels must be ubyte, got ${labels.dtype}`);
  if (labels.dims.length !== 1) {
    throw new DataFormatError(labelsFile, `labels must have 1 dim, got dims [${labels.dims.join(', ')}]`);
  }
  const count = images.dims[0];
  if (labels.dims[0] !== count) {
    throw new DataFormatError(labelsFile, `has ${labels.dims[0]} labels but ${imagesFile} has ${count} samples`);
  }
  return { count, inputs: images.data, labels: labels.data as Uint8Array };
}

const sampleSize = (images: IdxArray) => images.dims.slice(1).reduce((a, b) => a * b, 1);

/** Largest value; with `file`, also rejects NaN and infinities, which would poison training silently. */
function maxOf(values: InputArray, file?: string): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (file !== undefined && !Number.isFinite(v)) throw new DataFormatError(file, `value ${v} at index ${i} is not finite`);
    if (v > max) max = v;
  }
  return max;
}
