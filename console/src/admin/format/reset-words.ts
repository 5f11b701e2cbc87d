// When a budget resets, in words: "resets in 3 days, on Dec 1". Periods end at midnight UTC, so
// the day named is the UTC day.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ON_DAY = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const ON_DAY_YEAR = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "3 days", "5 hours", "12 minutes": the wait, rounded to the unit that reads best. */
export function waitWords(ms: number): string {
  if (ms < HOUR) return plural(Math.max(1, Math.round(ms / MINUTE)), 'minute');
  if (ms < 2 * DAY) {
    const hours = Math.round(ms / HOUR);
    return hours >= 36 ? plural(Math.round(ms / DAY), 'day') : plural(hours, 'hour');
  }
  return plural(Math.round(ms / DAY), 'day');
}

export function resetWords(resetsAt: number | null, now: number): string {
  if (resetsAt === null) return 'never resets';
  const wait = resetsAt - now;
  if (wait <= 0) return 'resets now';
  const sameYear = new Date(resetsAt).getUTCFullYear() === new Date(now).getUTCFullYear();
  const day = (sameYear ? ON_DAY : ON_DAY_YEAR).format(resetsAt);
  return `resets in ${waitWords(wait)}, on ${day}`;
}

/** The period a budget covers: "per month", "per day", "in total". */
export function periodWords(period: string): string {
  switch (period) {
    case 'daily':
    case 'day':
      return 'per day';
    case 'weekly':
    case 'week':
      return 'per week';
    case 'monthly':
    case 'month':
      return 'per month';
    case 'total':
      return 'in total';
    default:
      return `per ${period}`;
  }
}
