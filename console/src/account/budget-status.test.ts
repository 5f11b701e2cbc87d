import { describe, expect, it } from 'vitest';
import type { Budget } from '../api/types';
import { budgetStatus } from './budget-status';

const budget = (spent: number, usd = 50): Budget => ({
  usd,
  period: 'month',
  spent_usd: spent,
  remaining_usd: usd - spent,
  resets_at: null,
});

describe('budgetStatus', () => {
  it('warns from 80% spent and calls it spent at 100%', () => {
    expect(budgetStatus(budget(39.99)).level).toBe('ok');
    expect(budgetStatus(budget(40)).level).toBe('warning');
    expect(budgetStatus(budget(49.99)).level).toBe('warning');
    expect(budgetStatus(budget(50)).level).toBe('spent');
    expect(budgetStatus(budget(60))).toEqual({ fraction: 1, level: 'spent' });
  });

  it('treats a zero budget as spent', () => {
    expect(budgetStatus(budget(0, 0)).level).toBe('spent');
  });
});
