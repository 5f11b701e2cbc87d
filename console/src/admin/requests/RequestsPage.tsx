// The ledger's requests, newest first, filtered by key, model, deployment, status and dates,
// a page at a time; one opens in a side panel.
import type { JSX } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { navigate } from '../../app/router';
import { useObservable } from '../../app/observable';
import { EmptyState } from '../../ui/EmptyState';
import { ChartIcon } from '../../ui/icons';
import type { PageProps } from '../AdminScreen';
import { formatCount } from '../format/money';
import { keyAliases, loadKeyAliases } from '../ui/key-names';
import { LoadProblem } from '../ui/LoadProblem';
import { useSuggestions } from '../ui/suggestions';
import { VirtualTable } from '../ui/VirtualTable';
import { requestColumns } from './columns';
import {
  activeFilterCount,
  filtersFromQuery,
  filtersToQuery,
  NO_FILTERS,
  type RequestFilters,
} from './filters';
import { RequestDetail } from './RequestDetail';
import { RequestFiltersBar } from './RequestFiltersBar';
import { useRequestPages } from './use-request-pages';
import './requests.css';

export function RequestsPage({ query, master }: PageProps): JSX.Element {
  const filters = useMemo(() => filtersFromQuery(query), [query]);
  const openId = query.request ?? null;
  const pages = useRequestPages(filters);
  const aliases = useObservable(keyAliases);
  const suggestions = useSuggestions(master);

  useEffect(() => {
    if (master) loadKeyAliases();
  }, [master]);

  const keyName = (id: string) => aliases.get(id) ?? id;
  const columns = useMemo(
    () => requestColumns({ now: () => Date.now(), keyName, showKey: master }),
    [aliases, master],
  );

  const go = (next: RequestFilters, request: string | null = null) =>
    navigate(
      {
        name: 'admin',
        page: 'requests',
        query: { ...filtersToQuery(next), ...(request ? { request } : {}) },
      },
      true,
    );

  const open = pages.rows.find((r) => r.request_id === openId) ?? null;
  const count = activeFilterCount(filters);

  let body: JSX.Element;
  if (pages.error && pages.rows.length === 0) {
    body = (
      <LoadProblem
        error={pages.error}
        what="Requests"
        onRetry={pages.reload}
        onReset={count ? () => go(NO_FILTERS) : undefined}
        resetLabel="Show this key’s own requests"
      />
    );
  } else if (!pages.loading && pages.rows.length === 0) {
    body = (
      <div class="vtable-empty">
        <EmptyState title={count ? 'No requests match' : 'No requests yet'} icon={<ChartIcon />}>
          <p>
            {count
              ? 'Nothing in the ledger matches these filters. Loosen one, or clear them all.'
              : 'Every request keygate answers (or refuses) is listed here as soon as it ends, with its tokens, cost and timings.'}
          </p>
          {count > 0 && (
            <button type="button" class="button" onClick={() => go(NO_FILTERS)}>
              Clear filters
            </button>
          )}
        </EmptyState>
      </div>
    );
  } else {
    body = (
      <VirtualTable
        rows={pages.rows}
        columns={columns}
        rowKey={(r) => r.request_id}
        label="Requests, newest first"
        class="requests-table"
        selectedKey={openId}
        rowClass={(r) => (r.status >= 400 ? 'is-failed' : '')}
        onOpen={(row) => go(filters, row.request_id)}
        onNearEnd={pages.loadMore}
        footer={
          <div class="vtable-footer" aria-live="polite">
            {pages.loading ? (
              <span>Loading…</span>
            ) : pages.error ? (
              <>
                <span class="is-error">{pages.error.message}</span>
                <button type="button" class="button button-small" onClick={pages.loadMore}>
                  Try again
                </button>
              </>
            ) : pages.done ? (
              <span>
                {formatCount(pages.rows.length)} request{pages.rows.length === 1 ? '' : 's'}: that
                is all.
              </span>
            ) : (
              <button type="button" class="button button-small" onClick={pages.loadMore}>
                Load more
              </button>
            )}
          </div>
        }
      />
    );
  }

  return (
    <div class="admin-page admin-page-fill requests-page">
      <RequestFiltersBar
        filters={filters}
        suggestions={suggestions}
        showKey={master}
        onChange={(next) => go(next)}
      />
      <p class="table-status" aria-live="polite">
        {pages.rows.length > 0
          ? `${formatCount(pages.rows.length)} loaded${pages.done ? '' : ', newest first; more load as you scroll'}`
          : pages.loading
            ? 'Loading…'
            : ''}
      </p>
      {body}
      <RequestDetail id={openId} row={open} keyName={keyName} onClose={() => go(filters)} />
    </div>
  );
}
