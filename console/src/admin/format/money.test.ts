import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatNanosBrief,
  formatNanosRounded,
  formatUsdAxis,
  nanosOf,
  sumNanosOf,
} from './money';

describe('money from nanodollars', () => {
  it('takes cost_nanos first, cost_usd second, and knows a missing price', () => {
    expect(nanosOf({ cost_nanos: 12, cost_usd: 99 })).toBe(12n);
    expect(nanosOf({ cost_nanos: null, cost_usd: 0.000000034 })).toBe(34n);
    expect(nanosOf({ cost_nanos: null, cost_usd: null })).toBeNull();
  });

  it('sums exactly, where floats would drift', () => {
    const rows = Array.from({ length: 10 }, () => ({ cost_nanos: 100_000_000 }));
    expect(sumNanosOf(rows)).toBe(1_000_000_000n);
    // 0.1 + 0.2 in floats is 0.30000000000000004; in nanodollars it is 0.3.
    expect(sumNanosOf([{ cost_usd: 0.1 }, { cost_usd: 0.2 }])).toBe(300_000_000n);
  });

  it('rounds half away from zero, on integers', () => {
    expect(formatNanosRounded(1_005_000_000n, 2)).toBe('$1.01');
    expect(formatNanosRounded(1_004_999_999n, 2)).toBe('$1.00');
    expect(formatNanosRounded(1_234_567_891_234n, 2)).toBe('$1,234.57');
    expect(formatNanosRounded(-5_000_000n, 2)).toBe('-$0.01');
    expect(formatNanosRounded(4_000_000n, 2)).toBe('$0.00');
    expect(formatNanosRounded(1_234_567n, 4)).toBe('$0.0012');
  });

  it('writes brief figures for summaries', () => {
    expect(formatNanosBrief(0n)).toBe('$0.00');
    expect(formatNanosBrief(12_345_678_901n)).toBe('$12.35');
    expect(formatNanosBrief(4_200_000n)).toBe('$0.0042');
    expect(formatNanosBrief(4_250_000n)).toBe('$0.0043');
    expect(formatNanosBrief(10_000_000n)).toBe('$0.01');
    expect(formatNanosBrief(1_230n)).toBe('$0.0000012');
  });

  it('writes axis labels and counts', () => {
    expect(formatUsdAxis(0)).toBe('$0');
    expect(formatUsdAxis(0.05)).toBe('$0.05');
    expect(formatUsdAxis(12)).toBe('$12');
    expect(formatUsdAxis(1250)).toBe('$1.3k');
    expect(formatUsdAxis(3_400_000)).toBe('$3.4M');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(1_500_000, true)).toBe('1.5M');
    expect(formatCount(12_345, true)).toBe('12.3k');
  });
});
