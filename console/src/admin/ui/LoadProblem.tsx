// Why a page could not show its figures, in words, with the way out that fits.
import type { JSX } from 'preact';
import type { ApiError } from '../../api/http';
import { session } from '../../app/app-state';
import { EmptyState } from '../../ui/EmptyState';
import { KeyIcon, WarningIcon } from '../../ui/icons';

export interface ProblemText {
  title: string;
  detail: string;
  refusal: boolean;
}

export function describeProblem(error: ApiError, what: string): ProblemText {
  if (error.status === 0)
    return {
      title: 'keygate could not be reached',
      detail: 'The server did not answer. Check that it is running, then try again.',
      refusal: false,
    };
  if (error.status === 401)
    return {
      title: 'Signed out',
      detail: 'The session has ended or the key was revoked. Sign in again to go on.',
      refusal: true,
    };
  if (error.status === 403 && error.code === 'master_key_required')
    return {
      title: 'Only the master key can open this',
      detail: `${what} is kept for keygate’s administrator. Sign in with the master key to see it.`,
      refusal: true,
    };
  if (error.status === 403)
    return {
      title: 'Not yours to see',
      detail:
        'This key can see only its own spend and requests. The address names another key or team, so keygate refused it.',
      refusal: true,
    };
  if (error.status === 501)
    return { title: `${what} is not available`, detail: error.message, refusal: false };
  const detail = error.message.endsWith('.') ? error.message : `${error.message}.`;
  return {
    title: `Could not load ${what.toLowerCase()}`,
    detail: `${detail} (keygate answered ${error.status}.)`,
    refusal: false,
  };
}

export function LoadProblem(props: {
  error: ApiError;
  what: string;
  onRetry?: () => void;
  /** For a refusal caused by the page's own filters: the way back to what this key may see. */
  onReset?: () => void;
  resetLabel?: string;
}): JSX.Element {
  const text = describeProblem(props.error, props.what);
  return (
    <div class="admin-problem" role="alert">
      <EmptyState
        title={text.title}
        tone="error"
        icon={text.refusal ? <KeyIcon /> : <WarningIcon />}
      >
        <p>{text.detail}</p>
        <div class="empty-actions">
          {props.error.status === 401 && (
            <button
              type="button"
              class="button button-primary"
              onClick={() => session.set({ signed_in: false, auth_required: true })}
            >
              Sign in again
            </button>
          )}
          {props.onReset && props.error.status === 403 && (
            <button type="button" class="button button-primary" onClick={props.onReset}>
              {props.resetLabel ?? 'Show what this key may see'}
            </button>
          )}
          {props.onRetry && !text.refusal && (
            <button type="button" class="button button-primary" onClick={props.onRetry}>
              Try again
            </button>
          )}
        </div>
      </EmptyState>
    </div>
  );
}
