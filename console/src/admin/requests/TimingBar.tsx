import type { JSX } from 'preact';
import { ms } from '../format/request-words';

/** Where a request's time went: keygate's own work, waiting for the first token, the rest. */
export function TimingBar(props: {
  total: number | null;
  ttft: number | null;
  overhead: number | null;
}): JSX.Element | null {
  const total = props.total ?? 0;
  if (total <= 0) return null;
  const overhead = Math.min(total, props.overhead ?? 0);
  const wait = Math.max(0, Math.min(total, props.ttft ?? total) - overhead);
  const rest = Math.max(0, total - overhead - wait);
  const parts = [
    { name: 'keygate', value: overhead, class: 'timing-own' },
    {
      name: props.ttft !== null ? 'until the first token' : 'waiting for the provider',
      value: wait,
      class: 'timing-wait',
    },
    { name: 'streaming the answer', value: rest, class: 'timing-stream' },
  ].filter((p) => p.value > 0);
  return (
    <div class="timing">
      <div class="timing-bar" aria-hidden="true">
        {parts.map((p) => (
          <span
            key={p.name}
            class={p.class}
            ref={(el) => {
              if (el) el.style.flexGrow = String(Math.max(p.value, total * 0.008));
            }}
          />
        ))}
      </div>
      <ul class="timing-legend">
        {parts.map((p) => (
          <li key={p.name}>
            <span class={`swatch ${p.class}`} aria-hidden="true" />
            {p.name} <span class="muted">{ms(p.value)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
