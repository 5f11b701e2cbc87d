import type { JSX } from 'preact';
import { useObservable } from '../app/observable';
import { dismissToast, toasts } from '../app/toasts';
import { CloseIcon } from './icons';

export function Toasts(): JSX.Element {
  const list = useObservable(toasts);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((toast) => (
        <div key={toast.id} class={`toast toast-${toast.kind}`}>
          <div>
            <strong>{toast.title}</strong>
            {toast.detail && <p>{toast.detail}</p>}
          </div>
          <button
            type="button"
            class="icon-button"
            aria-label="Dismiss"
            onClick={() => dismissToast(toast.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
