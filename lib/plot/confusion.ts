// The confusion matrix of a model on a test set: true classes as rows,
// predicted classes as columns, the count written in every cell. The colour
// runs on a log scale, so the few confusions off the diagonal show beside
// the thousands on it.

import type { TopLevelSpec } from 'vega-lite';
import { PLOT_CONFIG } from './render-png.js';

export function confusionSpec(counts: readonly (readonly number[])[], runLabel: string): TopLevelSpec {
  const K = counts.length;
  const max = Math.max(1, ...counts.flat());
  const total = counts.flat().reduce((a, b) => a + b, 0);
  const hits = counts.reduce((a, row, t) => a + row[t], 0);
  // Text turns white where the cell is dark: past ~60% of the log-scaled range.
  const values = counts.flatMap((row, t) => row.map((count, p) => ({ truth: t, predicted: p, count, dark: Math.log1p(count) > 0.6 * Math.log1p(max) })));
  const cell = K <= 12 ? Math.max(44, Math.floor(240 / K)) : Math.max(12, Math.floor(600 / K));
  const x = { field: 'predicted', type: 'ordinal' as const, title: 'predicted class', axis: { orient: 'top' as const, labelAngle: 0 } };
  const y = { field: 'truth', type: 'ordinal' as const, title: 'true class' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: PLOT_CONFIG,
    title: { text: `Confusion matrix: ${runLabel}`, subtitle: `${total} test samples, accuracy ${(total > 0 ? hits / total : 0).toFixed(4)}` },
    width: K * cell,
    height: K * cell,
    data: { values },
    layer: [
      {
        name: 'cells',
        mark: { type: 'rect' },
        encoding: { x, y, color: { field: 'count', type: 'quantitative', title: 'samples', scale: { type: 'symlog', scheme: 'blues' } } },
      },
      {
        mark: { type: 'text', fontSize: K <= 12 ? 11 : 8 },
        encoding: {
          x, y,
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: 'datum.dark', value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
