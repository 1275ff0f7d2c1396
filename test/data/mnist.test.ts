import { describe, it, expect } from 'vitest';
import { loadMnist } from '../../lib/data/mnist.js';

describe('loadMnist', () => {
  const ds = loadMnist();

  it('has the MNIST shapes', () => {
    expect(ds.name).toBe('mnist');
    expect(ds.inputSize).toBe(784);
    expect(ds.numClasses).toBe(10);
    expect(ds.maxValue).toBe(255);
    expect(ds.train.count).toBe(60000);
    expect(ds.test.count).toBe(10000);
    expect(ds.train.inputs).toBeInstanceOf(Uint8Array);
    expect(ds.train.inputs.length).toBe(60000 * 784);
    expect(ds.test.inputs.length).toBe(10000 * 784);
    expect(ds.train.labels.length).toBe(60000);
    expect(ds.test.labels.length).toBe(10000);
  });

  it('has the well-known first labels', () => {
    expect([...ds.train.labels.subarray(0, 8)]).toEqual([5, 0, 4, 1, 9, 2, 1, 3]);
    expect([...ds.test.labels.subarray(0, 4)]).toEqual([7, 2, 1, 0]);
  });

  it('uses every label 0..9 and nothing else', () => {
    for (const labels of [ds.train.labels, ds.test.labels]) {
      const seen = new Set(labels);
      expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  it('has pixels spanning 0..255 with a blank border', () => {
    let min = 255;
    let max = 0;
    for (const v of ds.train.inputs) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([0, 255]);
    // The digits are centred in a 20x20 box, so the first row of the first
    // image is background.
    expect([...ds.train.inputs.subarray(0, 28)].every((v) => v === 0)).toBe(true);
    expect(ds.train.inputs.subarray(0, 784).some((v) => v > 0)).toBe(true);
  });

  it('is loaded once', () => {
    expect(loadMnist()).toBe(ds);
  });
});
