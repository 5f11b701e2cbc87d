// A ledger row's figures in words and short forms, shared by the requests and live pages.
import type { RequestRow } from '../api/types';

export type StatusTone = 'good' | 'warning' | 'danger' | 'info';

export function statusTone(status: number): StatusTone {
  if (status >= 200 && status < 300) return 'good';
  if (status === 429 || (status >= 400 && status < 500)) return 'warning';
  if (status >= 500) return 'danger';
  return 'info';
}

const STATUS_WORDS: Record<number, string> = {
  200: 'OK',
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  408: 'Timed out',
  413: 'Too large',
  429: 'Limited',
  500: 'Server error',
  502: 'Bad gateway',
  503: 'Unavailable',
  504: 'Timed out',
};

export function statusWords(status: number): string {
  return STATUS_WORDS[status] ?? (status >= 500 ? 'Failed' : status >= 400 ? 'Refused' : 'OK');
}

/** "Budget spent" from "budget_exceeded: …": the error code in words, the rest as detail. */
export function errorWords(error: string | null): { code: string | null; text: string } | null {
  if (!error) return null;
  const match = /^([a-z_]+):\s*(.*)$/s.exec(error);
  if (!match) return { code: null, text: error };
  return { code: match[1] ?? null, text: match[2] || match[1] || error };
}

export function totalTokens(row: RequestRow): number {
  return row.tokens.prompt + row.tokens.completion;
}

const TIME = new Intl.DateTimeFormat('en-US', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const DAY_TIME = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const FULL = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'medium',
});
const FULL_UTC = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

/** "14:03:21" today, "Dec 6, 14:03:21" before: local time, as a person reads a log. */
export function rowTime(ms: number, now: number): string {
  const same = new Date(ms).toDateString() === new Date(now).toDateString();
  return (same ? TIME : DAY_TIME).format(ms);
}

export function fullTime(ms: number): { local: string; utc: string } {
  return { local: FULL.format(ms), utc: `${FULL_UTC.format(ms)} UTC` };
}

/** 850 -> "850 ms", 1530 -> "1.53 s", null -> "–". */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value < 10) return `${Number(value.toFixed(1))} ms`;
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(value / 60_000)} min ${Math.round((value % 60_000) / 1000)} s`;
}
