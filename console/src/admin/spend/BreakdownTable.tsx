// Totals per group of the chosen dimension, largest cost first, with exact money.
import type { JSX } from 'preact';
import { hrefFor } from '../../app/router';
import type { SpendRow } from '../api/types';
import { formatCount, formatNanos, nanosOf, savedNanosOf } from '../format/money';
import type { DateRange } from '../range/date-range';
import type { Split } from './spend-query';

const REQUEST_FILTERS: Partial<Record<Split, string>> = {
  key: 'key',
  model: 'model',
  deployment: 'deployment',
};

export function BreakdownTable(props: {
  rows: SpendRow[];
  split: Split;
  splitLabel: string;
  emptyName: string;
  range: DateRange;
  total: bigint;
  nameOf: (group: string) => { name: string; detail: string | null };
  onFilter: (value: string) => void;
}): JSX.Element {
  const requestFilter = REQUEST_FILTERS[props.split];
  return (
    <div
      class="table-scroll"
      tabIndex={0}
      role="region"
      aria-label={`Spend by ${props.splitLabel.toLowerCase()}`}
    >
      <table class="data-table breakdown-table">
        <thead>
          <tr>
            <th scope="col">{props.splitLabel}</th>
            <th scope="col" class="num">
              Requests
            </th>
            <th scope="col" class="num">
              Input tokens
            </th>
            <th scope="col" class="num">
              Cached
            </th>
            <th scope="col" class="num">
              Output tokens
            </th>
            <th scope="col" class="num">
              Cost
            </th>
            <th scope="col" class="num">
              Saved
            </th>
            <th scope="col" class="share-col">
              Share of cost
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => {
            const nanos = nanosOf(row) ?? 0n;
            const saved = savedNanosOf(row) ?? 0n;
            const hits = row.cache_hits ?? 0;
            const share = props.total > 0n ? Number((nanos * 1000n) / props.total) / 10 : 0;
            const group = row.group ?? '';
            const { name, detail } = group
              ? props.nameOf(group)
              : { name: props.emptyName, detail: null };
            return (
              <tr key={group || '(none)'} data-group={group}>
                <th scope="row">
                  <div class="group-cell">
                    {group ? (
                      <button
                        type="button"
                        class="link-button"
                        title={`Show only ${name}`}
                        onClick={() => props.onFilter(group)}
                      >
                        {name}
                      </button>
                    ) : (
                      <span class="faint">{name}</span>
                    )}
                    {detail && <span class="cell-detail">{detail}</span>}
                    {group && requestFilter && (
                      <a
                        class="row-link"
                        href={hrefFor({
                          name: 'admin',
                          page: 'requests',
                          query: {
                            [requestFilter]: group,
                            from: props.range.from,
                            to: props.range.to,
                          },
                        })}
                      >
                        Requests<span class="visually-hidden"> of {name}</span>
                      </a>
                    )}
                  </div>
                </th>
                <td class="num">{formatCount(row.requests)}</td>
                <td class="num">{formatCount(row.prompt_tokens)}</td>
                <td class="num">{formatCount(row.cached_tokens)}</td>
                <td class="num">{formatCount(row.completion_tokens)}</td>
                <td class="num money" data-cost-nanos={nanos.toString()}>
                  {row.cost_nanos === null && row.cost_usd === null ? (
                    <span class="faint">no price</span>
                  ) : (
                    formatNanos(nanos)
                  )}
                  {row.unknown_cost_requests > 0 && (
                    <span class="cell-detail">
                      +{formatCount(row.unknown_cost_requests)} unpriced
                    </span>
                  )}
                </td>
                <td class="num saved-cell" data-saved-nanos={saved.toString()}>
                  {saved === 0n && hits === 0 ? <span class="faint">–</span> : formatNanos(saved)}
                  {hits > 0 && (
                    <span class="cell-detail">
                      {formatCount(hits)} {hits === 1 ? 'hit' : 'hits'}
                    </span>
                  )}
                </td>
                <td class="share-col">
                  <span class="share">
                    <span
                      class="share-bar"
                      ref={(el) => {
                        if (el) el.style.width = `${Math.max(share > 0 ? 2 : 0, share)}%`;
                      }}
                    />
                  </span>
                  <span class="share-text">{share.toFixed(1)}%</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
