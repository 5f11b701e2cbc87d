// A row of mutually exclusive choices (radio buttons drawn as one control): arrows move, as
// in any radio group.
import type { JSX } from 'preact';

export function Segmented<T extends string>(props: {
  label: string;
  name: string;
  value: T;
  options: readonly { id: T; label: string }[];
  onChange: (value: T) => void;
  hideLabel?: boolean;
}): JSX.Element {
  return (
    <fieldset class="segmented">
      <legend class={props.hideLabel ? 'visually-hidden' : 'segmented-legend'}>
        {props.label}
      </legend>
      <div class="segmented-options">
        {props.options.map((option) => (
          <label key={option.id} class={option.id === props.value ? 'is-checked' : ''}>
            <input
              type="radio"
              name={props.name}
              value={option.id}
              checked={option.id === props.value}
              onChange={() => props.onChange(option.id)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
