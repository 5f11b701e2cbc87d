// Stacked daily bars on uPlot. uPlot draws on a canvas and sizes its elements through the
// CSSOM (element.style), which the console's CSP allows; its stylesheet ships as a file.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BarChartInput {
  /** One label per bar, left to right. */
  labels: string[];
  /** Running sums, the whole stack first (see stackTops). */
  stacks: number[][];
  /** A colour per stack entry. */
  colors: string[];
  formatY: (value: number) => string;
  onHover: (index: number | null, left: number, top: number) => void;
  width: number;
  height: number;
}

export interface BarChart {
  resize(width: number): void;
  destroy(): void;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Indices to label: about one per 70 px, always whole days. */
function labelSplits(count: number, width: number): number[] {
  const fit = Math.max(1, Math.floor(width / 70));
  const step = Math.max(1, Math.ceil(count / fit));
  const out: number[] = [];
  for (let i = 0; i < count; i += step) out.push(i);
  return out;
}

export function drawBars(target: HTMLElement, input: BarChartInput): BarChart {
  const count = input.labels.length;
  const xs = input.labels.map((_, i) => i);
  const text = cssVar('--text-muted', '#5d6068');
  const grid = cssVar('--border', '#e3e3de');
  const font = `12px ${getComputedStyle(document.body).fontFamily}`;
  const bars = uPlot.paths.bars?.({ size: [0.72, 56], gap: 1 });

  const options: uPlot.Options = {
    width: input.width,
    height: input.height,
    legend: { show: false },
    padding: [12, 8, 0, 0],
    cursor: {
      y: false,
      points: { show: false },
      drag: { x: false, y: false, setScale: false },
    },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: false, range: () => [-0.5, count - 0.5] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      {
        stroke: text,
        font,
        grid: { show: false },
        ticks: { show: false },
        size: 28,
        splits: (u) => labelSplits(count, u.bbox.width / devicePixelRatio),
        values: (_u, splits) => splits.map((i) => input.labels[i] ?? ''),
        gap: 6,
      },
      {
        stroke: text,
        font,
        size: 64,
        gap: 6,
        grid: { stroke: grid, width: 1 },
        ticks: { show: false },
        values: (_u, splits) => splits.map((v) => input.formatY(v)),
      },
    ],
    series: [
      {},
      ...input.stacks.map((_, i) => ({
        fill: input.colors[i],
        stroke: input.colors[i],
        width: 0,
        paths: bars,
        points: { show: false },
      })),
    ],
    hooks: {
      setCursor: [
        (u: uPlot) => {
          const index = u.cursor.idx ?? null;
          // Cursor positions are within the plot; the tooltip sits in the whole chart.
          input.onHover(
            index,
            (u.cursor.left ?? 0) + u.over.offsetLeft,
            (u.cursor.top ?? 0) + u.over.offsetTop,
          );
        },
      ],
    },
  };
  const chart = new uPlot(options, [xs, ...input.stacks], target);
  return {
    resize: (width) => chart.setSize({ width, height: input.height }),
    destroy: () => chart.destroy(),
  };
}
