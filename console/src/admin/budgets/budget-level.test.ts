import { describe, expect, it } from 'vitest';
import type { BudgetEntry, BudgetFigures } from '../api/types';
import { budgetLevel, byConcern, headroomText, spentFraction } from './budget-level';

const budget = (usd: number, spent: number): BudgetFigures => ({
  usd,
  period: 'monthly',
  spent_usd: spent,
  spent_nanos: Math.round(spent * 1e9),
  remaining_usd: Math.max(0, usd - spent),
  resets_at: null,
});

const entry = (id: string, b: BudgetFigures | null): BudgetEntry => ({
  id,
  budget: b,
  limits: { rpm: null, tpm: null, max_parallel: null },
  headroom: { requests: null, tokens: null, parallel: null },
});

describe('budget levels', () => {
  it('warns from 80% and calls 100% spent', () => {
    expect(budgetLevel(budget(100, 79.99))).toBe('ok');
    expect(budgetLevel(budget(100, 80))).toBe('warning');
    expect(budgetLevel(budget(100, 99.99))).toBe('warning');
    expect(budgetLevel(budget(100, 100))).toBe('spent');
    expect(budgetLevel(budget(100, 130))).toBe('spent');
    expect(budgetLevel(budget(0, 0))).toBe('spent');
    expect(budgetLevel(null)).toBe('ok');
    expect(spentFraction(budget(50, 12.5))).toBe(0.25);
  });

  it('lists the most alarming first', () => {
    const list = [
      entry('a', budget(10, 1)),
      entry('none', null),
      entry('spent', budget(10, 12)),
      entry('warn', budget(10, 9)),
    ].sort(byConcern);
    expect(list.map((e) => e.id)).toEqual(['spent', 'warn', 'a', 'none']);
  });

  it('says how much of a rate limit is free', () => {
    expect(headroomText(60, 42, 'requests/min')).toEqual({
      text: '42 of 60 requests/min free',
      fraction: 0.7,
    });
    expect(headroomText(null, null, 'x')).toBeNull();
    expect(headroomText(10, 99, 'x')?.fraction).toBe(1);
  });
});
