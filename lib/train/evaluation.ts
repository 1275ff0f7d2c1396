// A model's predictions on a split, counted: the confusion matrix and the
// hits, shared by `dpt eval`, the library's loadModel().evaluate and
// `dpt plot`'s confusion chart.

import type { Split } from '../data/dataset.js';
import type { Float } from '../math/float.js';
import type { ModelContext } from './model-context.js';

/** counts[t][p]: samples of true class t predicted as p. */
export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < predictions.length; i++) counts[labels[i]][predictions[i]]++;
  return counts;
}

export interface SplitCounts {
  /** Samples predicted (the whole split). */
  count: number;
  /** Samples whose prediction is their label. */
  hits: number;
  confusion: number[][];
}

/** Predicts every sample of `split` (of ctx's dataset) with `params` and counts the results. */
export function countPredictions(ctx: ModelContext, params: Float, split: Split): SplitCounts {
  const predictions = ctx.predict(params, split);
  const confusion = confusionMatrix(split.labels, predictions, ctx.dataset.numClasses);
  const hits = confusion.reduce((a, row, t) => a + row[t], 0);
  return { count: predictions.length, hits, confusion };
}
