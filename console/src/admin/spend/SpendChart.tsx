// Stacked daily bars with a legend (totals per series) and a tooltip for the day under the
// pointer. uPlot arrives in its own chunk the first time a chart is drawn.
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatCount, formatNanosBrief, formatUsdAxis } from '../format/money';
import { dayLabel } from '../range/date-range';
import type { BarChart } from './bar-chart';
import { dayTotals, stackTops, type Metric, type Pivot } from './pivot';

const PALETTE_SIZE = 8;

export function seriesClass(index: number, other: boolean): string {
  return other ? 'series-other' : `series-${index % PALETTE_SIZE}`;
}

function seriesColor(index: number, other: boolean): string {
  const name = other ? '--series-other' : `--series-${index % PALETTE_SIZE}`;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

export function formatMetric(value: number, metric: Metric): string {
  if (metric === 'cost') return formatNanosBrief(BigInt(Math.round(value * 1e9)));
  return formatCount(Math.round(value));
}

function useDarkScheme(): boolean {
  const query = useMemo(() => matchMedia('(prefers-color-scheme: dark)'), []);
  const [dark, setDark] = useState(query.matches);
  useEffect(() => {
    const change = () => setDark(query.matches);
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, [query]);
  return dark;
}

export function SpendChart(props: {
  pivot: Pivot;
  metric: Metric;
  now: number;
  summary: string;
}): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const chart = useRef<BarChart | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const dark = useDarkScheme();
  const { pivot, metric } = props;
  const labels = pivot.days.map((d) => dayLabel(d, props.now));
  const totals = useMemo(() => dayTotals(pivot), [pivot]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let live = true;
    let observer: ResizeObserver | null = null;
    const count = pivot.series.length;
    import('./bar-chart')
      .then(({ drawBars }) => {
        if (!live) return;
        element.replaceChildren();
        chart.current = drawBars(element, {
          labels,
          stacks: count ? stackTops(pivot.series) : [pivot.days.map(() => 0)],
          // stackTops puts the whole stack first: its colour is the last series'.
          colors: count
            ? pivot.series.map((_, k) => {
                const s = pivot.series[count - 1 - k]!;
                return seriesColor(count - 1 - k, s.other);
              })
            : ['transparent'],
          formatY: (v) => (metric === 'cost' ? formatUsdAxis(v) : formatCount(v, true)),
          onHover: (index, left, top) => {
            setHover(index);
            const box = tip.current;
            if (box && index !== null) {
              const flip = left > element.clientWidth / 2;
              box.style.left = `${Math.round(left + (flip ? -14 : 14))}px`;
              box.style.top = `${Math.round(Math.max(8, top - 20))}px`;
              box.style.transform = flip ? 'translateX(-100%)' : 'none';
            }
          },
          width: Math.max(200, element.clientWidth),
          height: element.clientHeight || 260,
        });
        observer = new ResizeObserver(() =>
          chart.current?.resize(Math.max(200, element.clientWidth)),
        );
        observer.observe(element);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
    // Redrawn when the data, metric or colour scheme changes.
  }, [pivot, metric, dark]);

  const hovered = hover !== null ? hover : null;
  return (
    <div class="spend-chart">
      <div class="chart-area">
        <div class="chart-host" ref={host} role="img" aria-label={props.summary} />
        {failed && (
          <p class="chart-failed">The chart could not be drawn; the table has the same figures.</p>
        )}
        <div class={`chart-tip ${hovered !== null ? 'is-shown' : ''}`} ref={tip} aria-hidden="true">
          {hovered !== null && (
            <>
              <strong>{labels[hovered]}</strong>
              <ul>
                {pivot.series
                  .map((s, i) => ({ s, i }))
                  .filter(({ s }) => (s.values[hovered] ?? 0) > 0)
                  .map(({ s, i }) => (
                    <li key={s.name}>
                      <span class={`swatch ${seriesClass(i, s.other)}`} />
                      <span class="tip-name">{s.name}</span>
                      <span class="tip-value">{formatMetric(s.values[hovered] ?? 0, metric)}</span>
                    </li>
                  ))}
              </ul>
              <div class="tip-total">
                <span>Total</span>
                <span>{formatMetric(totals[hovered] ?? 0, metric)}</span>
              </div>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
