// Human-readable lines for the terminal.

import type { EpochMetrics } from '../train/train-loop.js';

export function epochLine(m: EpochMetrics, epochs: number): string {
  const w = String(epochs).length;
  return [
    `epoch ${String(m.epoch + 1).padStart(w)}/${epochs}`,
    `error ${m.trainError.toPrecision(5)}`,
    `train-acc ${m.trainAccuracy.toFixed(4)}`,
    `test-acc ${m.testAccuracy.toFixed(4)}`,
    `${m.seconds.toFixed(2)}s`,
    `${Math.round(m.samplesPerSecond).toLocaleString('en-US')} samples/s`,
  ].join('  ');
}

/** A confusion matrix as aligned text: rows are true classes, columns predictions. */
export function confusionTable(matrix: number[][]): string {
  const K = matrix.length;
  const w = Math.max(5, ...matrix.flat().map((v) => String(v).length)) + 1;
  const head = 'true\\pred'.padEnd(10) + Array.from({ length: K }, (_, j) => String(j).padStart(w)).join('');
  const rows = matrix.map((row, i) => String(i).padEnd(10) + row.map((v) => String(v).padStart(w)).join(''));
  return [head, ...rows].join('\n');
}
