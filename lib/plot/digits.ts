// Test images with what the model says about them, for inputs that are
// square images (MNIST): one digit large, with its label and prediction (the
// article's figure 6, plus the answer), and a grid of the first misclassified
// test digits, each captioned "#sample: label→prediction". Pixels are the
// stored values, ink dark on white paper.

import type { TopLevelSpec } from 'vega-lite';
import type { Split } from '../data/dataset.js';
import { imageGridSpec, type PixelColor } from './image-grid.js';

/** At most this many misclassified digits are shown. */
export const MAX_MISCLASSIFIED = 48;

function sample(split: Split, side: number, i: number): ArrayLike<number> {
  return split.inputs.subarray(i * side * side, (i + 1) * side * side);
}

function ink(maxValue: number): PixelColor {
  return { range: ['white', 'black'], domain: [0, maxValue], legend: null };
}

export function digitSpec(split: Split, predictions: Uint8Array, side: number, maxValue: number, index: number, runLabel: string): TopLevelSpec {
  if (!Number.isInteger(index) || index < 0 || index >= predictions.length) {
    throw new RangeError(`test sample ${index} is not among the ${predictions.length} predicted samples`);
  }
  const label = split.labels[index];
  const predicted = predictions[index];
  const verdict = predicted === label ? 'right' : 'wrong';
  return imageGridSpec([{ caption: `label ${label}, predicted ${predicted} (${verdict})`, values: sample(split, side, index) }], {
    title: `Test sample ${index}`,
    subtitle: runLabel,
    side,
    color: ink(maxValue),
    columns: 1,
    cell: 8,
  });
}

/** Indices of the misclassified samples, in order. */
export function misclassified(split: Split, predictions: Uint8Array): number[] {
  const wrong = [];
  for (let i = 0; i < predictions.length; i++) if (predictions[i] !== split.labels[i]) wrong.push(i);
  return wrong;
}

export function misclassifiedSpec(split: Split, predictions: Uint8Array, side: number, maxValue: number, runLabel: string): TopLevelSpec {
  const wrong = misclassified(split, predictions);
  const shown = wrong.slice(0, MAX_MISCLASSIFIED);
  const images = shown.map((i) => ({ caption: `#${i}: ${split.labels[i]}→${predictions[i]}`, values: sample(split, side, i) }));
  const count = `${wrong.length} of ${predictions.length} test samples misclassified`;
  return imageGridSpec(images, {
    title: `Misclassified test digits: ${runLabel}`,
    subtitle: [`${count}${wrong.length > shown.length ? `, the first ${shown.length} shown` : ''}`, 'caption: #sample: label→prediction'],
    side,
    color: ink(maxValue),
    columns: 8,
    cell: 3,
  });
}
