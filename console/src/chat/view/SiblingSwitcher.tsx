import type { JSX } from 'preact';
import { ChevronLeft, ChevronRight } from '../../ui/icons';

export function SiblingSwitcher(props: {
  index: number;
  count: number;
  label: string;
  disabled?: boolean;
  onSwitch: (offset: number) => void;
}): JSX.Element | null {
  if (props.count < 2) return null;
  return (
    <span class="sibling-switcher" role="group" aria-label={props.label}>
      <button
        type="button"
        class="icon-button small"
        aria-label={`Previous ${props.label.toLowerCase()}`}
        disabled={props.disabled || props.index <= 0}
        onClick={() => props.onSwitch(-1)}
      >
        <ChevronLeft />
      </button>
      <span class="sibling-count" aria-live="polite">
        {props.index + 1}/{props.count}
      </span>
      <button
        type="button"
        class="icon-button small"
        aria-label={`Next ${props.label.toLowerCase()}`}
        disabled={props.disabled || props.index >= props.count - 1}
        onClick={() => props.onSwitch(1)}
      >
        <ChevronRight />
      </button>
    </span>
  );
}
