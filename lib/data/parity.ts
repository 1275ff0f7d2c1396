// The parity task of the classic backprop article: the 10 bits of every
// number 0..1023, labelled by whether the number is even. Generated, not read,
// and in a fixed order so runs are reproducible without a seed.

import type { Dataset, Split } from './dataset.js';

const BITS = 10;
const TRAIN_COUNT = 700;

export function loadParity(): Dataset {
  return {
    name: 'parity',
    inputSize: BITS,
    numClasses: 2,
    maxValue: 1,
    train: numbers(0, TRAIN_COUNT),
    test: numbers(TRAIN_COUNT, 1 << BITS),
  };
}

/** Samples for e in [from, to): bits most significant first, label 1 when e is even. */
function numbers(from: number, to: number): Split {
  const count = to - from;
  const inputs = new Uint8Array(count * BITS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const e = from + i;
    for (let b = 0; b < BITS; b++) inputs[i * BITS + b] = (e >> (BITS - 1 - b)) & 1;
    labels[i] = e % 2 === 0 ? 1 : 0;
  }
  return { count, inputs, labels };
}
