import type { ComponentChildren, JSX } from 'preact';

/** One headline figure: a label, the figure, and a line of context under it. */
export function Stat(props: {
  label: string;
  value: ComponentChildren;
  note?: ComponentChildren;
  title?: string;
  tone?: 'plain' | 'warning' | 'danger';
}): JSX.Element {
  return (
    <div class={`stat ${props.tone && props.tone !== 'plain' ? `stat-${props.tone}` : ''}`}>
      <dt class="stat-label">{props.label}</dt>
      <dd class="stat-value" title={props.title}>
        {props.value}
      </dd>
      {props.note !== undefined && <dd class="stat-note">{props.note}</dd>}
    </div>
  );
}
