// Filters for the requests table: key, model, deployment, status and dates. Text fields apply
// after a pause in typing; the choices apply at once. Everything lands in the page's address.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CloseIcon } from '../../ui/icons';
import { NO_FILTERS, STATUS_CHOICES, activeFilterCount, type RequestFilters } from './filters';

export interface FilterSuggestions {
  keys: { id: string; alias: string }[];
  models: string[];
  deployments: string[];
}

export function RequestFiltersBar(props: {
  filters: RequestFilters;
  suggestions: FilterSuggestions;
  showKey: boolean;
  onChange: (filters: RequestFilters) => void;
}): JSX.Element {
  const [draft, setDraft] = useState(props.filters);
  // On a phone the fields fold away behind one button.
  const [open, setOpen] = useState(false);
  const active = activeFilterCount(props.filters);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => setDraft(props.filters), [JSON.stringify(props.filters)]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const apply = (next: RequestFilters, wait: number) => {
    setDraft(next);
    if (timer.current) clearTimeout(timer.current);
    if (wait === 0) props.onChange(next);
    else timer.current = setTimeout(() => props.onChange(next), wait);
  };

  const text = (name: 'key' | 'model' | 'deployment', label: string, list: string) => (
    <label class="filter-field">
      <span>{label}</span>
      <input
        type="search"
        list={list}
        value={draft[name]}
        placeholder="Any"
        autoComplete="off"
        spellcheck={false}
        onInput={(e) => apply({ ...draft, [name]: e.currentTarget.value.trim() }, 500)}
        onChange={(e) => apply({ ...draft, [name]: e.currentTarget.value.trim() }, 0)}
      />
    </label>
  );

  return (
    <form
      class="filters-bar"
      aria-label="Filter requests"
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft, 0);
      }}
    >
      <button
        type="button"
        class="button button-small filters-toggle"
        aria-expanded={open}
        aria-controls="request-filter-fields"
        onClick={() => setOpen(!open)}
      >
        Filters{active > 0 ? ` (${active})` : ''}
      </button>
      <div id="request-filter-fields" class={`filters-fields ${open ? 'is-open' : ''}`}>
        {props.showKey && text('key', 'Key', 'filter-keys')}
        {text('model', 'Model', 'filter-models')}
        {text('deployment', 'Deployment', 'filter-deployments')}
        <label class="filter-field">
          <span>Status</span>
          <select
            value={draft.status}
            onChange={(e) => apply({ ...draft, status: e.currentTarget.value }, 0)}
          >
            {STATUS_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
            {draft.status && !STATUS_CHOICES.some((c) => c.value === draft.status) && (
              <option value={draft.status}>Status {draft.status}</option>
            )}
          </select>
        </label>
        <label class="filter-field filter-date">
          <span>From</span>
          <input
            type="date"
            value={draft.from}
            onChange={(e) => apply({ ...draft, from: e.currentTarget.value }, 0)}
          />
        </label>
        <label class="filter-field filter-date">
          <span>To</span>
          <input
            type="date"
            value={draft.to}
            onChange={(e) => apply({ ...draft, to: e.currentTarget.value }, 0)}
          />
        </label>
      </div>
      {active > 0 && (
        <button
          type="button"
          class="button button-small filters-clear"
          onClick={() => apply(NO_FILTERS, 0)}
        >
          <CloseIcon /> Clear
        </button>
      )}
      <datalist id="filter-keys">
        {props.suggestions.keys.map((k) => (
          <option key={k.id} value={k.id}>
            {k.alias}
          </option>
        ))}
      </datalist>
      <datalist id="filter-models">
        {props.suggestions.models.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <datalist id="filter-deployments">
        {props.suggestions.deployments.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
    </form>
  );
}
