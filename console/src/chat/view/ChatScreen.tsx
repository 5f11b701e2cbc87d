// The chat: header, the conversation (or a welcome for a new one), and the composer.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { BudgetNotice } from '../../account/BudgetNotice';
import { loadModels, models as modelsState, modelsError, preferences } from '../../app/app-state';
import { useObservable } from '../../app/observable';
import { navigate } from '../../app/router';
import { priceLabel } from '../../ui/model-filter';
import { EmptyState } from '../../ui/EmptyState';
import { ChatIcon, WarningIcon } from '../../ui/icons';
import { MOD_KEY } from '../../ui/platform';
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
  // Keyed by route, so one store per mount; a new chat's store carries on under its new id.
  const [store] = useState(() => storeFor(id));
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

  // A new chat gets its address as soon as the server has created it, while it streams.
  const createdId = view.conversation?.id;
  useEffect(() => {
    if (!id && createdId) navigate({ name: 'chat', id: createdId, messageId: null }, true);
  }, [createdId]);

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
            <kbd>{MOD_KEY}</kbd>+<kbd>K</kbd> searches your conversations
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
        <BudgetNotice />
        {chatModels.length > 0 && (
          <Composer
            key={id ?? 'new'}
            model={modelInfo}
            streaming={store.streaming}
            disabledReason={null}
            onSend={(text, attachments) => void store.send(text, attachments)}
            onStop={() => store.stop()}
            autoFocus
          />
        )}
        <p class="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </div>
    </main>
  );
}
