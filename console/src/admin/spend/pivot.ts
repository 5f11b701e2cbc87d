// Shapes /admin/spend rows grouped by day and a second dimension into chart series: one value
// per day for each of the largest groups, the rest summed as "Other", missing days as zero.
import type { SpendRow } from '../api/types';
import { nanosOf } from '../format/money';

export type Metric = 'cost' | 'tokens' | 'requests';

export const METRICS: { id: Metric; label: string }[] = [
  { id: 'cost', label: 'Cost' },
  { id: 'tokens', label: 'Tokens' },
  { id: 'requests', label: 'Requests' },
];

export interface Series {
  name: string;
  /** What the rows call it (null: the row had no value for the dimension). */
  group: string | null;
  /** One figure per day: dollars for cost (float, for drawing), counts otherwise. */
  values: number[];
  /** Exact cost over the range, in nanodollars. */
  costNanos: bigint;
  tokens: number;
  requests: number;
  other: boolean;
}

export interface Pivot {
  days: string[];
  series: Series[];
}

export const OTHER = 'Other';

export function tokensOf(row: SpendRow): number {
  return row.prompt_tokens + row.completion_tokens;
}

/** A row's figure for the chosen metric, in drawing units. */
export function metricValue(row: SpendRow, metric: Metric): number {
  switch (metric) {
    case 'cost':
      return Number(nanosOf(row) ?? 0n) / 1e9;
    case 'tokens':
      return tokensOf(row);
    case 'requests':
      return row.requests;
  }
}

export function seriesName(group: string | null, emptyName: string): string {
  return group === null || group === '' ? emptyName : group;
}

function rank(series: Series, metric: Metric): number {
  if (metric === 'cost') return Number(series.costNanos);
  return metric === 'tokens' ? series.tokens : series.requests;
}

/**
 * `rows` come from group_by=day,<dimension>. Series are ordered by the chosen metric, largest
 * first; beyond `maxSeries` the smallest ones become a single "Other" series.
 */
export function pivot(
  rows: readonly SpendRow[],
  days: readonly string[],
  metric: Metric,
  options: { maxSeries?: number; emptyName?: string } = {},
): Pivot {
  const maxSeries = Math.max(1, options.maxSeries ?? 8);
  const emptyName = options.emptyName ?? '(none)';
  const dayIndex = new Map(days.map((day, i) => [day, i]));
  const byGroup = new Map<string, Series>();
  for (const row of rows) {
    const index = dayIndex.get(String(row.group ?? ''));
    if (index === undefined) continue;
    const group = row.group2 ?? null;
    const name = seriesName(group, emptyName);
    let series = byGroup.get(name);
    if (!series) {
      series = {
        name,
        group,
        values: days.map(() => 0),
        costNanos: 0n,
        tokens: 0,
        requests: 0,
        other: false,
      };
      byGroup.set(name, series);
    }
    series.values[index] = (series.values[index] ?? 0) + metricValue(row, metric);
    series.costNanos += nanosOf(row) ?? 0n;
    series.tokens += tokensOf(row);
    series.requests += row.requests;
  }
  const ordered = [...byGroup.values()].sort(
    (a, b) => rank(b, metric) - rank(a, metric) || a.name.localeCompare(b.name),
  );
  if (ordered.length <= maxSeries) return { days: [...days], series: ordered };

  const kept = ordered.slice(0, maxSeries - 1);
  const rest = ordered.slice(maxSeries - 1);
  const other: Series = {
    name: OTHER,
    group: null,
    values: days.map((_, i) => rest.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)),
    costNanos: rest.reduce((sum, s) => sum + s.costNanos, 0n),
    tokens: rest.reduce((sum, s) => sum + s.tokens, 0),
    requests: rest.reduce((sum, s) => sum + s.requests, 0),
    other: true,
  };
  return { days: [...days], series: [...kept, other] };
}

/**
 * Running sums for stacked bars, top of the stack first: entry 0 is every series added up,
 * the last entry is the first series alone. Drawn in this order, each bar covers the ones
 * beneath it only where they are taller.
 */
export function stackTops(series: readonly Series[]): number[][] {
  const days = series[0]?.values.length ?? 0;
  const sums: number[][] = [];
  const running = new Array<number>(days).fill(0);
  for (const s of series) {
    for (let i = 0; i < days; i++) running[i] = (running[i] ?? 0) + (s.values[i] ?? 0);
    sums.push([...running]);
  }
  return sums.reverse();
}

/** The day totals of a pivot (for the stacked bars' tooltip and the table's last column). */
export function dayTotals(p: Pivot): number[] {
  return p.days.map((_, i) => p.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
}
