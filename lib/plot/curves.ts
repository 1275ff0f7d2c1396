// Learning curves of one or more runs, overlaid: the training error (the
// article's mean E per sample, log scale: it falls by orders of magnitude)
// and the test accuracy, per epoch, in two panels side by side with one
// colour per run, labelled by its folder name.

import type { TopLevelSpec } from 'vega-lite';
import { PLOT_CONFIG } from './render-png.js';
import type { EpochPoint } from './run-folder.js';

export interface CurveRun {
  label: string;
  history: readonly EpochPoint[];
}

/** Points are drawn on each epoch only while they stay apart. */
const MAX_EPOCHS_WITH_POINTS = 60;

export function curvesSpec(runs: readonly CurveRun[]): TopLevelSpec {
  // Epochs are counted from 1 on the plot, as `dpt train` prints them.
  const values = runs.flatMap((r) => r.history.map((p) => ({ run: r.label, epoch: p.epoch + 1, trainError: p.trainError, testAccuracy: p.testAccuracy })));
  const epochs = Math.max(...runs.map((r) => r.history.length));
  const errors = values.map((v) => v.trainError).filter((v): v is number => v !== null);
  // A log scale needs positive values; a run that reached 0 (or diverged below it) gets a linear one.
  const logError = errors.length > 0 && errors.every((v) => v > 0);
  const mark = { type: 'line' as const, point: epochs <= MAX_EPOCHS_WITH_POINTS, strokeWidth: 2 };
  const x = { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1, format: 'd' } };
  const color = {
    field: 'run', type: 'nominal' as const, title: runs.length > 1 ? 'run' : null,
    sort: runs.map((r) => r.label), legend: { orient: 'bottom' as const, direction: 'vertical' as const, labelLimit: 600 },
  };
  // Runs with the same bits (0 vs 2 workers) draw the same line: dashes keep each one visible.
  const strokeDash = color;
  const panel = { width: 360, height: 240 };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: PLOT_CONFIG,
    title: {
      text: runs.length === 1 ? `Learning curves: ${runs[0].label}` : `Learning curves: ${runs.length} runs`,
      subtitle: 'per epoch, from metrics.jsonl',
    },
    data: { values },
    hconcat: [
      {
        ...panel,
        title: { text: `training error (mean E per sample${logError ? ', log scale' : ''})`, fontSize: 13, fontWeight: 'normal' },
        mark,
        encoding: { x, y: { field: 'trainError', type: 'quantitative', title: 'error', scale: logError ? { type: 'log' } : {} }, color, strokeDash },
      },
      {
        ...panel,
        title: { text: 'test accuracy', fontSize: 13, fontWeight: 'normal' },
        mark,
        encoding: { x, y: { field: 'testAccuracy', type: 'quantitative', title: 'accuracy', scale: { zero: false }, axis: { format: '.3~f' } }, color, strokeDash },
      },
    ],
    resolve: { scale: { color: 'shared', strokeDash: 'shared' } },
  };
}
