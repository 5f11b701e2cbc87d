import type { Budget } from '../api/types';

export type BudgetLevel = 'ok' | 'warning' | 'spent';

/** Share of the budget spent (0..1, capped) and how alarming it is: warning from 80%. */
export function budgetStatus(budget: Budget): { fraction: number; level: BudgetLevel } {
  if (budget.usd <= 0) return { fraction: 1, level: 'spent' };
  const fraction = Math.min(1, Math.max(0, budget.spent_usd / budget.usd));
  const level: BudgetLevel =
    budget.remaining_usd <= 0 || fraction >= 1 ? 'spent' : fraction >= 0.8 ? 'warning' : 'ok';
  return { fraction, level };
}
