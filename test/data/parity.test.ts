import { describe, it, expect } from 'vitest';
import type { InputArray } from '../../lib/math/float.js';
import { loadParity } from '../../lib/data/parity.js';

const row = (inputs: InputArray, i: number) => Array.from(inputs.subarray(i * 10, i * 10 + 10)).join('');

describe('loadParity', () => {
  const ds = loadParity();

  it('has the article shapes', () => {
    expect(ds).toMatchObject({ name: 'parity', inputSize: 10, numClasses: 2, maxValue: 1 });
    expect(ds.train.count).toBe(700);
    expect(ds.test.count).toBe(324);
    expect(ds.train.inputs).toBeInstanceOf(Uint8Array);
    expect(ds.train.inputs.length).toBe(7000);
    expect(ds.test.inputs.length).toBe(3240);
    expect(ds.train.labels.length).toBe(700);
    expect(ds.test.labels.length).toBe(324);
  });

  it('encodes e as 10 bits, most significant first, label 1 when even', () => {
    expect(row(ds.train.inputs, 0)).toBe('0000000000');
    expect(ds.train.labels[0]).toBe(1);
    expect(row(ds.train.inputs, 1)).toBe('0000000001');
    expect(ds.train.labels[1]).toBe(0);
    expect(row(ds.train.inputs, 5)).toBe('0000000101');
    expect(ds.train.labels[5]).toBe(0);
    expect(row(ds.train.inputs, 512)).toBe('1000000000');
    expect(ds.train.labels[512]).toBe(1);
    expect(row(ds.train.inputs, 699)).toBe('1010111011');
  });

  it('puts e = 700..1023 in the test split, in order', () => {
    expect(row(ds.test.inputs, 0)).toBe((700).toString(2).padStart(10, '0'));
    expect(ds.test.labels[0]).toBe(1);
    expect(row(ds.test.inputs, 323)).toBe('1111111111');
    expect(ds.test.labels[323]).toBe(0);
  });

  it('matches the definition for every sample', () => {
    for (let e = 0; e < 1024; e++) {
      const split = e < 700 ? ds.train : ds.test;
      const i = e < 700 ? e : e - 700;
      expect(row(split.inputs, i)).toBe(e.toString(2).padStart(10, '0'));
      expect(split.labels[i]).toBe(e % 2 === 0 ? 1 : 0);
    }
  });
});
