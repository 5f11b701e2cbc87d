import type { JSX } from 'preact';
import type { BudgetEntry } from '../api/types';
import { formatNanosBrief, formatNanosRounded } from '../format/money';
import { periodWords, resetWords } from '../format/reset-words';
import { Meter } from '../ui/Meter';
import { budgetLevel, headroomText, spentFraction } from './budget-level';

const UTC_MOMENT = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function BudgetRow(props: {
  entry: BudgetEntry;
  now: number;
  kind: 'key' | 'team';
}): JSX.Element {
  const { entry, now } = props;
  const budget = entry.budget;
  const level = budgetLevel(budget);
  const fraction = budget ? spentFraction(budget) : 0;
  const percent = Math.round(fraction * 100);
  const name = props.kind === 'key' ? entry.alias || entry.id : entry.id;
  const spentNanos = budget ? BigInt(Math.round(budget.spent_nanos ?? budget.spent_usd * 1e9)) : 0n;
  const limitNanos = budget ? BigInt(Math.round(budget.usd * 1e9)) : 0n;
  const leftNanos = limitNanos > spentNanos ? limitNanos - spentNanos : 0n;
  const rates = [
    headroomText(entry.limits.rpm, entry.headroom.requests, 'requests/min'),
    headroomText(entry.limits.tpm, entry.headroom.tokens, 'tokens/min'),
    headroomText(entry.limits.max_parallel, entry.headroom.parallel, 'at once'),
  ];

  return (
    <li class={`budget-item budget-item-${level}`} data-id={entry.id}>
      <div class="budget-who">
        <span class="budget-name">{name}</span>
        <span class="budget-sub">
          {props.kind === 'key' && entry.alias ? <code>{entry.id}</code> : null}
          {props.kind === 'key' && entry.team ? <span>team {entry.team}</span> : null}
        </span>
      </div>
      <div class="budget-money">
        {budget ? (
          <>
            <div class="budget-line">
              <span>
                <strong>{formatNanosBrief(spentNanos)}</strong>
                <span class="muted">
                  {' '}
                  of {formatNanosRounded(limitNanos, 2)} {periodWords(budget.period)}
                </span>
              </span>
              {level === 'spent' ? (
                <span class="badge badge-danger">Spent</span>
              ) : level === 'warning' ? (
                <span class="badge badge-warning">{percent}% used</span>
              ) : (
                <span class="budget-left">{formatNanosBrief(leftNanos)} left</span>
              )}
            </div>
            <Meter
              fraction={fraction}
              level={level}
              label={`${name}: budget spent`}
              valueText={`${percent}% of the budget spent`}
            />
          </>
        ) : (
          <span class="muted">No budget</span>
        )}
      </div>
      <div class="budget-reset">
        {budget ? (
          <span
            title={
              budget.resets_at
                ? `${UTC_MOMENT.format(budget.resets_at)} UTC`
                : 'A total budget does not reset'
            }
          >
            {resetWords(budget.resets_at, now).replace(/^r/, 'R')}
          </span>
        ) : (
          <span class="faint">–</span>
        )}
      </div>
      <div class="budget-rates">
        {rates.every((r) => r === null) ? (
          <span class="muted">No rate limits</span>
        ) : (
          rates.map(
            (rate, i) =>
              rate && (
                <div class="rate" key={i}>
                  <span class="rate-text">{rate.text}</span>
                  <Meter
                    fraction={rate.fraction}
                    level={
                      rate.fraction <= 0.05 ? 'spent' : rate.fraction <= 0.2 ? 'warning' : 'ok'
                    }
                    label={`${name}: ${rate.text}`}
                    valueText={rate.text}
                  />
                </div>
              ),
          )
        )}
      </div>
    </li>
  );
}
