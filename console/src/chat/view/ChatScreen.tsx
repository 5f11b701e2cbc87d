// The chat: header, the conversation (or a welcome for a new one), and the composer.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadModels, models as modelsState, modelsError, preferences } from '../../app/app-state';
import { useObservable } from '../../app/observable';
import { navigate } from '../../app/router';
import { priceLabel } from '../../ui/model-filter';
import { EmptyState } from '../../ui/EmptyState';
import { ChatIcon, WarningIcon } from '../../ui/icons';
import { activeStore, defaultModel, storeFor } from '../conversation-store';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { MessageList } from './MessageList';

export function ChatScreen({
  id,
  focusMessageId,
}: {
  id: string | null;
  focusMessageId: string | null;
}): JSX.Element {
  const store = storeFor(id);
  activeStore.current = store;
  const view = useObservable(store.view);
  const liveVersion = useObservable(store.liveVersion);
  useObservable(store.draft);
  useObservable(preferences);
  const models = useObservable(modelsState) ?? [];
  const modelsProblem = useObservable(modelsError);
  const [announcement, setAnnouncement] = useState('');
  const chatModels = models.filter((m) => !m.embeddings);

  useEffect(() => {
    if (!id && !store.draft.get().model) store.reset();
  }, [id, models.length]);

  useEffect(() => {
    setAnnouncement(
      store.streaming ? 'Answer streaming…' : liveVersion > 0 ? 'Answer complete.' : '',
    );
  }, [liveVersion]);

  const model = store.model ?? defaultModel();
  const modelInfo = models.find((m) => m.id === model);

  const send = async (text: string, attachments: Parameters<typeof store.send>[1]) => {
    const conversationId = await store.send(text, attachments);
    if (conversationId && conversationId !== id)
      navigate({ name: 'chat', id: conversationId, messageId: null }, !id);
  };

  let body: JSX.Element;
  if (view.error) {
    const notFound = view.error.status === 404;
    body = (
      <EmptyState
        title={notFound ? 'Conversation not found' : 'Could not open this conversation'}
        tone="error"
        icon={<WarningIcon />}
      >
        <p>
          {notFound
            ? 'It may have been deleted, or it belongs to another key.'
            : view.error.message}
        </p>
        <div class="empty-actions">
          {!notFound && id && (
            <button type="button" class="button" onClick={() => void store.open(id)}>
              Try again
            </button>
          )}
          <a class="button button-primary" href="#/">
            New chat
          </a>
        </div>
      </EmptyState>
    );
  } else if (view.loading) {
    body = (
      <div class="loading" role="status">
        Opening…
      </div>
    );
  } else if (chatModels.length === 0) {
    body = (
      <EmptyState title="No models for this key" tone="error" icon={<WarningIcon />}>
        <p>
          {modelsProblem
            ? `keygate did not list the models: ${modelsProblem.message}`
            : 'This key may not use any chat model. Ask whoever runs keygate to allow one, or sign in with another key.'}
        </p>
        <button type="button" class="button" onClick={() => void loadModels()}>
          Check again
        </button>
      </EmptyState>
    );
  } else if (view.path.length === 0) {
    body = (
      <EmptyState title="What shall we work on?" icon={<ChatIcon />}>
        <p>
          Answers come from <strong>{model}</strong>
          {modelInfo && <> ({modelInfo.providers.join(', ')})</>}.
          <br />
          {modelInfo?.price ? `${priceLabel(modelInfo)} tokens. ` : ''}Every answer shows what it
          cost.
        </p>
        <ul class="hints">
          <li>
            <kbd>Enter</kbd> sends, <kbd>Shift</kbd>+<kbd>Enter</kbd> adds a line
          </li>
          <li>
            <kbd>Esc</kbd> stops an answer
          </li>
          <li>
            <kbd>Ctrl</kbd>+<kbd>K</kbd> searches your conversations
          </li>
        </ul>
      </EmptyState>
    );
  } else {
    body = <MessageList store={store} focusMessageId={focusMessageId} />;
  }

  return (
    <main class="chat" aria-label="Chat">
      <ChatHeader store={store} models={chatModels} />
      <div class="chat-body">{body}</div>
      <div class="composer-wrap">
        <Composer
          key={id ?? 'new'}
          model={modelInfo}
          streaming={store.streaming}
          disabledReason={chatModels.length === 0 ? 'No model to send to.' : null}
          onSend={(text, attachments) => void send(text, attachments)}
          onStop={() => store.stop()}
          autoFocus
        />
        <p class="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </div>
    </main>
  );
}
