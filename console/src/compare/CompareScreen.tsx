// One prompt to two or three models side by side. The answers are siblings under one user
// message of a new conversation, so any of them can be carried on in the chat.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Attachment, Message } from '../api/types';
import { models as modelsState } from '../app/app-state';
import { sidebarOpen } from '../app/layout';
import { useObservable } from '../app/observable';
import { navigate } from '../app/router';
import { activeStore, ConversationStore } from '../chat/conversation-store';
import { AssistantMessage } from '../chat/view/AssistantMessage';
import { Composer } from '../chat/view/Composer';
import { EmptyState } from '../ui/EmptyState';
import { CloseIcon, CompareIcon, MenuIcon, PlusIcon } from '../ui/icons';
import { ModelPicker } from '../ui/ModelPicker';
import { standouts } from './standouts';

let compareStore = new ConversationStore();

export function resetCompare(): void {
  compareStore.stop();
  compareStore = new ConversationStore();
}

export function CompareScreen(): JSX.Element {
  const models = (useObservable(modelsState) ?? []).filter((m) => !m.embeddings);
  const [chosen, setChosen] = useState<string[]>([]);
  const store = compareStore;
  activeStore.current = store;
  const view = useObservable(store.view);
  useObservable(store.liveVersion);

  useEffect(() => {
    if (chosen.length === 0 && models.length > 0) {
      setChosen(models.slice(0, Math.min(3, models.length)).map((m) => m.id));
    }
  }, [models.length]);

  const lastUser = [...view.path].reverse().find((m) => m.role === 'user');
  const answers: Message[] = lastUser ? [...view.tree.children(lastUser.id)] : [];
  const conversation = view.conversation;
  const best = standouts(answers);

  const run = (text: string, attachments: Attachment[]) => {
    void store.compare(text, attachments, chosen);
  };

  const setColumn = (index: number, id: string) =>
    setChosen((list) => list.map((m, i) => (i === index ? id : m)));

  return (
    <main class="chat compare" aria-label="Compare models">
      <header class="chat-header">
        <button
          type="button"
          class="icon-button drawer-toggle"
          aria-label="Open conversations"
          onClick={() => sidebarOpen.set(true)}
        >
          <MenuIcon />
        </button>
        <div class="chat-title">
          <h1>Compare models</h1>
        </div>
        <div class="chat-tools">
          {conversation && (
            <button
              type="button"
              class="button button-small"
              disabled={store.streaming}
              onClick={() => {
                compareStore = new ConversationStore();
                navigate({ name: 'compare' }, true);
                setChosen([...chosen]);
              }}
            >
              New comparison
            </button>
          )}
        </div>
      </header>
      <div class="chat-body compare-body">
        {lastUser && (
          <div class="compare-prompt">
            <span class="compare-prompt-label">Prompt</span>
            <p>{lastUser.content}</p>
          </div>
        )}
        {models.length < 2 ? (
          <EmptyState title="Comparing needs two models" icon={<CompareIcon />}>
            <p>This key may use {models.length === 1 ? 'only one model' : 'no chat model'}.</p>
          </EmptyState>
        ) : (
          <div class={`compare-grid columns-${chosen.length}`}>
            {chosen.map((modelId, index) => {
              const answer = answers.find((a) => a.model === modelId) ?? answers[index];
              const info = models.find((m) => m.id === modelId);
              return (
                <section
                  key={index}
                  class="compare-column"
                  aria-label={`Column ${index + 1}: ${modelId}`}
                >
                  <div class="compare-column-head">
                    <ModelPicker
                      models={models}
                      value={modelId}
                      label={`Model ${index + 1}`}
                      exclude={chosen.filter((m) => m !== modelId)}
                      onChange={(id) => setColumn(index, id)}
                      compact
                    />
                    {answer && best.cheapest === answer.id && (
                      <span class="tag tag-good">Cheapest</span>
                    )}
                    {answer && best.fastest === answer.id && (
                      <span class="tag tag-good">Fastest</span>
                    )}
                    {chosen.length > 2 && !answer && (
                      <button
                        type="button"
                        class="icon-button small"
                        aria-label={`Remove ${modelId}`}
                        onClick={() => setChosen((list) => list.filter((_, i) => i !== index))}
                      >
                        <CloseIcon />
                      </button>
                    )}
                  </div>
                  {answer ? (
                    <AssistantMessage
                      message={answer}
                      live={store.live.get(answer.id) ?? null}
                      position={{ index: 0, count: 1 }}
                      busy={store.streaming}
                      onSwitch={() => undefined}
                      onRegenerate={() => void store.regenerate(answer.id, modelId)}
                    />
                  ) : (
                    <p class="compare-placeholder muted">
                      {info?.price
                        ? 'Waiting for a prompt.'
                        : 'Waiting for a prompt. Price unknown for this model.'}
                    </p>
                  )}
                  {answer && conversation && !store.live.has(answer.id) && (
                    <button
                      type="button"
                      class="button button-small continue"
                      onClick={() => {
                        void store
                          .setActiveLeaf(answer.id)
                          .then(() =>
                            navigate({ name: 'chat', id: conversation.id, messageId: null }),
                          );
                      }}
                    >
                      Continue with this answer
                    </button>
                  )}
                </section>
              );
            })}
            {chosen.length < 3 && models.length > chosen.length && !lastUser && (
              <button
                type="button"
                class="compare-add"
                onClick={() => {
                  const next = models.find((m) => !chosen.includes(m.id));
                  if (next) setChosen([...chosen, next.id]);
                }}
              >
                <PlusIcon /> Add a third model
              </button>
            )}
          </div>
        )}
      </div>
      <div class="composer-wrap">
        <Composer
          model={models.find((m) => m.id === chosen[0])}
          streaming={store.streaming}
          disabledReason={models.length < 2 ? 'Comparing needs two models.' : null}
          placeholder={`Ask ${chosen.length} models at once…`}
          onSend={run}
          onStop={() => store.stop()}
        />
      </div>
    </main>
  );
}
