import { describe, expect, it } from 'vitest';
import type { SpendRow } from '../api/types';
import { dayTotals, metricValue, OTHER, pivot, stackTops } from './pivot';

function row(day: string, group2: string | null, cost_nanos: number, requests = 1): SpendRow {
  return {
    group: day,
    group2,
    requests,
    prompt_tokens: requests * 100,
    completion_tokens: requests * 10,
    cached_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    cost_usd: cost_nanos / 1e9,
    cost_nanos,
    unknown_cost_requests: 0,
  };
}

const DAYS = ['2024-03-01', '2024-03-02', '2024-03-03'];

describe('pivoting spend rows into series', () => {
  it('makes one series per group, a value per day, zero for missing days', () => {
    const p = pivot(
      [
        row('2024-03-01', 'gpt-4.1', 2_000_000_000),
        row('2024-03-03', 'gpt-4.1', 500_000_000),
        row('2024-03-02', 'claude', 1_000_000_000),
      ],
      DAYS,
      'cost',
    );
    expect(p.series.map((s) => s.name)).toEqual(['gpt-4.1', 'claude']);
    expect(p.series[0]?.values).toEqual([2, 0, 0.5]);
    expect(p.series[0]?.costNanos).toBe(2_500_000_000n);
    expect(p.series[1]?.values).toEqual([0, 1, 0]);
  });

  it('orders by the chosen metric and folds the smallest into Other', () => {
    const rows = [
      row('2024-03-01', 'a', 10, 1),
      row('2024-03-01', 'b', 20, 9),
      row('2024-03-01', 'c', 30, 2),
      row('2024-03-02', 'd', 40, 3),
    ];
    const byCost = pivot(rows, DAYS, 'cost', { maxSeries: 3 });
    expect(byCost.series.map((s) => s.name)).toEqual(['d', 'c', OTHER]);
    expect(byCost.series[2]?.costNanos).toBe(30n);
    expect(byCost.series[2]?.other).toBe(true);
    const byRequests = pivot(rows, DAYS, 'requests', { maxSeries: 3 });
    expect(byRequests.series.map((s) => s.name)).toEqual(['b', 'd', OTHER]);
    expect(byRequests.series[2]?.values).toEqual([3, 0, 0]);
  });

  it('names rows without a value and ignores days outside the range', () => {
    const p = pivot([row('2024-03-01', null, 5), row('2024-02-01', 'x', 5)], DAYS, 'requests', {
      emptyName: 'no team',
    });
    expect(p.series.map((s) => s.name)).toEqual(['no team']);
  });

  it('keeps exact totals even where the drawn floats round', () => {
    const rows = Array.from({ length: 10 }, () => row('2024-03-01', 'm', 100_000_000));
    const p = pivot(rows, DAYS, 'cost');
    expect(p.series[0]?.costNanos).toBe(1_000_000_000n);
    expect(metricValue(rows[0]!, 'tokens')).toBe(110);
  });

  it('stacks series for bars, the whole stack first', () => {
    const p = pivot(
      [row('2024-03-01', 'a', 3_000_000_000), row('2024-03-01', 'b', 1_000_000_000)],
      DAYS,
      'cost',
    );
    expect(stackTops(p.series)).toEqual([
      [4, 0, 0],
      [3, 0, 0],
    ]);
    expect(dayTotals(p)).toEqual([4, 0, 0]);
  });
});
