// The requests page's filters, kept in the URL (#/admin/requests?model=…&status=5xx) so a view
// can be shared, reloaded and gone back to. What reaches the API is checked here first.
import { dayStart } from '../range/date-range';
import type { RequestQuery } from '../api/types';

export interface RequestFilters {
  key: string;
  model: string;
  deployment: string;
  status: string;
  from: string;
  to: string;
}

export const NO_FILTERS: RequestFilters = {
  key: '',
  model: '',
  deployment: '',
  status: '',
  from: '',
  to: '',
};

export const STATUS_CHOICES: { value: string; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: '2xx', label: 'Succeeded (2xx)' },
  { value: 'error', label: 'Failed (not 2xx)' },
  { value: '4xx', label: 'Refused (4xx)' },
  { value: '5xx', label: 'Provider or server error (5xx)' },
  { value: '429', label: 'Rate or budget limit (429)' },
];

const STATUS = /^([1-5]\d\d|[1-5]xx|error)$/;

export function isStatusFilter(value: string): boolean {
  return STATUS.test(value);
}

export function filtersFromQuery(query: Record<string, string>): RequestFilters {
  const text = (name: keyof RequestFilters) => (query[name] ?? '').trim().slice(0, 200);
  const date = (name: 'from' | 'to') => (dayStart(text(name)) !== null ? text(name) : '');
  const status = text('status').toLowerCase();
  return {
    key: text('key'),
    model: text('model'),
    deployment: text('deployment'),
    status: isStatusFilter(status) ? status : '',
    from: date('from'),
    to: date('to'),
  };
}

/** The page's query: only the filters that are set, so the URL stays short. */
export function filtersToQuery(filters: RequestFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) if (value) out[name] = value;
  return out;
}

/**
 * What GET /admin/requests is asked. A virtual key's own id is the only key it may name; the
 * server forces it anyway, and answers 403 to any other.
 */
export function apiQuery(
  filters: RequestFilters,
  options: { before?: string | null; limit?: number } = {},
): RequestQuery {
  const query: RequestQuery = { limit: options.limit ?? 100 };
  if (filters.key) query.key = filters.key;
  if (filters.model) query.model = filters.model;
  if (filters.deployment) query.deployment = filters.deployment;
  if (filters.status) query.status = filters.status;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (options.before) query.before = options.before;
  return query;
}

export function activeFilterCount(filters: RequestFilters): number {
  return Object.values(filters).filter(Boolean).length;
}

export function sameFilters(a: RequestFilters, b: RequestFilters): boolean {
  return (Object.keys(NO_FILTERS) as (keyof RequestFilters)[]).every((k) => a[k] === b[k]);
}
