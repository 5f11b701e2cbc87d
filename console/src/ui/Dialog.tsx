// A modal on the native <dialog>: focus moves in and back, Esc closes, the page is inert.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { CloseIcon } from './icons';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
  class?: string;
  /** Shown in the title row after the title. */
  actions?: ComponentChildren;
}

export function Dialog(props: DialogProps): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class={`dialog ${props.wide ? 'dialog-wide' : ''} ${props.class ?? ''}`}
      aria-labelledby="dialog-title"
      onClose={props.onClose}
      onKeyDown={(event) => {
        // A search field swallows the first Esc (it clears itself); the dialog still closes.
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          props.onClose();
        }
      }}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === ref.current) props.onClose();
      }}
    >
      {props.open && (
        <div class="dialog-body">
          <header class="dialog-head">
            <h2 id="dialog-title">{props.title}</h2>
            {props.actions}
            <button type="button" class="icon-button" aria-label="Close" onClick={props.onClose}>
              <CloseIcon />
            </button>
          </header>
          {props.children}
        </div>
      )}
    </dialog>
  );
}

interface ConfirmProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog(props: ConfirmProps): JSX.Element {
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onClose}>
      <p class="dialog-text">{props.message}</p>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          class={`button ${props.danger ? 'button-danger' : 'button-primary'}`}
          onClick={() => {
            props.onConfirm();
            props.onClose();
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
