import type { JSX } from 'preact';
import { dayLabel } from '../range/date-range';
import { dayTotals, type Metric, type Pivot } from './pivot';
import { formatMetric } from './SpendChart';

/** The chart's figures as a table: a row per day, a column per series, the day's total. */
export function DailyTable(props: {
  pivot: Pivot;
  metric: Metric;
  now: number;
  caption: string;
}): JSX.Element {
  const { pivot, metric } = props;
  const totals = dayTotals(pivot);
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
      <table class="data-table daily-table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            {pivot.series.map((s) => (
              <th key={s.name} scope="col" class="num">
                {s.name}
              </th>
            ))}
            <th scope="col" class="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {pivot.days
            .map((day, i) => ({ day, i }))
            .reverse()
            .map(({ day, i }) => (
              <tr key={day}>
                <th scope="row">{dayLabel(day, props.now)}</th>
                {pivot.series.map((s) => (
                  <td key={s.name} class="num">
                    {(s.values[i] ?? 0) === 0 ? (
                      <span class="faint">–</span>
                    ) : (
                      formatMetric(s.values[i] ?? 0, metric)
                    )}
                  </td>
                ))}
                <td class="num strong">{formatMetric(totals[i] ?? 0, metric)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
