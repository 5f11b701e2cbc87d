import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysOf,
  dayStart,
  presetRange,
  rangeFromQuery,
  rangeLabel,
  rangeProblem,
  rangeToQuery,
  utcDay,
} from './date-range';

// 2024-03-01 23:30 UTC: still Feb 29 + 1 in UTC whatever the machine's zone says.
const NOW = Date.UTC(2024, 2, 1, 23, 30);

describe('UTC days', () => {
  it('takes the UTC calendar day, not the local one', () => {
    expect(utcDay(NOW)).toBe('2024-03-01');
    expect(utcDay(Date.UTC(2024, 2, 1, 0, 0))).toBe('2024-03-01');
    expect(utcDay(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29');
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('refuses dates that do not exist', () => {
    expect(dayStart('2023-02-29')).toBeNull();
    expect(dayStart('2024-13-01')).toBeNull();
    expect(dayStart('yesterday')).toBeNull();
    expect(dayStart('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('presets', () => {
  it('counts today in every preset', () => {
    expect(presetRange('today', NOW)).toEqual({ from: '2024-03-01', to: '2024-03-01' });
    expect(presetRange('7d', NOW)).toEqual({ from: '2024-02-24', to: '2024-03-01' });
    expect(presetRange('30d', NOW)).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(presetRange('month', NOW)).toEqual({ from: '2024-03-01', to: '2024-03-01' });
    expect(presetRange('month', Date.UTC(2024, 1, 17))).toEqual({
      from: '2024-02-01',
      to: '2024-02-17',
    });
    expect(daysOf(presetRange('7d', NOW))).toHaveLength(7);
    expect(daysOf(presetRange('30d', NOW))).toHaveLength(30);
  });

  it('reads and writes the range in a page query', () => {
    expect(rangeFromQuery({}, NOW).preset).toBe('30d');
    expect(rangeFromQuery({ range: '7d' }, NOW)).toEqual({
      preset: '7d',
      range: { from: '2024-02-24', to: '2024-03-01' },
    });
    expect(rangeFromQuery({ from: '2024-01-05', to: '2024-01-09' }, NOW)).toEqual({
      preset: 'custom',
      range: { from: '2024-01-05', to: '2024-01-09' },
    });
    // A broken custom range falls back to the default preset rather than failing.
    expect(rangeFromQuery({ from: '2024-01-09', to: '2024-01-05' }, NOW).preset).toBe('30d');
    expect(rangeToQuery('custom', { from: 'a', to: 'b' })).toEqual({ from: 'a', to: 'b' });
    expect(rangeToQuery('month', { from: 'a', to: 'b' })).toEqual({ range: 'month' });
  });
});

describe('custom ranges', () => {
  it('says what is wrong in words', () => {
    expect(rangeProblem({ from: '2024-01-09', to: '2024-01-05' })).toBe(
      'The end is before the start.',
    );
    expect(rangeProblem({ from: '2024-02-30', to: '2024-03-05' })).toBe('The start is not a date.');
    expect(rangeProblem({ from: '2020-01-01', to: '2024-01-01' })).toBe('Pick at most 366 days.');
    expect(rangeProblem({ from: '2024-01-01', to: '2024-01-01' })).toBeNull();
  });

  it('lists every day of a range and labels it', () => {
    expect(daysOf({ from: '2024-02-27', to: '2024-03-02' })).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
    ]);
    expect(rangeLabel({ from: '2024-02-24', to: '2024-03-01' }, NOW)).toBe('Feb 24 – Mar 1');
    expect(rangeLabel({ from: '2023-12-30', to: '2023-12-30' }, NOW)).toBe('Dec 30, 2023');
  });
});
