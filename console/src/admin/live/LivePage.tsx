// Requests as they finish, newest on top: pausable, filterable in the page, the last 500 kept.
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useObservable } from '../../app/observable';
import { EmptyState } from '../../ui/EmptyState';
import { ChartIcon } from '../../ui/icons';
import type { PageProps } from '../AdminScreen';
import type { RequestRow } from '../api/types';
import { formatCount } from '../format/money';
import { requestColumns } from '../requests/columns';
import { RequestDetail } from '../requests/RequestDetail';
import '../requests/requests.css';
import { keyAliases, loadKeyAliases } from '../ui/key-names';
import { LoadProblem } from '../ui/LoadProblem';
import { VirtualTable } from '../ui/VirtualTable';
import { liveMatcher, type LiveFilter, type LiveStatus } from './live-filter';
import { useLiveStream } from './use-live-stream';
import './live.css';

const CAPACITY = 500;

const STATE_WORDS = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Refused',
} as const;

export function LivePage({ master }: PageProps): JSX.Element {
  const live = useLiveStream(CAPACITY);
  const aliases = useObservable(keyAliases);
  const [filter, setFilter] = useState<LiveFilter>({ text: '', status: '' });
  const [open, setOpen] = useState<RequestRow | null>(null);

  useEffect(() => {
    if (master) loadKeyAliases();
  }, [master]);

  const keyName = (id: string) => aliases.get(id) ?? id;
  const columns = useMemo(
    () => requestColumns({ now: () => Date.now(), keyName, showKey: master }),
    [aliases, master],
  );
  const matches = useMemo(() => liveMatcher(filter, (id) => aliases.get(id)), [filter, aliases]);
  const rows = filter.text || filter.status ? live.rows.filter(matches) : live.rows;
  const calm = live.perMinute < 240;
  const errors = live.rows.filter((r) => r.status < 200 || r.status >= 300).length;

  if (live.refusal) {
    return (
      <div class="admin-page">
        <LoadProblem error={live.refusal} what="The live tail" />
      </div>
    );
  }

  return (
    <div class="admin-page admin-page-fill live-page">
      <div class="live-bar">
        <span class={`live-state live-${live.paused ? 'paused' : live.state}`} role="status">
          <span class="live-dot" aria-hidden="true" />
          {live.paused ? 'Paused' : STATE_WORDS[live.state]}
        </span>
        <span class="live-figures">
          <span>
            <strong>{formatCount(live.perMinute)}</strong> requests/min
          </span>
          <span>
            <strong>{formatCount(live.rows.length)}</strong> kept (up to {CAPACITY})
          </span>
          {errors > 0 && (
            <span>
              <strong>{Math.round((errors / Math.max(1, live.rows.length)) * 100)}%</strong> failed
            </span>
          )}
          {live.dropped > 0 && (
            <span class="is-warning" title="keygate skips events a slow reader cannot take">
              <strong>{formatCount(live.dropped)}</strong> skipped
            </span>
          )}
        </span>
        <div class="live-actions">
          {live.paused ? (
            <button type="button" class="button button-primary button-small" onClick={live.resume}>
              Resume{live.waiting > 0 ? ` (${formatCount(live.waiting)} new)` : ''}
            </button>
          ) : (
            <button type="button" class="button button-small" onClick={live.pause}>
              Pause
            </button>
          )}
          <button
            type="button"
            class="button button-small"
            onClick={live.clear}
            disabled={live.rows.length === 0}
          >
            Clear
          </button>
        </div>
      </div>
      <form
        class="filters-bar"
        role="search"
        aria-label="Filter the live tail"
        onSubmit={(e) => e.preventDefault()}
      >
        <label class="filter-field live-search">
          <span>Filter</span>
          <input
            type="search"
            value={filter.text}
            placeholder="Key, model, deployment, error…"
            onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
          />
        </label>
        <label class="filter-field">
          <span>Status</span>
          <select
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: e.currentTarget.value as LiveStatus })}
          >
            <option value="">Any status</option>
            <option value="2xx">Succeeded (2xx)</option>
            <option value="error">Failed (not 2xx)</option>
            <option value="4xx">Refused (4xx)</option>
            <option value="5xx">Errors (5xx)</option>
          </select>
        </label>
        {(filter.text || filter.status) && (
          <p class="table-status live-count" aria-live="polite">
            {formatCount(rows.length)} of {formatCount(live.rows.length)} match
          </p>
        )}
      </form>
      {rows.length === 0 ? (
        <div class="vtable-empty">
          <EmptyState
            title={live.rows.length ? 'Nothing matches the filter' : 'Waiting for requests'}
            icon={<ChartIcon />}
          >
            <p>
              {live.rows.length
                ? 'Requests keep arriving; none of those kept matches. Change or clear the filter.'
                : master
                  ? 'Each request shows here the moment it finishes, from any client. Send one from the chat or your code.'
                  : 'Each request this key makes shows here the moment it finishes.'}
            </p>
          </EmptyState>
        </div>
      ) : (
        <VirtualTable
          rows={rows}
          columns={columns}
          rowKey={(r) => r.request_id}
          label="Live requests, newest first"
          class="live-table"
          selectedKey={open?.request_id ?? null}
          rowClass={(r) =>
            `${r.status >= 400 ? 'is-failed' : ''} ${Date.now() - r.time_ms < 1500 ? 'is-new' : ''}`
          }
          onOpen={(row) => setOpen(row)}
        />
      )}
      <RequestDetail
        id={open?.request_id ?? null}
        row={open}
        keyName={keyName}
        onClose={() => setOpen(null)}
      />
    </div>
  );
}
