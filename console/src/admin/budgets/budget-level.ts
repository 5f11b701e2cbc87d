// How alarming a budget is: a warning from 80% spent, spent at 100%.
import type { BudgetEntry, BudgetFigures } from '../api/types';

export type Level = 'ok' | 'warning' | 'spent';

export function spentFraction(budget: BudgetFigures): number {
  if (budget.usd <= 0) return 1;
  const spent =
    budget.spent_nanos !== undefined && budget.spent_nanos !== null
      ? budget.spent_nanos / 1e9
      : budget.spent_usd;
  return Math.max(0, spent / budget.usd);
}

export function budgetLevel(budget: BudgetFigures | null): Level {
  if (!budget) return 'ok';
  const fraction = spentFraction(budget);
  if (fraction >= 1 || budget.remaining_usd <= 0) return 'spent';
  return fraction >= 0.8 ? 'warning' : 'ok';
}

/** Most alarming first, then most spent, then by name. */
export function byConcern(a: BudgetEntry, b: BudgetEntry): number {
  const rank = (e: BudgetEntry) => ({ spent: 2, warning: 1, ok: 0 })[budgetLevel(e.budget)];
  return (
    rank(b) - rank(a) ||
    (b.budget ? spentFraction(b.budget) : -1) - (a.budget ? spentFraction(a.budget) : -1) ||
    (a.alias || a.id).localeCompare(b.alias || b.id)
  );
}

/** "56 of 60 free" and the share still free, for one rate limit. */
export function headroomText(
  limit: number | null,
  free: number | null,
  unit: string,
): { text: string; fraction: number } | null {
  if (limit === null || limit <= 0) return null;
  const left = Math.max(0, Math.min(limit, free ?? limit));
  return {
    text: `${left.toLocaleString('en-US')} of ${limit.toLocaleString('en-US')} ${unit} free`,
    fraction: left / limit,
  };
}
