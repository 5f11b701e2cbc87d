import type { JSX } from 'preact';

export type MeterLevel = 'ok' | 'warning' | 'spent';

/** A bar for a share (0..1). Width is set through the CSSOM, which the CSP allows. */
export function Meter(props: {
  fraction: number;
  label: string;
  level?: MeterLevel;
  valueText?: string;
}): JSX.Element {
  const percent = Math.round(Math.min(1, Math.max(0, props.fraction)) * 100);
  return (
    <div
      class={`meter meter-${props.level ?? 'ok'}`}
      role="meter"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={props.valueText ?? `${percent}%`}
    >
      <div
        class="meter-fill"
        ref={(el) => {
          if (el) el.style.width = `${percent}%`;
        }}
      />
    </div>
  );
}
