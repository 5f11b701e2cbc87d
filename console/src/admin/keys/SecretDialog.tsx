// A new key's secret, shown this once: keygate keeps only its hash.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog } from '../../ui/Dialog';
import { CopyIcon, WarningIcon } from '../../ui/icons';

export function SecretDialog(props: {
  secret: string | null;
  name: string;
  onClose: () => void;
}): JSX.Element {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setCopied(false);
    if (props.secret) setTimeout(() => field.current?.select(), 0);
  }, [props.secret]);

  const copy = async () => {
    if (!props.secret) return;
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopied(true);
    } catch {
      field.current?.select();
    }
  };

  return (
    <Dialog
      open={props.secret !== null}
      title={`Key created: ${props.name}`}
      onClose={props.onClose}
    >
      <div class="secret-warning" role="note">
        <WarningIcon />
        <p>
          <strong>Copy it now. It will not be shown again.</strong> keygate keeps only a hash of it;
          if it is lost, revoke it and make another.
        </p>
      </div>
      <label for="new-secret" class="secret-label">
        The key
      </label>
      <div class="secret-row">
        <input
          id="new-secret"
          ref={field}
          class="secret"
          readOnly
          value={props.secret ?? ''}
          spellcheck={false}
        />
        <button type="button" class="button button-primary" onClick={() => void copy()}>
          <CopyIcon /> {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p class="help secret-help" aria-live="polite">
        {copied
          ? 'On the clipboard.'
          : 'Use it as a Bearer token, like an OpenAI key, with keygate’s address as the base URL.'}
      </p>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={props.onClose}>
          I have saved it
        </button>
      </div>
    </Dialog>
  );
}
