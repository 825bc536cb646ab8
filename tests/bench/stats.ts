/** Medians, and the table the bench prints. */

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Sample {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export const sample = (runs: readonly number[]): Sample => ({
  median: median(runs),
  min: Math.min(...runs),
  max: Math.max(...runs),
  runs: [...runs],
});

export type Verdict = 'PASS' | 'MISS' | 'INFO';

export interface Row {
  metric: string;
  value: string;
  reference: string;
  target: string;
  verdict: Verdict;
  /** The numbers behind the row, for bench.json. */
  data: Record<string, unknown>;
}

export const ms = (value: number): string =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : 'n/a';
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function formatTable(rows: readonly Row[]): string {
  const header = ['Metric', 'Median', 'Reference (same run)', 'Target', 'Result'];
  const cells = rows.map((r) => [r.metric, r.value, r.reference, r.target, r.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
