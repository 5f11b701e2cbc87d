import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/http';
import type { Message } from '../../api/types';
import { account } from '../../app/app-state';
import { explainRefusal, type Explanation } from '../../format/refusal';
import { copyText } from '../../markdown/copy-text';
import { MarkdownView } from '../../markdown/MarkdownView';
import { CopyIcon, RegenerateIcon, WarningIcon } from '../../ui/icons';
import type { LiveAnswer } from '../live-answer';
import { CostLine } from './CostLine';
import { LiveText } from './LiveText';
import { SiblingSwitcher } from './SiblingSwitcher';

interface AssistantMessageProps {
  message: Message;
  live: LiveAnswer | null;
  position: { index: number; count: number };
  /** How this page explained the refusal when it happened, if it did. */
  explanation?: Explanation | null;
  busy: boolean;
  onSwitch: (offset: number) => void;
  onRegenerate: () => void;
  onGrow?: () => void;
}

function useLivePhase(live: LiveAnswer | null): string {
  const [phase, setPhase] = useState(live?.phase ?? 'ended');
  const [hasReasoning, setHasReasoning] = useState(Boolean(live?.reasoning));
  useEffect(() => {
    if (!live) return;
    return live.subscribe(() => {
      setPhase(live.phase);
      if (live.reasoning) setHasReasoning(true);
    });
  }, [live]);
  return `${phase}:${hasReasoning}`;
}

export function AssistantMessage(props: AssistantMessageProps): JSX.Element {
  const { message, live } = props;
  const phaseKey = useLivePhase(live);
  const streaming = live !== null && live.phase !== 'ended';
  const reasoning = live ? live.reasoning : (message.reasoning ?? '');
  const showReasoning = live ? phaseKey.endsWith(':true') : Boolean(message.reasoning);
  const waiting = live !== null && live.phase === 'waiting';

  const error = message.status === 'error' && message.error ? message.error : null;
  const explanation = error
    ? (props.explanation ??
      explainRefusal(new ApiError(error.status, error.code, error.message), {
        model: message.model,
        budget: account.get()?.budget ?? null,
        teamBudget: account.get()?.team_budget ?? null,
      }))
    : null;
  const incomplete = message.status === 'incomplete' && !live;
  const stopped = message.error?.code === 'stopped';

  return (
    <article
      class={`message message-assistant ${streaming ? 'is-streaming' : ''}`}
      aria-label={`Answer from ${message.model ?? 'the model'}`}
      data-message-id={message.id}
    >
      <header class="message-head">
        <span class="message-model">{message.model ?? 'assistant'}</span>
        {streaming && (
          <span class="status-pill" role="status">
            {waiting ? 'Waiting for the first token…' : 'Writing…'}
          </span>
        )}
      </header>
      {showReasoning && (
        <details class="reasoning">
          <summary>{streaming && !live?.content ? 'Thinking…' : 'Reasoning'}</summary>
          <LiveText live={live} text={reasoning} />
        </details>
      )}
      {waiting && (
        <div class="typing" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
      )}
      <MarkdownView source={message.content} live={live} onGrow={props.onGrow} />
      {explanation && (
        <div class="message-error" role="alert">
          <WarningIcon />
          <div>
            <strong>{explanation.title}</strong>
            <p>{explanation.detail}</p>
          </div>
        </div>
      )}
      {incomplete && (
        <div class="message-notice">
          <span>
            {stopped
              ? 'Stopped before the answer ended.'
              : 'This answer was cut off before it ended.'}
          </span>
          <button
            type="button"
            class="button button-small"
            disabled={props.busy}
            onClick={props.onRegenerate}
          >
            Retry
          </button>
        </div>
      )}
      <footer class="message-foot">
        <CostLine message={message} live={live} />
        <div class="message-actions">
          <SiblingSwitcher
            label="Answer"
            index={props.position.index}
            count={props.position.count}
            disabled={props.busy}
            onSwitch={props.onSwitch}
          />
          {!streaming && (
            <>
              <button
                type="button"
                class="icon-button small"
                aria-label="Copy answer"
                title="Copy answer"
                onClick={() => void copyText(message.content)}
              >
                <CopyIcon />
              </button>
              <button
                type="button"
                class="icon-button small"
                aria-label="Regenerate answer"
                title="Regenerate"
                disabled={props.busy}
                onClick={props.onRegenerate}
              >
                <RegenerateIcon />
              </button>
            </>
          )}
        </div>
      </footer>
    </article>
  );
}
