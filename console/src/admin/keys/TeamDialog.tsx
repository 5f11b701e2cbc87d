import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog } from '../../ui/Dialog';
import { adminApi } from '../api/admin-api';
import type { AdminTeam } from '../api/types';
import { changeRefusal } from '../format/server-error';
import { asApiError } from '../ui/use-load';
import {
  EMPTY_TEAM_FORM,
  changedFields,
  checkTeamForm,
  teamAsChange,
  teamFormFrom,
  type FormErrors,
  type TeamForm,
} from './key-form';
import { FieldError, LimitFields } from './LimitFields';

export function TeamDialog(props: {
  open: boolean;
  editing: AdminTeam | null;
  taken: string[];
  models: string[];
  onClose: () => void;
  onSaved: (team: AdminTeam) => void;
}): JSX.Element {
  const [form, setForm] = useState<TeamForm>(EMPTY_TEAM_FORM);
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
    setForm(props.editing ? teamFormFrom(props.editing) : EMPTY_TEAM_FORM);
    setErrors({});
    setRefusal(null);
  }, [props.open, props.editing]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const isNew = props.editing === null;
    const { errors: found, change } = checkTeamForm(form, isNew, props.taken);
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length > 0) {
      focusInvalid.current = true;
      return;
    }
    setSaving(true);
    try {
      if (props.editing) {
        const { id: _id, ...rest } = changedFields(change, teamAsChange(props.editing));
        props.onSaved(
          Object.keys(rest).length
            ? await adminApi.changeTeam(props.editing.id, rest)
            : props.editing,
        );
      } else {
        props.onSaved(await adminApi.createTeam(change));
      }
    } catch (error) {
      setRefusal(changeRefusal(asApiError(error)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      title={props.editing ? `Edit team ${props.editing.id}` : 'New team'}
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
        {!props.editing && (
          <div class="field">
            <label for="team-id">Name</label>
            <input
              id="team-id"
              value={form.id}
              placeholder="e.g. household"
              aria-invalid={errors.id ? true : undefined}
              aria-describedby={errors.id ? 'team-id-error' : 'team-id-hint'}
              onInput={(e) => setForm({ ...form, id: e.currentTarget.value })}
            />
            <FieldError id="team-id-error" error={errors.id} />
            {!errors.id && (
              <p id="team-id-hint" class="help">
                Keys join a team to share its budget and limits. The name cannot be changed later.
              </p>
            )}
          </div>
        )}
        <LimitFields
          form={form}
          errors={errors}
          models={props.models}
          prefix="team"
          onChange={setForm}
        />
        <div class="dialog-actions">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : props.editing ? 'Save changes' : 'Create team'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
