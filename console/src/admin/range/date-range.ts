// Date ranges for the admin pages. keygate's periods and the ledger's days are UTC, so every
// range here is a pair of UTC calendar days, `to` included.

export type RangePreset = 'today' | '7d' | '30d' | 'month' | 'custom';

export interface DateRange {
  from: string;
  to: string;
}

export const PRESETS: { id: RangePreset; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: 'month', label: 'This month' },
  { id: 'custom', label: 'Custom' },
];

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC calendar day of a moment, as YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC at the start of a day, or null when the text is not a real date. */
export function dayStart(day: string): number | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return utcDay(ms) === day ? ms : null;
}

export function addDays(day: string, days: number): string {
  const start = dayStart(day);
  if (start === null) throw new Error(`not a date: ${day}`);
  return utcDay(start + days * DAY_MS);
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number): DateRange {
  const today = utcDay(now);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** Why a custom range cannot be used, in words; null when it can. */
export function rangeProblem(range: DateRange, maxDays = 366): string | null {
  const from = dayStart(range.from);
  const to = dayStart(range.to);
  if (from === null) return 'The start is not a date.';
  if (to === null) return 'The end is not a date.';
  if (to < from) return 'The end is before the start.';
  if ((to - from) / DAY_MS + 1 > maxDays) return `Pick at most ${maxDays} days.`;
  return null;
}

/** Every day of a range, in order. */
export function daysOf(range: DateRange): string[] {
  const from = dayStart(range.from);
  const to = dayStart(range.to);
  if (from === null || to === null || to < from) return [];
  const out: string[] = [];
  for (let ms = from; ms <= to && out.length <= 400; ms += DAY_MS) out.push(utcDay(ms));
  return out;
}

/** The range a page's query names: `range=7d`, or `from` and `to` for a custom one. */
export function rangeFromQuery(
  query: Record<string, string>,
  now: number,
  fallback: Exclude<RangePreset, 'custom'> = '30d',
): { preset: RangePreset; range: DateRange } {
  const named = query.range;
  if (query.from && query.to && (named === undefined || named === 'custom')) {
    const range = { from: query.from, to: query.to };
    if (rangeProblem(range) === null) return { preset: 'custom', range };
  }
  const preset =
    named === 'today' || named === '7d' || named === '30d' || named === 'month' ? named : fallback;
  return { preset, range: presetRange(preset, now) };
}

export function rangeToQuery(preset: RangePreset, range: DateRange): Record<string, string> {
  return preset === 'custom' ? { from: range.from, to: range.to } : { range: preset };
}

const SHORT = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const SHORT_YEAR = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Dec 1" (a UTC day), with the year when it is not the current one. */
export function dayLabel(day: string, now: number): string {
  const start = dayStart(day);
  if (start === null) return day;
  return (day.slice(0, 4) === utcDay(now).slice(0, 4) ? SHORT : SHORT_YEAR).format(start);
}

/** "Nov 24 – Nov 30" or "Dec 1" for one day. */
export function rangeLabel(range: DateRange, now: number): string {
  if (range.from === range.to) return dayLabel(range.from, now);
  return `${dayLabel(range.from, now)} – ${dayLabel(range.to, now)}`;
}
