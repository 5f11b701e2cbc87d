// The spend page's state, read from and written to its address:
// #/admin/spend?range=7d&split=model&metric=cost&key=…
import type { SpendDimension, SpendQuery } from '../api/types';
import {
  rangeFromQuery,
  rangeToQuery,
  type DateRange,
  type RangePreset,
} from '../range/date-range';
import type { Metric } from './pivot';

export type Split = Exclude<SpendDimension, 'day'>;

export const SPLITS: { id: Split; label: string; empty: string; masterOnly: boolean }[] = [
  { id: 'model', label: 'Model', empty: '(no model)', masterOnly: false },
  { id: 'provider', label: 'Provider', empty: '(no provider)', masterOnly: false },
  { id: 'deployment', label: 'Deployment', empty: '(not sent)', masterOnly: false },
  { id: 'key', label: 'Key', empty: '(no key)', masterOnly: true },
  { id: 'team', label: 'Team', empty: '(no team)', masterOnly: true },
  { id: 'end_user', label: 'End user', empty: '(no end user)', masterOnly: false },
];

/** The filters the spend API takes besides dates, in the order chips show them. */
export const SPEND_FILTERS = [
  'key',
  'team',
  'model',
  'provider',
  'deployment',
  'end_user',
] as const;
export type SpendFilter = (typeof SPEND_FILTERS)[number];

export interface SpendState {
  preset: RangePreset;
  range: DateRange;
  split: Split;
  metric: Metric;
  filters: Partial<Record<SpendFilter, string>>;
}

export function splitInfo(split: Split) {
  return SPLITS.find((s) => s.id === split) ?? SPLITS[0]!;
}

export function spendStateFromQuery(query: Record<string, string>, now: number): SpendState {
  const { preset, range } = rangeFromQuery(query, now);
  const split = SPLITS.some((s) => s.id === query.split) ? (query.split as Split) : 'model';
  const metric: Metric =
    query.metric === 'tokens' || query.metric === 'requests' ? query.metric : 'cost';
  const filters: SpendState['filters'] = {};
  for (const name of SPEND_FILTERS) {
    const value = query[name]?.trim();
    if (value) filters[name] = value.slice(0, 200);
  }
  return { preset, range, split, metric, filters };
}

export function spendStateToQuery(state: SpendState): Record<string, string> {
  return {
    ...rangeToQuery(state.preset, state.range),
    ...(state.split !== 'model' ? { split: state.split } : {}),
    ...(state.metric !== 'cost' ? { metric: state.metric } : {}),
    ...state.filters,
  };
}

export function spendApiQuery(state: SpendState, groupBy: SpendQuery['group_by']): SpendQuery {
  return { group_by: groupBy, from: state.range.from, to: state.range.to, ...state.filters };
}
