import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import type { Budget } from '../api/types';
import { explainRefusal } from './refusal';

const now = new Date(2026, 2, 10, 12, 0, 0).getTime();
const budget: Budget = {
  usd: 50,
  period: 'month',
  spent_usd: 50.2,
  remaining_usd: 0,
  resets_at: new Date(2026, 3, 1, 0, 0, 0).getTime(),
};

describe('explainRefusal', () => {
  it('explains a spent budget with its size and when it resets', () => {
    const e = explainRefusal(new ApiError(429, 'budget_exceeded', 'Budget exceeded', 100), {
      budget,
      now,
    });
    expect(e.title).toBe('Budget spent');
    expect(e.detail).toContain('$50.00 per month');
    expect(e.detail).toContain('Apr 1');
    expect(e.detail).toContain('in 22 days');
    expect(e.detail).not.toContain('{');
  });

  it('falls back to retry-after when the budget has no reset date', () => {
    const e = explainRefusal(new ApiError(429, 'budget_exceeded', 'x', 7200), {
      budget: { ...budget, resets_at: null },
      now,
    });
    expect(e.detail).toContain('Try again in 2 h');
  });

  it('explains a rate limit with the wait from retry-after', () => {
    const e = explainRefusal(new ApiError(429, 'rate_limit_exceeded', 'x', 20), { now });
    expect(e.title).toBe('Too many requests');
    expect(e.detail).toContain('Try again in 20 s');
  });

  it('asks to sign in again on 401', () => {
    const e = explainRefusal(new ApiError(401, 'unauthorized', 'x'));
    expect(e.signIn).toBe(true);
  });

  it('names the model on 403 and 404', () => {
    expect(
      explainRefusal(new ApiError(403, 'forbidden', 'x'), { model: 'gpt-4.1' }).detail,
    ).toContain('“gpt-4.1”');
    const missing = explainRefusal(new ApiError(404, 'model_not_found', 'x'), { model: 'nope' });
    expect(missing.title).toBe('Model not found');
    expect(missing.detail).toContain('“nope”');
  });

  it('tells a stale CSRF token apart from a refused model', () => {
    expect(explainRefusal(new ApiError(403, 'csrf_failed', 'x')).title).toBe(
      'Session check failed',
    );
  });

  it('reports a mid-stream error in words', () => {
    const e = explainRefusal(new ApiError(200, 'upstream_error', 'upstream 503'));
    expect(e.title).toBe('The answer stopped');
    expect(e.detail).toContain('upstream 503');
  });
});
