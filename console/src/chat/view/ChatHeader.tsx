import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../api/console';
import type { ModelInfo } from '../../api/types';
import { removeConversation, reportError } from '../../app/app-state';
import { navigate } from '../../app/router';
import { formatUsdShort } from '../../format/cost';
import { downloadExport } from '../../history/export';
import { ConfirmDialog } from '../../ui/Dialog';
import { DotsIcon, MenuIcon, SlidersIcon } from '../../ui/icons';
import { Menu } from '../../ui/Menu';
import { ModelPicker } from '../../ui/ModelPicker';
import { forgetStore, type ConversationStore } from '../conversation-store';
import { ChatSettingsDialog } from './ChatSettingsDialog';
import { useObservable } from '../../app/observable';
import { sidebarOpen } from '../../app/layout';

export function ChatHeader({
  store,
  models,
}: {
  store: ConversationStore;
  models: readonly ModelInfo[];
}): JSX.Element {
  const view = useObservable(store.view);
  const draft = useObservable(store.draft);
  const conversation = view.conversation;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const model = store.model;
  const modelInfo = models.find((m) => m.id === model);

  const title = conversation?.title || 'New chat';
  const total = conversation?.cost_usd ?? null;

  return (
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
        {renaming && conversation ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const input = event.currentTarget.elements.namedItem('title') as HTMLInputElement;
              const next = input.value.trim();
              setRenaming(false);
              if (next && next !== conversation.title) void store.rename(next);
            }}
          >
            <label for="rename-input" class="visually-hidden">
              Conversation title
            </label>
            <input
              id="rename-input"
              name="title"
              class="rename-input"
              defaultValue={conversation.title ?? ''}
              ref={(el) => el?.focus()}
              onBlur={() => setRenaming(false)}
              onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setRenaming(false))}
            />
          </form>
        ) : (
          <h1 title={title}>{title}</h1>
        )}
        {total !== null && total > 0 && (
          <span class="chat-total" title="Cost of this conversation so far">
            {formatUsdShort(total)}
          </span>
        )}
      </div>
      <div class="chat-tools">
        {models.length > 0 && (
          <ModelPicker models={models} value={model} onChange={(id) => void store.setModel(id)} />
        )}
        <button
          type="button"
          class="icon-button"
          aria-label="Chat settings"
          title="Chat settings"
          onClick={() => setSettingsOpen(true)}
        >
          <SlidersIcon />
        </button>
        {conversation && (
          <Menu
            label="Conversation actions"
            icon={<DotsIcon />}
            items={[
              { label: 'Rename', onSelect: () => setRenaming(true) },
              {
                label: 'Export as Markdown',
                onSelect: () => void downloadExport(conversation.id, 'markdown').catch(reportError),
              },
              {
                label: 'Export as JSON',
                onSelect: () => void downloadExport(conversation.id, 'json').catch(reportError),
              },
              { label: 'Delete…', danger: true, onSelect: () => setConfirmDelete(true) },
            ]}
          />
        )}
      </div>
      <ChatSettingsDialog
        open={settingsOpen}
        settings={conversation?.settings ?? draft.settings}
        systemPrompt={conversation ? conversation.system_prompt : draft.systemPrompt}
        reasoningModel={modelInfo?.reasoning ?? false}
        onSave={(settings, prompt) => void store.setSettings(settings, prompt)}
        onClose={() => setSettingsOpen(false)}
      />
      {conversation && (
        <ConfirmDialog
          open={confirmDelete}
          title="Delete this conversation?"
          message={`“${title}” and all its messages will be deleted. This cannot be undone.`}
          confirmLabel="Delete"
          danger
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => {
            const id = conversation.id;
            forgetStore(id);
            void api
              .deleteConversation(id)
              .then(() => {
                removeConversation(id);
                navigate({ name: 'home' }, true);
              })
              .catch(reportError);
          }}
        />
      )}
    </header>
  );
}
