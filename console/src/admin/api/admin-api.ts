// The admin endpoints, one function each (docs/admin-api.md).
import { ApiError, csrfHeaders, errorFromResponse, request, requestJson } from '../../api/http';
import { queryString } from '../../app/router';
import type {
  AdminKey,
  AdminTeam,
  BudgetsAnswer,
  ConfigAnswer,
  KeyChange,
  ModelGroup,
  ReloadAnswer,
  RequestPage,
  RequestQuery,
  RequestRow,
  SpendQuery,
  SpendRow,
  TeamChange,
} from './types';

const enc = encodeURIComponent;

type Query = Record<string, string | number | null | undefined>;

export function withQuery(path: string, query: Query): string {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') text[name] = String(value);
  }
  return path + queryString(text);
}

/** Lists come as `{"object": "list", "data": [...]}`; a bare array is read the same way. */
function listOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const data = (body as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? (data as T[]) : [];
}

export const adminApi = {
  spend: (query: SpendQuery) =>
    requestJson<unknown>('GET', withQuery('/admin/spend', { ...query })).then(listOf<SpendRow>),
  spendCsvUrl: (query: SpendQuery) => withQuery('/admin/spend', { ...query, format: 'csv' }),

  requests: (query: RequestQuery) =>
    requestJson<RequestPage>('GET', withQuery('/admin/requests', { ...query })).then((page) => ({
      data: listOf<RequestRow>(page),
      next: page.next ?? null,
    })),
  request: (id: string) => requestJson<RequestRow>('GET', `/admin/requests/${enc(id)}`),
  liveUrl: (query: Query) => withQuery('/admin/live', query),

  budgets: () =>
    requestJson<Partial<BudgetsAnswer>>('GET', '/admin/budgets').then((b) => ({
      keys: b.keys ?? [],
      teams: b.teams ?? [],
    })),

  keys: () => requestJson<unknown>('GET', '/admin/keys').then(listOf<AdminKey>),
  createKey: (change: KeyChange) => requestJson<AdminKey>('POST', '/admin/keys', change),
  changeKey: (id: string, change: KeyChange) =>
    requestJson<AdminKey>('PATCH', `/admin/keys/${enc(id)}`, change),
  revokeKey: (id: string) => requestJson<AdminKey>('DELETE', `/admin/keys/${enc(id)}`),

  teams: () => requestJson<unknown>('GET', '/admin/teams').then(listOf<AdminTeam>),
  createTeam: (change: TeamChange) => requestJson<AdminTeam>('POST', '/admin/teams', change),
  changeTeam: (id: string, change: TeamChange) =>
    requestJson<AdminTeam>('PATCH', `/admin/teams/${enc(id)}`, change),
  deleteTeam: (id: string) => request('DELETE', `/admin/teams/${enc(id)}`).then(() => undefined),

  models: () => requestJson<unknown>('GET', '/admin/models').then(listOf<ModelGroup>),
  config: () => requestJson<ConfigAnswer>('GET', '/admin/config'),

  /** A broken file is a 422 whose body lists the problems: an answer, not an error. */
  reload: async (): Promise<ReloadAnswer> => {
    let response: Response;
    try {
      response = await fetch('/admin/config/reload', {
        method: 'POST',
        headers: csrfHeaders('POST'),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'network', 'keygate could not be reached.');
    }
    if (response.status === 422) {
      const body = (await response.json().catch(() => ({}))) as { problems?: unknown };
      const problems = Array.isArray(body.problems) ? body.problems.map(String) : [];
      return { applied: false, problems };
    }
    if (!response.ok) {
      throw await errorFromResponse(response);
    }
    return { applied: true };
  },
};
