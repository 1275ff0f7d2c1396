import { describe, it, expect, afterAll } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../lib/data/load-dataset.js';
import { loadMnist } from '../../lib/data/mnist.js';
import type { Dataset } from '../../lib/data/dataset.js';
import { encodeIdx, expectDataError, tempDir, writeFile } from './idx-helpers.js';

const dir = tempDir();

/** A dataset's shape without its samples. */
const shape = (ds: Dataset) => ({
  name: ds.name, inputSize: ds.inputSize, numClasses: ds.numClasses, trainCount: ds.train.count, testCount: ds.test.count, maxValue: ds.maxValue,
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDataset', () => {
  it('knows mnist and parity by name', () => {
    expect(loadDataset('mnist')).toBe(loadMnist());
    expect(shape(loadDataset('parity'))).toEqual({
      name: 'parity',
      inputSize: 10,
      numClasses: 2,
      trainCount: 700,
      testCount: 324,
      maxValue: 1,
    });
  });

  it('treats anything else as a folder of IDX files', () => {
    writeFile(dir, 'train-images-idx3-ubyte', encodeIdx(0x08, [2, 1, 3], [1, 2, 3, 4, 5, 6]));
    writeFile(dir, 'train-labels-idx1-ubyte', encodeIdx(0x08, [2], [0, 1]));
    writeFile(dir, 't10k-images-idx3-ubyte.gz', encodeIdx(0x08, [1, 3, 1], [7, 8, 9]), true);
    writeFile(dir, 't10k-labels-idx1-ubyte', encodeIdx(0x08, [1], [2]));
    expect(shape(loadDataset(dir))).toEqual({ name: dir, inputSize: 3, numClasses: 3, trainCount: 2, testCount: 1, maxValue: 255 });
  });

  it('rejects a name that is neither built in nor a folder', () => {
    expectDataError(() => loadDataset('minst'), 'minst', /neither a known dataset name \('mnist', 'parity'\) nor a folder/);
    const file = join(dir, 'train-labels-idx1-ubyte');
    expectDataError(() => loadDataset(file), file, /neither a known dataset name/);
  });
});
