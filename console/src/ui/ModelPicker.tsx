// The model combobox: type to filter, arrows to move, Enter to pick, Esc to close.
import type { JSX } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { ModelInfo } from '../api/types';
import { ChevronDown } from './icons';
import { filterModels, priceLabel } from './model-filter';

interface ModelPickerProps {
  models: readonly ModelInfo[];
  value: string | null;
  onChange: (id: string) => void;
  label?: string;
  /** Models that cannot be picked here (already chosen in another column). */
  exclude?: readonly string[];
  compact?: boolean;
}

export function ModelPicker(props: ModelPickerProps): JSX.Element {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const options = useMemo(
    () => filterModels(props.models, query).filter((m) => !props.exclude?.includes(m.id)),
    [props.models, query, props.exclude],
  );
  const current = props.models.find((m) => m.id === props.value);

  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    const selected = options.findIndex((m) => m.id === props.value);
    setActive(selected >= 0 ? selected : 0);
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  useEffect(() => {
    list.current
      ?.querySelector<HTMLElement>(`[data-index="${active}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [active, open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    setQuery('');
    if (refocus) trigger.current?.focus();
  };
  const choose = (model: ModelInfo | undefined) => {
    if (!model) return;
    props.onChange(model.id);
    close(true);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive((i) => Math.min(options.length - 1, i + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => Math.max(0, i - 1));
        break;
      case 'Home':
        event.preventDefault();
        setActive(0);
        break;
      case 'End':
        event.preventDefault();
        setActive(options.length - 1);
        break;
      case 'Enter':
        event.preventDefault();
        choose(options[active]);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
    }
  };

  const listId = `${id}-list`;
  return (
    <div class={`model-picker ${props.compact ? 'model-picker-compact' : ''}`} ref={root}>
      <button
        type="button"
        ref={trigger}
        class="model-trigger"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={`${props.label ?? 'Model'}: ${current?.id ?? 'none chosen'}`}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <span class="model-trigger-name">{current?.id ?? props.value ?? 'Choose a model'}</span>
        {current && !props.compact && (
          <span class="model-trigger-provider">{current.providers.join(', ')}</span>
        )}
        <ChevronDown />
      </button>
      {open && (
        <div class="model-popover">
          <input
            ref={input}
            type="text"
            class="model-search"
            role="combobox"
            aria-label="Search models"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={options[active] ? `${id}-opt-${active}` : undefined}
            placeholder="Search models…"
            value={query}
            onInput={(event) => {
              setQuery(event.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <ul id={listId} role="listbox" class="model-list" ref={list} aria-label="Models">
            {options.map((model, index) => (
              <li
                key={model.id}
                id={`${id}-opt-${index}`}
                role="option"
                data-index={index}
                aria-selected={model.id === props.value}
                class={`model-option ${index === active ? 'is-active' : ''}`}
                onPointerDown={(event) => event.preventDefault()}
                onClick={() => choose(model)}
                onPointerMove={() => setActive(index)}
              >
                <span class="model-option-main">
                  <span class="model-option-id">{model.id}</span>
                  <span class="model-option-tags">
                    {model.vision && <span class="tag">vision</span>}
                    {model.reasoning && <span class="tag">reasoning</span>}
                  </span>
                </span>
                <span class="model-option-meta">
                  <span>{model.providers.join(', ')}</span>
                  <span class="model-option-price">{priceLabel(model)}</span>
                </span>
              </li>
            ))}
            {options.length === 0 && (
              <li class="model-empty" role="presentation">
                {props.models.length === 0
                  ? 'This key has no chat models.'
                  : `No model matches “${query}”.`}
              </li>
            )}
          </ul>
        </div>
      )}
    </div>
  );
}
