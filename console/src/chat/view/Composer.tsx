// Where a prompt is written: Enter sends, Shift+Enter breaks the line, files attach.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Attachment, ModelInfo } from '../../api/types';
import { AttachIcon, CloseIcon, FileIcon, SendIcon, StopIcon } from '../../ui/icons';
import { AttachmentError, readAttachment } from '../attachments';

interface ComposerProps {
  model: ModelInfo | undefined;
  streaming: boolean;
  disabledReason: string | null;
  onSend: (text: string, attachments: Attachment[]) => void;
  onStop: () => void;
  placeholder?: string;
  autoFocus?: boolean;
}

export function Composer(props: ComposerProps): JSX.Element {
  const [text, setText] = useState('');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (props.autoFocus) area.current?.focus();
  }, []);

  // Grow with the text up to a cap; the style property is set from script (CSP-safe).
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [text]);

  const hasImage = attachments.some((a) => a.kind === 'image');
  const visionProblem =
    hasImage && props.model && !props.model.vision
      ? `${props.model.id} does not read images. Pick a vision model or remove the image.`
      : null;
  const blocked = props.disabledReason ?? visionProblem;
  const canSend = !props.streaming && !blocked && (text.trim() !== '' || attachments.length > 0);

  const send = () => {
    if (!canSend) return;
    props.onSend(text.trim(), attachments);
    setText('');
    setAttachments([]);
    setProblem(null);
  };

  const addFiles = async (files: Iterable<File>) => {
    setProblem(null);
    for (const file of files) {
      try {
        const attachment = await readAttachment(file);
        setAttachments((list) => [...list, attachment]);
      } catch (error) {
        setProblem(error instanceof AttachmentError ? error.message : String(error));
      }
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        if (event.dataTransfer?.files) void addFiles(Array.from(event.dataTransfer.files));
      }}
    >
      {attachments.length > 0 && (
        <ul class="composer-attachments" aria-label="Attachments">
          {attachments.map((attachment, index) => (
            <li key={index} class="chip">
              {attachment.kind === 'image' ? (
                <img src={attachment.data_url} alt="" class="chip-thumb" />
              ) : (
                <FileIcon />
              )}
              <span>{attachment.kind === 'image' ? 'Image' : attachment.name}</span>
              <button
                type="button"
                class="icon-button small"
                aria-label={`Remove ${attachment.kind === 'image' ? 'image' : attachment.name}`}
                onClick={() => setAttachments((list) => list.filter((_, i) => i !== index))}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      {(problem || blocked) && (
        <p class="composer-problem" role="alert">
          {problem ?? blocked}
        </p>
      )}
      <div class="composer-row">
        <button
          type="button"
          class="icon-button"
          aria-label="Attach files"
          title="Attach images or text files"
          onClick={() => fileInput.current?.click()}
        >
          <AttachIcon />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          class="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          accept="image/png,image/jpeg,image/gif,image/webp,text/*,.md,.json,.csv,.yaml,.yml,.py,.ts,.tsx,.js,.go,.rs,.java,.c,.cpp,.h,.sh,.sql,.toml"
          onChange={(event) => {
            const input = event.currentTarget;
            if (input.files) void addFiles(Array.from(input.files));
            input.value = '';
          }}
        />
        <label for="composer-input" class="visually-hidden">
          Message
        </label>
        <textarea
          id="composer-input"
          ref={area}
          rows={1}
          value={text}
          placeholder={props.placeholder ?? 'Message…'}
          onInput={(event) => setText(event.currentTarget.value)}
          onPaste={(event) => {
            const files = Array.from(event.clipboardData?.files ?? []);
            if (files.length > 0) {
              event.preventDefault();
              void addFiles(files);
            }
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              send();
            }
          }}
        />
        {props.streaming ? (
          <button
            type="button"
            class="send-button is-stop"
            aria-label="Stop answer (Esc)"
            title="Stop (Esc)"
            onClick={props.onStop}
          >
            <StopIcon />
          </button>
        ) : (
          <button
            type="submit"
            class="send-button"
            aria-label="Send (Enter)"
            title="Send (Enter)"
            disabled={!canSend}
          >
            <SendIcon />
          </button>
        )}
      </div>
    </form>
  );
}
