import { describe, expect, it } from 'vitest';
import { periodWords, resetWords, waitWords } from './reset-words';

const NOW = Date.UTC(2024, 10, 28, 9, 0); // Nov 28, 09:00 UTC

describe('reset times in words', () => {
  it('names the wait and the UTC day', () => {
    expect(resetWords(Date.UTC(2024, 11, 1), NOW)).toBe('resets in 3 days, on Dec 1');
    expect(resetWords(Date.UTC(2024, 10, 29), NOW)).toBe('resets in 15 hours, on Nov 29');
    expect(resetWords(NOW + 20 * 60_000, NOW)).toBe('resets in 20 minutes, on Nov 28');
    expect(resetWords(Date.UTC(2025, 0, 1), NOW)).toBe('resets in 34 days, on Jan 1, 2025');
  });

  it('says when there is nothing to wait for', () => {
    expect(resetWords(null, NOW)).toBe('never resets');
    expect(resetWords(NOW - 1, NOW)).toBe('resets now');
  });

  it('rounds waits to a readable unit, singular where it is one', () => {
    expect(waitWords(30_000)).toBe('1 minute');
    expect(waitWords(59 * 60_000)).toBe('59 minutes');
    expect(waitWords(60 * 60_000)).toBe('1 hour');
    expect(waitWords(35 * 3_600_000)).toBe('35 hours');
    expect(waitWords(40 * 3_600_000)).toBe('2 days');
    expect(waitWords(6.6 * 86_400_000)).toBe('7 days');
  });

  it('names periods', () => {
    expect(periodWords('monthly')).toBe('per month');
    expect(periodWords('daily')).toBe('per day');
    expect(periodWords('total')).toBe('in total');
  });
});
