// Create or edit a key. A new key's secret is shown once, by SecretDialog, after this closes.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog } from '../../ui/Dialog';
import { adminApi } from '../api/admin-api';
import type { AdminKey, AdminTeam } from '../api/types';
import { changeRefusal } from '../format/server-error';
import { asApiError } from '../ui/use-load';
import {
  EMPTY_KEY_FORM,
  changedFields,
  checkKeyForm,
  keyAsChange,
  keyFormFrom,
  type FormErrors,
  type KeyForm,
} from './key-form';
import { FieldError, LimitFields } from './LimitFields';

export function KeyDialog(props: {
  open: boolean;
  editing: AdminKey | null;
  teams: AdminTeam[];
  models: string[];
  onClose: () => void;
  onSaved: (key: AdminKey, created: boolean) => void;
}): JSX.Element {
  const [form, setForm] = useState<KeyForm>(EMPTY_KEY_FORM);
  const [errors, setErrors] = useState<FormErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusInvalid = useRef(false);

  // After a failed check, the first field in error takes the focus (once it is marked).
  useEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  useEffect(() => {
    if (!props.open) return;
    setForm(props.editing ? keyFormFrom(props.editing) : EMPTY_KEY_FORM);
    setErrors({});
    setRefusal(null);
  }, [props.open, props.editing]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const { errors: found, change } = checkKeyForm(form, Date.now());
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length > 0) {
      focusInvalid.current = true;
      return;
    }
    setSaving(true);
    try {
      if (props.editing) {
        const diff = changedFields(change, keyAsChange(props.editing));
        const saved = Object.keys(diff).length
          ? await adminApi.changeKey(props.editing.id, diff)
          : props.editing;
        props.onSaved(saved, false);
      } else {
        props.onSaved(await adminApi.createKey(change), true);
      }
    } catch (error) {
      setRefusal(changeRefusal(asApiError(error)));
    } finally {
      setSaving(false);
    }
  };

  const editing = props.editing;
  return (
    <Dialog
      open={props.open}
      title={editing ? `Edit ${editing.alias || editing.id}` : 'New key'}
      onClose={props.onClose}
      wide
      class="form-dialog"
    >
      <form ref={formRef} class="form admin-form" onSubmit={(e) => void submit(e)} noValidate>
        {refusal && (
          <p class="form-refusal" role="alert">
            {refusal}
          </p>
        )}
        <div class="field-row">
          <div class="field">
            <label for="key-alias">Name</label>
            <input
              id="key-alias"
              value={form.alias}
              placeholder="Who or what uses it, e.g. sam-phone"
              maxLength={80}
              aria-invalid={errors.alias ? true : undefined}
              aria-describedby={errors.alias ? 'key-alias-error' : undefined}
              onInput={(e) => setForm({ ...form, alias: e.currentTarget.value })}
            />
            <FieldError id="key-alias-error" error={errors.alias} />
          </div>
          <div class="field">
            <label for="key-team">Team</label>
            <select
              id="key-team"
              value={form.team}
              onChange={(e) => setForm({ ...form, team: e.currentTarget.value })}
            >
              <option value="">No team</option>
              {props.teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.id}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="key-expires">Last day it works (UTC)</label>
          <input
            id="key-expires"
            type="date"
            value={form.expires}
            aria-invalid={errors.expires ? true : undefined}
            aria-describedby={errors.expires ? 'key-expires-error' : 'key-expires-hint'}
            onInput={(e) => setForm({ ...form, expires: e.currentTarget.value })}
          />
          <FieldError id="key-expires-error" error={errors.expires} />
          {!errors.expires && (
            <p id="key-expires-hint" class="help">
              Empty: it never expires.
            </p>
          )}
        </div>
        <LimitFields
          form={form}
          errors={errors}
          models={props.models}
          prefix="key"
          onChange={setForm}
        />
        <div class="dialog-actions">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : editing ? 'Save changes' : 'Create key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
