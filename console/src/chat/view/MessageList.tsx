// The active path of a conversation. Only the newest messages are mounted at first; earlier
// ones mount in pages as the reader scrolls up, and each message skips layout and paint
// while off screen (content-visibility), so a long conversation opens at once.
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useObservable } from '../../app/observable';
import type { ConversationStore } from '../conversation-store';
import { AssistantMessage } from './AssistantMessage';
import { UserMessage } from './UserMessage';

const PAGE = 40;

interface MessageListProps {
  store: ConversationStore;
  focusMessageId: string | null;
}

export function MessageList({ store, focusMessageId }: MessageListProps): JSX.Element {
  const view = useObservable(store.view);
  useObservable(store.liveVersion);
  const { path, tree, conversation } = view;
  const [count, setCount] = useState(PAGE);
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const busy = store.streaming;

  const scrollToBottom = () => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  };

  // While the reader is at the end, the end stays in view as answers grow, code is
  // highlighted and math typeset: any change of the column's height scrolls it down.
  useEffect(() => {
    const column = scroller.current?.firstElementChild;
    if (!column) return;
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current) scrollToBottom();
    });
    observer.observe(column);
    return () => observer.disconnect();
  }, []);

  // A different conversation starts at its end.
  useLayoutEffect(() => {
    setCount(PAGE);
    stickToBottom.current = true;
    scrollToBottom();
  }, [conversation?.id]);

  // New messages (sent, regenerated) bring the view down if it was there.
  useLayoutEffect(() => {
    if (stickToBottom.current) scrollToBottom();
  }, [path.length, path.at(-1)?.id]);

  // Jump to a message found by search.
  useEffect(() => {
    if (!focusMessageId) return;
    const index = path.findIndex((m) => m.id === focusMessageId);
    if (index === -1) return;
    if (path.length - index > count) {
      setCount(path.length - index + 5);
      return;
    }
    const element = scroller.current?.querySelector<HTMLElement>(
      `[data-message-id="${CSS.escape(focusMessageId)}"]`,
    );
    if (element) {
      stickToBottom.current = false;
      element.scrollIntoView({ block: 'center' });
      element.classList.add('is-found');
      setTimeout(() => element.classList.remove('is-found'), 2400);
    }
  }, [focusMessageId, path, count]);

  useEffect(() => {
    const target = sentinel.current;
    const root = scroller.current;
    if (!target || !root) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setCount((c) => c + PAGE);
      },
      { root, rootMargin: '600px 0px 0px 0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [path.length > count]);

  const start = Math.max(0, path.length - count);
  const visible = path.slice(start);

  return (
    <div
      class="message-scroller"
      ref={scroller}
      onScroll={(event) => {
        const el = event.currentTarget;
        stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      <div class="message-column">
        {start > 0 && (
          <div class="earlier" ref={sentinel}>
            {start} earlier messages
          </div>
        )}
        {visible.map((message) => {
          const position = tree.siblingPosition(message.id);
          const onSwitch = (offset: number) => void store.switchSibling(message.id, offset);
          return message.role === 'user' ? (
            <UserMessage
              key={message.id}
              message={message}
              position={position}
              busy={busy}
              onSwitch={onSwitch}
              onEdit={(text) => void store.editAndResend(message.id, text)}
            />
          ) : (
            <AssistantMessage
              key={message.id}
              message={message}
              live={store.live.get(message.id) ?? null}
              explanation={store.explanations.get(message.id) ?? null}
              position={position}
              busy={busy}
              onSwitch={onSwitch}
              onRegenerate={() => void store.regenerate(message.id)}
            />
          );
        })}
      </div>
    </div>
  );
}
