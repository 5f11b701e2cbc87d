// Sign in with a virtual key or the master key. The key goes to POST /console/session once
// and is then dropped: the browser keeps only keygate's HttpOnly session cookie.
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../api/console';
import { ApiError } from '../api/http';
import { session } from '../app/app-state';
import { KeyIcon } from '../ui/icons';

function explainSignInError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401)
      return 'keygate does not know this key, or it was revoked or has expired.';
    if (error.status === 403)
      return 'keygate refused the sign-in from this address. Open the console at the address keygate serves it on.';
    if (error.status === 429) return 'Too many attempts. Wait a minute and try again.';
    if (error.status === 0) return 'keygate could not be reached. Is it running?';
    return error.message;
  }
  return String(error);
}

export function SignInScreen(): JSX.Element {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const field = input.current;
    const key = field?.value.trim() ?? '';
    if (!key) {
      setProblem('Paste a key first.');
      field?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const state = await api.signIn(key);
      if (field) field.value = '';
      session.set(state);
    } catch (error) {
      setProblem(explainSignInError(error));
      field?.select();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <div class="sign-in-card">
        <div class="brand brand-large">
          <span class="brand-mark" aria-hidden="true">
            kg
          </span>
          keygate
        </div>
        <h1>Sign in</h1>
        <p class="muted">
          Use your keygate key. Every answer shows what it cost, counted against its budget.
        </p>
        <form onSubmit={submit} class="form" noValidate>
          <div class="field">
            <label for="key-input">Key</label>
            <div class="input-with-icon">
              <KeyIcon />
              <input
                id="key-input"
                ref={input}
                type="password"
                name="keygate-key"
                autoComplete="off"
                spellcheck={false}
                placeholder="sk-…"
                aria-invalid={problem !== null}
                aria-describedby={problem ? 'key-problem' : 'key-help'}
                autoFocus
              />
            </div>
            {problem ? (
              <p id="key-problem" class="help is-error" role="alert">
                {problem}
              </p>
            ) : (
              <p id="key-help" class="help">
                A virtual key or the master key. It is not stored in this browser; the session lasts
                12 hours.
              </p>
            )}
          </div>
          <button type="submit" class="button button-primary button-block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
