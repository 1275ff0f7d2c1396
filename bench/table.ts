// Plain-text tables for the benchmark report: a header, a rule, rows;
// numbers right-aligned, text left-aligned.

export type Cell = string | number | null | undefined;

export function fmt(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const ms = (n: number | null | undefined): string => fmt(n, 2);
export const ratio = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? '-' : `${n.toFixed(2)}x`);

export function table(header: string[], rows: Cell[][], indent = '  '): string {
  const text = rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))));
  const numeric = header.map((_, i) => text.every((r) => /^[-+]?[\d,.]+(x| ms| s)?$|^-$/.test(r[i] ?? '-')));
  const width = header.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => indent + cells.map((c, i) => (numeric[i] ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  ').trimEnd();
  return [line(header), indent + width.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}
