// The columns a ledger row is shown in, for the requests table and the live tail.
import type { JSX } from 'preact';
import type { RequestRow } from '../api/types';
import { formatCount, formatNanos, formatNanosBrief, nanosOf } from '../format/money';
import { ms, rowTime, statusTone, statusWords } from '../format/request-words';
import type { Column } from '../ui/VirtualTable';

export function StatusBadge({ status }: { status: number }): JSX.Element {
  return (
    <span class={`badge badge-${statusTone(status)}`} title={statusWords(status)}>
      {status}
      <span class="status-words">{statusWords(status)}</span>
    </span>
  );
}

export function requestColumns(options: {
  now: () => number;
  keyName: (id: string) => string;
  showKey: boolean;
  exactCost?: boolean;
}): Column<RequestRow>[] {
  const columns: (Column<RequestRow> | null)[] = [
    {
      id: 'time',
      label: 'Time',
      class: 'col-time',
      render: (row) => (
        <time dateTime={new Date(row.time_ms).toISOString()}>
          {rowTime(row.time_ms, options.now())}
        </time>
      ),
    },
    {
      id: 'status',
      label: 'Status',
      class: 'col-status',
      render: (row) => <StatusBadge status={row.status} />,
    },
    options.showKey
      ? {
          id: 'key',
          label: 'Key',
          class: 'col-key',
          render: (row) =>
            row.key ? <span title={row.key}>{options.keyName(row.key)}</span> : '—',
        }
      : null,
    {
      id: 'model',
      label: 'Model',
      class: 'col-model',
      render: (row) => row.model,
    },
    {
      id: 'deployment',
      label: 'Deployment',
      class: 'col-deployment',
      render: (row) =>
        row.deployment ? (
          <span title={row.deployment}>
            {row.deployment}
            {row.attempts > 1 && (
              <span class="attempts-mark" title={`${row.attempts} attempts`}>
                ×{row.attempts}
              </span>
            )}
          </span>
        ) : row.cache_hit ? (
          <span class="faint" title="Answered from the response cache">
            cache
          </span>
        ) : (
          <span class="faint">not sent</span>
        ),
    },
    {
      id: 'tokens',
      label: 'Tokens in → out',
      class: 'col-tokens num',
      render: (row) =>
        row.tokens.prompt + row.tokens.completion === 0 ? (
          <span class="faint">–</span>
        ) : (
          `${formatCount(row.tokens.prompt)} → ${formatCount(row.tokens.completion)}`
        ),
    },
    {
      id: 'cost',
      label: 'Cost',
      class: 'col-cost num',
      render: (row) => {
        const nanos = nanosOf(row);
        if (nanos === null) return <span class="faint">no price</span>;
        return (
          <span title={formatNanos(nanos)}>
            {options.exactCost ? formatNanos(nanos) : formatNanosBrief(nanos)}
          </span>
        );
      },
    },
    {
      id: 'ttft',
      label: 'First token',
      class: 'col-ms num',
      render: (row) => ms(row.ttft_ms),
    },
    {
      id: 'total',
      label: 'Total',
      class: 'col-ms num',
      render: (row) => ms(row.total_ms),
    },
  ];
  return columns.filter((c): c is Column<RequestRow> => c !== null);
}
