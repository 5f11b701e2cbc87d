import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '../../api/types';
import { EditIcon, FileIcon } from '../../ui/icons';
import { SiblingSwitcher } from './SiblingSwitcher';

interface UserMessageProps {
  message: Message;
  position: { index: number; count: number };
  busy: boolean;
  onSwitch: (offset: number) => void;
  onEdit: (text: string) => void;
}

export function UserMessage(props: UserMessageProps): JSX.Element {
  const { message } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.content);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (editing && area.current) {
      area.current.focus();
      area.current.setSelectionRange(draft.length, draft.length);
    }
  }, [editing]);

  const submit = () => {
    const text = draft.trim();
    if (!text) return;
    setEditing(false);
    props.onEdit(text);
  };

  return (
    <article class="message message-user" aria-label="Your message" data-message-id={message.id}>
      {message.attachments.length > 0 && (
        <div class="attachments">
          {message.attachments.map((attachment, i) =>
            attachment.kind === 'image' && attachment.data_url.startsWith('data:image/') ? (
              <img
                key={i}
                class="attachment-image"
                src={attachment.data_url}
                alt="Attached image"
              />
            ) : (
              <span key={i} class="attachment-file">
                <FileIcon />
                {attachment.kind === 'text' ? attachment.name : 'Image'}
              </span>
            ),
          )}
        </div>
      )}
      {editing ? (
        <div class="edit-box">
          <label class="visually-hidden" for={`edit-${message.id}`}>
            Edit your message
          </label>
          <textarea
            id={`edit-${message.id}`}
            ref={area}
            value={draft}
            rows={Math.min(12, draft.split('\n').length + 1)}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                submit();
              } else if (e.key === 'Escape') {
                e.stopPropagation();
                setEditing(false);
              }
            }}
          />
          <div class="edit-actions">
            <span class="help">Sends as a new version; the current one is kept.</span>
            <button type="button" class="button button-small" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button
              type="button"
              class="button button-small button-primary"
              disabled={props.busy}
              onClick={submit}
            >
              Save &amp; send
            </button>
          </div>
        </div>
      ) : (
        <div class="user-row">
          <div class="message-foot-user">
            <SiblingSwitcher
              label="Version"
              index={props.position.index}
              count={props.position.count}
              disabled={props.busy}
              onSwitch={props.onSwitch}
            />
            <button
              type="button"
              class="icon-button small"
              aria-label="Edit message"
              title="Edit and resend"
              disabled={props.busy}
              onClick={() => {
                setDraft(message.content);
                setEditing(true);
              }}
            >
              <EditIcon />
            </button>
          </div>
          <div class="user-text">{message.content}</div>
        </div>
      )}
    </article>
  );
}
