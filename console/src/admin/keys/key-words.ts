// A key's or team's settings in a few words, for the tables.
import type { BudgetSetting } from '../api/types';
import { formatCount, formatNanosRounded } from '../format/money';
import { periodWords, waitWords } from '../format/reset-words';

export function limitsWords(rpm: number, tpm: number, parallel: number): string {
  const parts = [
    rpm > 0 ? `${formatCount(rpm, true)} req/min` : null,
    tpm > 0 ? `${formatCount(tpm, true)} tok/min` : null,
    parallel > 0 ? `${parallel} at once` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'none';
}

export function budgetWords(budget: BudgetSetting | null): string {
  if (!budget) return 'none';
  return `${formatNanosRounded(BigInt(Math.round(budget.usd * 1e9)), 2)} ${periodWords(budget.period)}`;
}

export function modelsWords(models: string[]): string {
  if (models.length === 0) return 'all';
  if (models.length <= 2) return models.join(', ');
  return `${models.length} models`;
}

export function expiryWords(
  expiresAt: number | null,
  now: number,
): { text: string; expired: boolean } {
  if (expiresAt === null) return { text: 'never', expired: false };
  if (expiresAt <= now) return { text: 'expired', expired: true };
  return { text: `in ${waitWords(expiresAt - now)}`, expired: false };
}
