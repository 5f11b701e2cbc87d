import { describe, expect, it } from 'vitest';
import { budgetWords, expiryWords, limitsWords, modelsWords } from './key-words';

describe('settings in words', () => {
  it('summarises limits, budgets, models and expiry', () => {
    expect(limitsWords(60, 200_000, 4)).toBe('60 req/min · 200k tok/min · 4 at once');
    expect(limitsWords(0, 0, 0)).toBe('none');
    expect(budgetWords({ usd: 12.5, period: 'weekly' })).toBe('$12.50 per week');
    expect(budgetWords(null)).toBe('none');
    expect(modelsWords([])).toBe('all');
    expect(modelsWords(['a', 'b', 'c'])).toBe('3 models');
    expect(expiryWords(null, 0)).toEqual({ text: 'never', expired: false });
    expect(expiryWords(5, 10)).toEqual({ text: 'expired', expired: true });
    expect(expiryWords(3 * 86_400_000, 0)).toEqual({ text: 'in 3 days', expired: false });
  });
});
