// Import a ChatGPT conversations.json or a keygate JSON export: checked here first, so a
// malformed file is explained (and where) before anything is sent.
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api/console';
import { formatCount } from '../../format/count';
import { ApiError } from '../../api/http';
import { loadConversations } from '../../app/app-state';
import { UploadIcon } from '../../ui/icons';
import { ImportFormatError, previewImport, type ImportPreview } from '../chatgpt-import';

const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

type ImportState =
  | { kind: 'idle' }
  | { kind: 'checked'; name: string; text: string; preview: ImportPreview }
  | { kind: 'importing' }
  | { kind: 'done'; imported: number }
  | { kind: 'failed'; message: string };

export function ImportPanel(): JSX.Element {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  const choose = async (file: File) => {
    if (file.size > MAX_IMPORT_BYTES) {
      setState({ kind: 'failed', message: `${file.name} is larger than 50 MB, keygate's limit.` });
      return;
    }
    const text = await file.text();
    try {
      setState({ kind: 'checked', name: file.name, text, preview: previewImport(text) });
    } catch (error) {
      setState({
        kind: 'failed',
        message:
          error instanceof ImportFormatError
            ? `${file.name} cannot be imported. ${error.message}.`
            : String(error),
      });
    }
  };

  const send = async (text: string) => {
    setState({ kind: 'importing' });
    try {
      const { imported } = await api.importConversations(text);
      setState({ kind: 'done', imported });
      void loadConversations();
    } catch (error) {
      setState({
        kind: 'failed',
        message: `Nothing was imported. ${error instanceof ApiError ? error.message : String(error)}`,
      });
    }
  };

  return (
    <div class="import-panel">
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        id="import-file"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void choose(file);
        }}
      />
      <button type="button" class="button" onClick={() => input.current?.click()}>
        <UploadIcon /> Choose a file…
      </button>
      <div aria-live="polite" class="import-status">
        {state.kind === 'checked' && (
          <div class="import-preview">
            <p>
              <strong>{state.name}</strong>: {formatCount(state.preview.conversations.length)}{' '}
              conversation
              {state.preview.conversations.length === 1 ? '' : 's'},{' '}
              {formatCount(state.preview.conversations.reduce((n, c) => n + c.messageCount, 0))}{' '}
              messages ({state.preview.format === 'chatgpt' ? 'ChatGPT export' : 'keygate export'}).
            </p>
            <ul class="import-list">
              {state.preview.conversations.slice(0, 5).map((c, i) => (
                <li key={i}>
                  {c.title} <span class="muted">· {formatCount(c.messageCount)} messages</span>
                </li>
              ))}
              {state.preview.conversations.length > 5 && (
                <li class="muted">and {state.preview.conversations.length - 5} more</li>
              )}
            </ul>
            <div class="inline-row">
              <button
                type="button"
                class="button button-primary"
                onClick={() => void send(state.text)}
              >
                Import
              </button>
              <button type="button" class="button" onClick={() => setState({ kind: 'idle' })}>
                Cancel
              </button>
            </div>
          </div>
        )}
        {state.kind === 'importing' && <p>Importing…</p>}
        {state.kind === 'done' && (
          <p class="is-success">
            Imported {state.imported} conversation{state.imported === 1 ? '' : 's'}. They are in the
            sidebar.
          </p>
        )}
        {state.kind === 'failed' && (
          <p class="is-error" role="alert">
            {state.message}
          </p>
        )}
      </div>
    </div>
  );
}
