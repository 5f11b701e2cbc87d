import { describe, expect, it } from 'vitest';
import { errorWords, ms, statusTone, statusWords } from './request-words';

describe('request figures in words', () => {
  it('colours statuses by what they mean', () => {
    expect(statusTone(200)).toBe('good');
    expect(statusTone(429)).toBe('warning');
    expect(statusTone(404)).toBe('warning');
    expect(statusTone(503)).toBe('danger');
    expect(statusWords(429)).toBe('Limited');
    expect(statusWords(599)).toBe('Failed');
  });

  it('splits an error code from its message', () => {
    expect(errorWords('budget_exceeded: the budget is spent')).toEqual({
      code: 'budget_exceeded',
      text: 'the budget is spent',
    });
    expect(errorWords('Something odd')).toEqual({ code: null, text: 'Something odd' });
    expect(errorWords(null)).toBeNull();
  });

  it('writes durations', () => {
    expect(ms(0.84)).toBe('0.8 ms');
    expect(ms(12)).toBe('12 ms');
    expect(ms(1530)).toBe('1.53 s');
    expect(ms(12_300)).toBe('12.3 s');
    expect(ms(null)).toBe('–');
  });
});
