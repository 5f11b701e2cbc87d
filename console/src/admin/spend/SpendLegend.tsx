import type { JSX } from 'preact';
import { formatCount, formatNanos, formatNanosBrief } from '../format/money';
import type { Metric, Pivot } from './pivot';
import { seriesClass } from './SpendChart';

/** Each series with its colour and its total over the range (exact for cost). */
export function SpendLegend({ pivot, metric }: { pivot: Pivot; metric: Metric }): JSX.Element {
  return (
    <ul class="chart-legend" aria-label="Series totals">
      {pivot.series.map((s, i) => (
        <li key={s.name} data-series={s.name}>
          <span class={`swatch ${seriesClass(i, s.other)}`} aria-hidden="true" />
          <span class="legend-name">{s.name}</span>
          <span
            class="legend-value"
            data-cost-nanos={s.costNanos.toString()}
            title={metric === 'cost' ? formatNanos(s.costNanos) : undefined}
          >
            {metric === 'cost'
              ? formatNanosBrief(s.costNanos)
              : formatCount(metric === 'tokens' ? s.tokens : s.requests)}
          </span>
        </li>
      ))}
    </ul>
  );
}
