// Money on the admin pages. The ledger's figures are integer nanodollars (cost_nanos); sums and
// roundings are done on bigints so a total is never off by floating point.
import { formatNanos, usdToNanos } from '../../format/cost';

export { formatNanos };

/** The exact cost of a row: cost_nanos, else cost_usd converted once, else null (no price). */
export function nanosOf(row: {
  cost_nanos?: number | null;
  cost_usd?: number | null;
}): bigint | null {
  if (row.cost_nanos !== null && row.cost_nanos !== undefined)
    return BigInt(Math.trunc(row.cost_nanos));
  if (row.cost_usd !== null && row.cost_usd !== undefined) return usdToNanos(row.cost_usd);
  return null;
}

export function sumNanosOf(
  rows: Iterable<{ cost_nanos?: number | null; cost_usd?: number | null }>,
): bigint {
  let total = 0n;
  for (const row of rows) total += nanosOf(row) ?? 0n;
  return total;
}

/** What a row saved (saved_nanos, else saved_usd converted once); null when it saved nothing. */
export function savedNanosOf(row: {
  saved_nanos?: number | null;
  saved_usd?: number | null;
}): bigint | null {
  return nanosOf({ cost_nanos: row.saved_nanos, cost_usd: row.saved_usd });
}

export function sumSavedNanosOf(
  rows: Iterable<{ saved_nanos?: number | null; saved_usd?: number | null }>,
): bigint {
  let total = 0n;
  for (const row of rows) total += savedNanosOf(row) ?? 0n;
  return total;
}

/** Rounded half away from zero to `decimals` places: formatNanosRounded(1_005_000_000n, 2) = "$1.01". */
export function formatNanosRounded(nanos: bigint | number, decimals = 2): string {
  let value = typeof nanos === 'bigint' ? nanos : BigInt(Math.trunc(nanos));
  const negative = value < 0n;
  if (negative) value = -value;
  const places = Math.max(0, Math.min(9, decimals));
  const unit = 10n ** BigInt(9 - places);
  const rounded = ((value + unit / 2n) / unit) * unit;
  if (rounded === 0n) return formatNanos(0n, places);
  return (negative ? '-' : '') + formatNanos(rounded, places);
}

/**
 * A figure for summaries: cents from a cent up, four significant decimals below ("$0.0042"), and
 * "$0.00" only for nothing at all.
 */
export function formatNanosBrief(nanos: bigint | number): string {
  const value = typeof nanos === 'bigint' ? nanos : BigInt(Math.trunc(nanos));
  const abs = value < 0n ? -value : value;
  if (abs === 0n) return '$0.00';
  if (abs >= 10_000_000n) return formatNanosRounded(value, 2);
  // Below a cent: keep two significant digits.
  const digits = abs.toString().length; // nanodollars: 9 digits is $0.1..$0.99
  const decimals = Math.min(9, 9 - digits + 2);
  return formatNanosRounded(value, decimals).replace(/(\.\d*?[1-9])0+$/, '$1');
}

/** Axis labels: "$0", "$0.05", "$12", "$1.2k", "$3.4M" (dollars as a float; never for totals). */
export function formatUsdAxis(usd: number): string {
  const abs = Math.abs(usd);
  const sign = usd < 0 ? '-' : '';
  if (abs === 0) return '$0';
  if (abs >= 1e6) return `${sign}$${trim(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}$${trim(abs / 1e3)}k`;
  if (abs >= 1) return `${sign}$${trim(abs)}`;
  return `${sign}$${Number(abs.toPrecision(2))}`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : String(Number(value.toFixed(1)));
}

/** 1234 -> "1,234"; 1_500_000 -> "1.5M" when `compact`. */
export function formatCount(count: number, compact = false): string {
  if (!compact || Math.abs(count) < 10_000) return count.toLocaleString('en-US');
  if (Math.abs(count) < 1e6) return `${trim(count / 1e3)}k`;
  if (Math.abs(count) < 1e9) return `${trim(count / 1e6)}M`;
  return `${trim(count / 1e9)}B`;
}
