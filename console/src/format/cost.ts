// Money and token figures. Costs arrive as integer nanodollars (cost_nanos) where exactness
// matters; formatting works on integers (BigInt) so no figure is rounded by floating point.

const NANOS_PER_USD = 1_000_000_000n;

/**
 * Exact dollars from nanodollars, with at least `minDecimals` decimals and no more than the
 * nanodollars carry: 1_234_500 -> "$0.0012345".
 */
export function formatNanos(nanos: number | bigint, minDecimals = 2): string {
  let value = typeof nanos === 'bigint' ? nanos : BigInt(Math.trunc(nanos));
  const negative = value < 0n;
  if (negative) value = -value;
  const whole = value / NANOS_PER_USD;
  let fraction = (value % NANOS_PER_USD).toString().padStart(9, '0').replace(/0+$/, '');
  if (fraction.length < minDecimals) fraction = fraction.padEnd(minDecimals, '0');
  const wholeText = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${wholeText}${fraction ? `.${fraction}` : ''}`;
}

/** Dollars as a float (from usage.cost_usd or a budget) to nanodollars, rounded once. */
export function usdToNanos(usd: number): bigint {
  return BigInt(Math.round(usd * 1e9));
}

/** A short figure for totals and budgets: "$12.34", or "$0.0042" below a cent. */
export function formatUsdShort(usd: number): string {
  if (usd === 0) return '$0.00';
  const abs = Math.abs(usd);
  if (abs >= 0.01) {
    return `${usd < 0 ? '-' : ''}$${abs.toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    })}`;
  }
  return `${usd < 0 ? '-' : ''}$${abs.toPrecision(2).replace(/0+$/, '')}`;
}

/** Price per million tokens: "$2.50", "$0.075". */
export function formatPricePerMillion(usd: number): string {
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  const short = Number(usd.toPrecision(3)).toString();
  const decimals = short.split('.')[1]?.length ?? 0;
  return `$${decimals < 2 ? usd.toFixed(2) : short}`;
}

export function formatTokens(count: number): string {
  return count.toLocaleString('en-US');
}

/** 850 -> "850 ms", 1530 -> "1.53 s", 65000 -> "1 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** Sum of exact costs; messages without cost_nanos fall back to cost_usd. */
export function sumNanos(costs: Iterable<{ cost_nanos: number | null; cost_usd: number | null }>) {
  let total = 0n;
  for (const cost of costs) {
    if (cost.cost_nanos !== null) total += BigInt(Math.trunc(cost.cost_nanos));
    else if (cost.cost_usd !== null) total += usdToNanos(cost.cost_usd);
  }
  return total;
}
