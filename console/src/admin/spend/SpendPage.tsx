// Where the money goes: cost, tokens and requests by day and by a second dimension, for a
// range of UTC days, as a chart and as tables, with the server's CSV.
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { navigate } from '../../app/router';
import { useObservable } from '../../app/observable';
import { EmptyState } from '../../ui/EmptyState';
import { ChartIcon, CloseIcon, DownloadIcon } from '../../ui/icons';
import type { PageProps } from '../AdminScreen';
import { adminApi } from '../api/admin-api';
import type { SpendRow } from '../api/types';
import {
  formatCount,
  formatNanos,
  formatNanosBrief,
  sumNanosOf,
  sumSavedNanosOf,
} from '../format/money';
import { daysOf, rangeLabel } from '../range/date-range';
import { RangePicker } from '../range/RangePicker';
import { keyAliases, loadKeyAliases } from '../ui/key-names';
import { LoadProblem } from '../ui/LoadProblem';
import { Segmented } from '../ui/Segmented';
import { Stat } from '../ui/Stat';
import { useLoad } from '../ui/use-load';
import { BreakdownTable } from './BreakdownTable';
import { DailyTable } from './DailyTable';
import { METRICS, pivot as makePivot } from './pivot';
import { SpendChart, formatMetric } from './SpendChart';
import { SpendLegend } from './SpendLegend';
import './spend.css';
import {
  SPEND_FILTERS,
  SPLITS,
  spendApiQuery,
  spendStateFromQuery,
  spendStateToQuery,
  splitInfo,
  type SpendFilter,
  type SpendState,
} from './spend-query';

const FILTER_LABEL: Record<SpendFilter, string> = {
  key: 'Key',
  team: 'Team',
  model: 'Model',
  provider: 'Provider',
  deployment: 'Deployment',
  end_user: 'End user',
};

interface SpendData {
  daily: SpendRow[];
  groups: SpendRow[];
}

export function SpendPage({ query, master }: PageProps): JSX.Element {
  const [now] = useState(() => Date.now());
  const state = useMemo(() => spendStateFromQuery(query, now), [query, now]);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const aliases = useObservable(keyAliases);
  const info = splitInfo(state.split);
  const splits = SPLITS.filter((s) => master || !s.masterOnly);

  useEffect(() => {
    if (master) loadKeyAliases();
  }, [master]);

  const apiKey = JSON.stringify(spendApiQuery(state, state.split));
  const load = useLoad<SpendData>(
    () =>
      Promise.all([
        adminApi.spend(spendApiQuery(state, `day,${state.split}`)),
        adminApi.spend(spendApiQuery(state, state.split)),
      ]).then(([daily, groups]) => ({ daily, groups })),
    [apiKey],
  );

  const update = (change: Partial<SpendState>) =>
    navigate(
      { name: 'admin', page: 'spend', query: spendStateToQuery({ ...state, ...change }) },
      true,
    );

  const days = useMemo(() => daysOf(state.range), [state.range.from, state.range.to]);
  const pivot = useMemo(
    () =>
      makePivot(load.data?.daily ?? [], days, state.metric, {
        emptyName: info.empty,
        maxSeries: 8,
      }),
    [load.data, days, state.metric, info.empty],
  );

  const nameOf = (group: string) => {
    if (state.split !== 'key') return { name: group, detail: null };
    const alias = aliases.get(group);
    return alias ? { name: alias, detail: group } : { name: group, detail: null };
  };
  // The chart's series read best by alias too.
  const shownPivot = useMemo(
    () =>
      state.split === 'key'
        ? {
            ...pivot,
            series: pivot.series.map((s) => (s.group ? { ...s, name: nameOf(s.group).name } : s)),
          }
        : pivot,
    [pivot, aliases, state.split],
  );

  const groups = load.data?.groups ?? [];
  const total = sumNanosOf(groups);
  const requests = groups.reduce((n, r) => n + r.requests, 0);
  const input = groups.reduce((n, r) => n + r.prompt_tokens, 0);
  const output = groups.reduce((n, r) => n + r.completion_tokens, 0);
  const cached = groups.reduce((n, r) => n + r.cached_tokens, 0);
  const unpriced = groups.reduce((n, r) => n + r.unknown_cost_requests, 0);
  const saved = sumSavedNanosOf(groups);
  const cacheHits = groups.reduce((n, r) => n + (r.cache_hits ?? 0), 0);
  const perRequest = requests > 0 ? total / BigInt(requests) : 0n;
  const filters = SPEND_FILTERS.filter((name) => state.filters[name]);
  const metricLabel = METRICS.find((m) => m.id === state.metric)?.label ?? 'Cost';
  const summary =
    shownPivot.series.length === 0
      ? `${metricLabel} by day, ${rangeLabel(state.range, now)}: nothing yet.`
      : `${metricLabel} by day, ${rangeLabel(state.range, now)}, split by ${info.label.toLowerCase()}: ${shownPivot.series
          .slice(0, 4)
          .map(
            (s) =>
              `${s.name} ${formatMetric(state.metric === 'cost' ? Number(s.costNanos) / 1e9 : state.metric === 'tokens' ? s.tokens : s.requests, state.metric)}`,
          )
          .join(
            ', ',
          )}${shownPivot.series.length > 4 ? ' and more' : ''}. The table view has every figure.`;

  const resetFilters = () => update({ filters: {} });

  return (
    <div class="admin-page spend-page">
      <div class="page-toolbar">
        <RangePicker
          preset={state.preset}
          range={state.range}
          now={now}
          onChange={(preset, range) => update({ preset, range })}
        />
        <div class="toolbar-group">
          <div class="inline-field">
            <label for="spend-split">Split by</label>
            <select
              id="spend-split"
              class="select-small"
              value={state.split}
              onChange={(e) => update({ split: e.currentTarget.value as SpendState['split'] })}
            >
              {splits.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <Segmented
            label="Measure"
            name="metric"
            hideLabel
            value={state.metric}
            options={METRICS}
            onChange={(metric) => update({ metric })}
          />
        </div>
      </div>

      {filters.length > 0 && (
        <div class="filter-chips" aria-label="Filters">
          {filters.map((name) => (
            <span class="chip" key={name}>
              <span class="chip-label">{FILTER_LABEL[name]}:</span>{' '}
              {name === 'key'
                ? (aliases.get(state.filters.key ?? '') ?? state.filters.key)
                : state.filters[name]}
              <button
                type="button"
                class="chip-remove"
                aria-label={`Remove the ${FILTER_LABEL[name].toLowerCase()} filter`}
                onClick={() => {
                  const next = { ...state.filters };
                  delete next[name];
                  update({ filters: next });
                }}
              >
                <CloseIcon />
              </button>
            </span>
          ))}
          <button type="button" class="link-button" onClick={resetFilters}>
            Clear all
          </button>
        </div>
      )}

      {load.error ? (
        <LoadProblem
          error={load.error}
          what="Spend"
          onRetry={load.reload}
          onReset={filters.length ? resetFilters : undefined}
          resetLabel="Show this key’s own spend"
        />
      ) : (
        <>
          <dl
            class={`stats ${load.loading && !load.data ? 'is-loading' : ''}`}
            aria-busy={load.loading}
          >
            <Stat
              label="Cost"
              value={load.data ? formatNanosBrief(total) : '…'}
              title={load.data ? formatNanos(total) : undefined}
              note={
                unpriced > 0
                  ? `${formatCount(unpriced)} unpriced requests`
                  : rangeLabel(state.range, now)
              }
            />
            <Stat
              label="Saved"
              value={load.data ? formatNanosBrief(saved) : '…'}
              title={load.data ? formatNanos(saved) : undefined}
              note={
                cacheHits > 0
                  ? `${formatCount(cacheHits)} cache ${cacheHits === 1 ? 'hit' : 'hits'}`
                  : 'by prompt caching'
              }
            />
            <Stat
              label="Requests"
              value={load.data ? formatCount(requests) : '…'}
              note={requests > 0 ? `${formatNanosBrief(perRequest)} each on average` : '–'}
            />
            <Stat
              label="Input tokens"
              value={load.data ? formatCount(input, true) : '…'}
              note={input > 0 ? `${Math.round((cached / input) * 100)}% from cache` : '–'}
            />
            <Stat
              label="Output tokens"
              value={load.data ? formatCount(output, true) : '…'}
              note={
                requests > 0 ? `${formatCount(Math.round(output / requests))} per request` : '–'
              }
            />
          </dl>

          {load.data && requests === 0 ? (
            <section class="card admin-card">
              <EmptyState title="No requests in these days" icon={<ChartIcon />}>
                <p>
                  {filters.length
                    ? 'Nothing matches these filters between these dates. Clear a filter or pick a longer range.'
                    : 'Requests appear here, with what they cost, as soon as keygate answers them. Pick a longer range, or send a first request.'}
                </p>
                {filters.length > 0 && (
                  <button type="button" class="button" onClick={resetFilters}>
                    Clear filters
                  </button>
                )}
              </EmptyState>
            </section>
          ) : (
            <>
              <section class="card admin-card" aria-labelledby="daily-heading">
                <div class="card-head">
                  <h2 id="daily-heading">
                    {metricLabel} by day <span class="muted">· by {info.label.toLowerCase()}</span>
                  </h2>
                  <div class="card-tools">
                    <Segmented
                      label="Show as"
                      name="daily-view"
                      hideLabel
                      value={view}
                      options={[
                        { id: 'chart', label: 'Chart' },
                        { id: 'table', label: 'Table' },
                      ]}
                      onChange={setView}
                    />
                    <a
                      class="button button-small"
                      href={adminApi.spendCsvUrl(spendApiQuery(state, `day,${state.split}`))}
                      download
                    >
                      <DownloadIcon /> CSV
                    </a>
                  </div>
                </div>
                {view === 'chart' ? (
                  <>
                    <SpendChart
                      pivot={shownPivot}
                      metric={state.metric}
                      now={now}
                      summary={summary}
                    />
                    <SpendLegend pivot={shownPivot} metric={state.metric} />
                  </>
                ) : (
                  <DailyTable
                    pivot={shownPivot}
                    metric={state.metric}
                    now={now}
                    caption={`${metricLabel} by day and ${info.label.toLowerCase()}`}
                  />
                )}
              </section>

              <section class="card admin-card" aria-labelledby="groups-heading">
                <div class="card-head">
                  <h2 id="groups-heading">By {info.label.toLowerCase()}</h2>
                  <div class="card-tools">
                    <a
                      class="button button-small"
                      href={adminApi.spendCsvUrl(spendApiQuery(state, state.split))}
                      download
                    >
                      <DownloadIcon /> CSV
                    </a>
                  </div>
                </div>
                <BreakdownTable
                  rows={groups}
                  split={state.split}
                  splitLabel={info.label}
                  emptyName={info.empty}
                  range={state.range}
                  total={total}
                  nameOf={nameOf}
                  onFilter={(value) =>
                    update({ filters: { ...state.filters, [state.split]: value } })
                  }
                />
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}
