import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatNanos,
  formatPricePerMillion,
  formatTokens,
  formatUsdShort,
  sumNanos,
  usdToNanos,
} from './cost';

describe('formatNanos', () => {
  it('prints every nanodollar, no more, no fewer than two decimals', () => {
    expect(formatNanos(1_234_500)).toBe('$0.0012345');
    expect(formatNanos(1)).toBe('$0.000000001');
    expect(formatNanos(0)).toBe('$0.00');
    expect(formatNanos(1_500_000_000)).toBe('$1.50');
    expect(formatNanos(12_345_678_901_234n)).toBe('$12,345.678901234');
    expect(formatNanos(-2_000_000)).toBe('-$0.002');
  });

  it('is exact past the float range of whole dollars', () => {
    // 2^53 + 1 nanodollars cannot be a float exactly; a bigint can.
    expect(formatNanos(9_007_199_254_740_993n)).toBe('$9,007,199.254740993');
  });
});

describe('other figures', () => {
  it('converts dollars to nanodollars once, rounding', () => {
    expect(usdToNanos(0.0000042)).toBe(4200n);
    expect(usdToNanos(0.1 + 0.2)).toBe(300_000_000n);
  });

  it('sums exact costs, falling back to dollars where nanos are missing', () => {
    expect(
      sumNanos([
        { cost_nanos: 1, cost_usd: 999 },
        { cost_nanos: null, cost_usd: 0.000000002 },
        { cost_nanos: null, cost_usd: null },
      ]),
    ).toBe(3n);
  });

  it('shortens totals and prices', () => {
    expect(formatUsdShort(12.345)).toBe('$12.35');
    expect(formatUsdShort(0.0042)).toBe('$0.0042');
    expect(formatUsdShort(0)).toBe('$0.00');
    expect(formatPricePerMillion(2.5)).toBe('$2.50');
    expect(formatPricePerMillion(0.075)).toBe('$0.075');
    expect(formatPricePerMillion(0.4)).toBe('$0.40');
    expect(formatPricePerMillion(0.275)).toBe('$0.275');
    expect(formatPricePerMillion(0)).toBe('$0.00');
  });

  it('formats tokens and durations', () => {
    expect(formatTokens(1234567)).toBe('1,234,567');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1530)).toBe('1.53 s');
    expect(formatDuration(12_300)).toBe('12.3 s');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
  });
});
