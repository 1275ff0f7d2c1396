import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadIdxFolder } from '../../lib/data/idx-folder.js';
import { encodeIdx, expectDataError, tempDir, writeFile } from './idx-helpers.js';

const root = tempDir();
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Files = Partial<Record<'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', Uint8Array>>;

// 3 train and 2 test samples of 2x2 ubyte pixels; labels up to 2 in train and
// 4 in test, so numClasses must come from both splits.
const small: Required<Files> = {
  trainImages: encodeIdx(0x08, [3, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
  trainLabels: encodeIdx(0x08, [3], [0, 2, 1]),
  testImages: encodeIdx(0x08, [2, 2, 2], [20, 21, 22, 23, 24, 25, 26, 27]),
  testLabels: encodeIdx(0x08, [2], [4, 0]),
};

let n = 0;
/** A fresh folder holding `files` under the standard names, overridden per test. */
function folder(overrides: Files = {}, opts: { gzip?: boolean; dotted?: boolean } = {}): string {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir);
  const files = { ...small, ...overrides };
  const sep = opts.dotted ? '.' : '-';
  const gz = opts.gzip ? '.gz' : '';
  writeFile(dir, `train-images${sep}idx3-ubyte${gz}`, files.trainImages, opts.gzip);
  writeFile(dir, `train-labels${sep}idx1-ubyte${gz}`, files.trainLabels, opts.gzip);
  writeFile(dir, `t10k-images${sep}idx3-ubyte${gz}`, files.testImages, opts.gzip);
  writeFile(dir, `t10k-labels${sep}idx1-ubyte${gz}`, files.testLabels, opts.gzip);
  return dir;
}

describe('loadIdxFolder', () => {
  for (const opts of [{}, { gzip: true }, { dotted: true }, { dotted: true, gzip: true }]) {
    it(`loads a folder ${JSON.stringify(opts)}`, () => {
      const dir = folder({}, opts);
      const ds = loadIdxFolder(dir);
      expect(ds).toMatchObject({ name: dir, inputSize: 4, numClasses: 5, maxValue: 255 });
      expect(ds.train.count).toBe(3);
      expect(ds.test.count).toBe(2);
      expect([...ds.train.inputs]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect([...ds.train.labels]).toEqual([0, 2, 1]);
      expect([...ds.test.inputs]).toEqual([20, 21, 22, 23, 24, 25, 26, 27]);
      expect([...ds.test.labels]).toEqual([4, 0]);
    });
  }

  it('takes maxValue from the data for non-ubyte inputs', () => {
    const ds = loadIdxFolder(
      folder({
        trainImages: encodeIdx(0x0d, [3, 4], [0, 0.5, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0]),
        testImages: encodeIdx(0x0d, [2, 4], [0, 3.5, 0, 0, 0, 0, 0, 0]),
      }),
    );
    expect(ds.train.inputs).toBeInstanceOf(Float32Array);
    expect(ds.maxValue).toBe(3.5);
  });

  it('missing file', () => {
    const dir = folder();
    rmSync(join(dir, 't10k-labels-idx1-ubyte'));
    expectDataError(() => loadIdxFolder(dir), join(dir, 't10k-labels-idx1-ubyte'), /missing t10k labels file \(looked for .*t10k-labels\.idx1-ubyte\.gz\)/);
  });

  it('missing or non-folder path', () => {
    expectDataError(() => loadIdxFolder(join(root, 'nope')), join(root, 'nope'), /folder not found/);
    const file = writeFile(root, 'a-file', new Uint8Array(1));
    expectDataError(() => loadIdxFolder(file), file, /not a folder/);
  });

  it('label count differs from image count', () => {
    const dir = folder({ trainLabels: encodeIdx(0x08, [2], [0, 1]) });
    expectDataError(() => loadIdxFolder(dir), join(dir, 'train-labels-idx1-ubyte'), /has 2 labels but .*train-images-idx3-ubyte has 3 samples/);
  });

  it('train and test input sizes differ', () => {
    const dir = folder({ testImages: encodeIdx(0x08, [2, 3], [1, 2, 3, 4, 5, 6]) });
    expectDataError(() => loadIdxFolder(dir), join(dir, 't10k-images-idx3-ubyte'), /samples have 3 values \(dims \[2, 3\]\) but train samples have 4/);
  });

  it('train and test dtypes differ', () => {
    const dir = folder({ testImages: encodeIdx(0x0d, [2, 4], [0, 0, 0, 0, 0, 0, 0, 0]) });
    expectDataError(() => loadIdxFolder(dir), join(dir, 't10k-images-idx3-ubyte'), /dtype float32 differs from the train images' ubyte/);
  });

  it('images with only one dim', () => {
    const dir = folder({ trainImages: encodeIdx(0x08, [3], [1, 2, 3]) });
    expectDataError(() => loadIdxFolder(dir), join(dir, 'train-images-idx3-ubyte'), /images need 2 or more dims .*got dims \[3\]/);
  });

  it('labels that are not 1-dim ubyte', () => {
    const wide = folder({ trainLabels: encodeIdx(0x08, [3, 1], [0, 1, 2]) });
    expectDataError(() => loadIdxFolder(wide), join(wide, 'train-labels-idx1-ubyte'), /labels must have 1 dim, got dims \[3, 1\]/);
    const int = folder({ testLabels: encodeIdx(0x0c, [2], [0, 1]) });
    expectDataError(() => loadIdxFolder(int), join(int, 't10k-labels-idx1-ubyte'), /labels must be ubyte, got int32/);
  });

  it('non-finite or non-positive float inputs', () => {
    const nan = folder({
      trainImages: encodeIdx(0x0e, [3, 4], [0, 1, 2, 3, 4, NaN, 0, 0, 0, 0, 0, 0]),
      testImages: encodeIdx(0x0e, [2, 4], [0, 0, 0, 0, 0, 0, 0, 0]),
    });
    expectDataError(() => loadIdxFolder(nan), join(nan, 'train-images-idx3-ubyte'), /value NaN at index 5 is not finite/);
    const zeros = folder({
      trainImages: encodeIdx(0x09, [3, 4], [0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      testImages: encodeIdx(0x09, [2, 4], [0, 0, 0, 0, 0, 0, 0, 0]),
    });
    expectDataError(() => loadIdxFolder(zeros), join(zeros, 'train-images-idx3-ubyte'), /largest input value is 0; .*positive maximum/);
  });

  it('a malformed file inside the folder is named', () => {
    const dir = folder({ testImages: small.testImages.subarray(0, small.testImages.length - 1) }, { gzip: true });
    expectDataError(() => loadIdxFolder(dir), join(dir, 't10k-images-idx3-ubyte.gz'), /truncated/);
  });
});
