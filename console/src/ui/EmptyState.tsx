import type { ComponentChildren, JSX } from 'preact';

export function EmptyState(props: {
  title: string;
  children?: ComponentChildren;
  icon?: ComponentChildren;
  tone?: 'plain' | 'error';
}): JSX.Element {
  return (
    <div class={`empty-state ${props.tone === 'error' ? 'empty-state-error' : ''}`}>
      {props.icon && <div class="empty-icon">{props.icon}</div>}
      <h2>{props.title}</h2>
      {props.children}
    </div>
  );
}
