import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToShow } from './virtual-window';

describe('virtual rows', () => {
  it('draws what is in view and a margin either side, never past the ends', () => {
    expect(rowWindow(0, 440, 44, 1_000_000, 5)).toEqual({ start: 0, end: 16 });
    expect(rowWindow(44_000, 440, 44, 1_000_000, 5)).toEqual({ start: 995, end: 1016 });
    expect(rowWindow(44 * 998, 440, 44, 1000, 5)).toEqual({ start: 993, end: 1000 });
    expect(rowWindow(0, 440, 44, 0)).toEqual({ start: 0, end: 0 });
  });

  it('keeps the number drawn small whatever the length', () => {
    const { start, end } = rowWindow(44 * 500_000, 880, 44, 1_000_000);
    expect(end - start).toBeLessThan(40);
  });

  it('scrolls just enough to show a row', () => {
    expect(scrollToShow(0, 100, 440, 44)).toBe(0);
    expect(scrollToShow(5, 0, 440, 44)).toBeNull();
    expect(scrollToShow(20, 0, 440, 44)).toBe(21 * 44 - 440);
  });
});
