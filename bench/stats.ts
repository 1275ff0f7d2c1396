// Small statistics helpers for the benchmarks.

export interface Summary {
  median: number;
  p99: number;
  mean: number;
  count: number;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export function summary(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p99: quantile(s, 0.99), mean: s.reduce((a, b) => a + b, 0) / s.length, count: s.length };
}

/** Intervals between consecutive timestamps. */
export function deltas(t: number[]): number[] {
  return t.slice(1).map((v, i) => v - t[i]);
}
