// The live tail's own filter, applied in the page: words matched against key, alias, model,
// deployment and error, and a status class.
import type { RequestRow } from '../api/types';

export type LiveStatus = '' | '2xx' | 'error' | '4xx' | '5xx';

export interface LiveFilter {
  text: string;
  status: LiveStatus;
}

export function liveMatcher(
  filter: LiveFilter,
  aliasOf: (id: string) => string | undefined,
): (row: RequestRow) => boolean {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const status = filter.status;
  return (row) => {
    if (status === '2xx' && !(row.status >= 200 && row.status < 300)) return false;
    if (status === 'error' && row.status >= 200 && row.status < 300) return false;
    if (status === '4xx' && !(row.status >= 400 && row.status < 500)) return false;
    if (status === '5xx' && !(row.status >= 500 && row.status < 600)) return false;
    if (words.length === 0) return true;
    const haystack = [
      row.key,
      aliasOf(row.key) ?? '',
      row.model,
      row.deployment ?? '',
      row.team ?? '',
      row.end_user ?? '',
      String(row.status),
      row.error ?? '',
    ]
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  };
}

/** Reads one `data:` event of the live stream; null for anything that is not a row. */
export function parseLiveRow(data: string): RequestRow | null {
  try {
    const row = JSON.parse(data) as Partial<RequestRow> | null;
    if (!row || typeof row.request_id !== 'string' || typeof row.time_ms !== 'number') return null;
    return {
      team: null,
      end_user: null,
      route: '',
      deployment: null,
      provider: null,
      error: null,
      stream: false,
      client_gone: false,
      cost_usd: null,
      cost_nanos: null,
      total_ms: null,
      ttft_ms: null,
      overhead_ms: null,
      attempts: 1,
      key: '',
      model: '',
      status: 0,
      ...row,
      tokens: { prompt: 0, completion: 0, cached: 0, cache_write: 0, reasoning: 0, ...row.tokens },
    } as RequestRow;
  } catch {
    return null;
  }
}
