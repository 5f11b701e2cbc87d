// The fields keys and teams share: which models, rate limits, and a budget.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { PERIODS, type FormErrors, type LimitsForm } from './key-form';

export function FieldError({
  id,
  error,
}: {
  id: string;
  error: string | undefined;
}): JSX.Element | null {
  return error ? (
    <p id={id} class="field-error">
      {error}
    </p>
  ) : null;
}

export function LimitFields<F extends LimitsForm>(props: {
  form: F;
  errors: FormErrors;
  models: string[];
  prefix: string;
  onChange: (form: F) => void;
}): JSX.Element {
  const { form, errors, prefix } = props;
  const [filter, setFilter] = useState('');
  const set = (patch: Partial<LimitsForm>) => props.onChange({ ...form, ...patch });
  const id = (name: string) => `${prefix}-${name}`;
  const shown = props.models.filter((m) => m.toLowerCase().includes(filter.toLowerCase()));
  const number = (name: 'rpm' | 'tpm' | 'maxParallel', label: string, hint: string) => (
    <div class="field">
      <label for={id(name)}>{label}</label>
      <input
        id={id(name)}
        inputMode="numeric"
        value={form[name]}
        placeholder="No limit"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? id(`${name}-error`) : id(`${name}-hint`)}
        onInput={(e) => set({ [name]: e.currentTarget.value })}
      />
      <FieldError id={id(`${name}-error`)} error={errors[name]} />
      {!errors[name] && (
        <p id={id(`${name}-hint`)} class="help">
          {hint}
        </p>
      )}
    </div>
  );

  return (
    <>
      <fieldset class="form-group">
        <legend>Models</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={form.allModels}
            onChange={(e) => set({ allModels: e.currentTarget.checked })}
          />
          Every model, including ones added later
        </label>
        {!form.allModels && (
          <div
            class="model-checklist"
            aria-describedby={errors.models ? id('models-error') : undefined}
          >
            {props.models.length > 8 && (
              <input
                type="search"
                class="checklist-filter"
                placeholder="Find a model"
                aria-label="Find a model"
                value={filter}
                onInput={(e) => setFilter(e.currentTarget.value)}
              />
            )}
            <div class="checklist-items">
              {shown.map((model) => (
                <label class="check" key={model}>
                  <input
                    type="checkbox"
                    aria-invalid={errors.models ? true : undefined}
                    aria-describedby={errors.models ? id('models-error') : undefined}
                    checked={form.models.includes(model)}
                    onChange={(e) =>
                      set({
                        models: e.currentTarget.checked
                          ? [...form.models, model]
                          : form.models.filter((m) => m !== model),
                      })
                    }
                  />
                  {model}
                </label>
              ))}
              {/* A model the item names that the running config no longer has. */}
              {form.models
                .filter((m) => !props.models.includes(m))
                .map((model) => (
                  <label class="check" key={model}>
                    <input
                      type="checkbox"
                      checked
                      onChange={() => set({ models: form.models.filter((m) => m !== model) })}
                    />
                    {model} <span class="muted">(not configured)</span>
                  </label>
                ))}
            </div>
          </div>
        )}
        <FieldError id={id('models-error')} error={errors.models} />
      </fieldset>

      <fieldset class="form-group">
        <legend>Rate limits</legend>
        <div class="field-grid">
          {number('rpm', 'Requests per minute', 'A burst of this many, then evenly.')}
          {number('tpm', 'Tokens per minute', 'Input and output tokens.')}
          {number('maxParallel', 'At once', 'Requests in flight.')}
        </div>
      </fieldset>

      <fieldset class="form-group">
        <legend>Budget</legend>
        <div class="field-row">
          <div class="field">
            <label for={id('budget')}>Amount in USD</label>
            <input
              id={id('budget')}
              inputMode="decimal"
              value={form.budgetUsd}
              placeholder="No budget"
              aria-invalid={errors.budgetUsd ? true : undefined}
              aria-describedby={errors.budgetUsd ? id('budget-error') : id('budget-hint')}
              onInput={(e) => set({ budgetUsd: e.currentTarget.value })}
            />
            <FieldError id={id('budget-error')} error={errors.budgetUsd} />
          </div>
          <div class="field">
            <label for={id('period')}>Period</label>
            <select
              id={id('period')}
              value={form.budgetPeriod}
              onChange={(e) => set({ budgetPeriod: e.currentTarget.value })}
            >
              {PERIODS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {!errors.budgetUsd && (
          <p id={id('budget-hint')} class="help">
            Periods start at midnight UTC. A request is refused once the budget is spent.
          </p>
        )}
      </fieldset>
    </>
  );
}
