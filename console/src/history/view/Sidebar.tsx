// Conversations by date, the way to a new chat, compare, search and settings, and the key.
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { AccountPanel } from '../../account/AccountPanel';
import { api } from '../../api/console';
import type { ConversationSummary } from '../../api/types';
import {
  conversations as conversationsState,
  loadConversations,
  removeConversation,
  reportError,
  session,
  upsertConversation,
} from '../../app/app-state';
import { searchOpen, sidebarOpen } from '../../app/layout';
import { useObservable } from '../../app/observable';
import { navigate, route as routeState } from '../../app/router';
import { forgetStore } from '../../chat/conversation-store';
import { ConfirmDialog } from '../../ui/Dialog';
import {
  ChartIcon,
  CloseIcon,
  CompareIcon,
  PlusIcon,
  SearchIcon,
  SettingsIcon,
  SignOutIcon,
} from '../../ui/icons';
import { MOD_KEY } from '../../ui/platform';
import { groupByDate } from '../group-by-date';
import { ConversationRow } from './ConversationRow';

export function Sidebar({ onSignOut }: { onSignOut: () => void }): JSX.Element {
  const list = useObservable(conversationsState);
  const route = useObservable(routeState);
  const open = useObservable(sidebarOpen);
  const signed = useObservable(session);
  const [toDelete, setToDelete] = useState<ConversationSummary | null>(null);
  const groups = useMemo(() => groupByDate(list.items), [list.items]);
  const currentId = route.name === 'chat' ? route.id : null;
  const close = () => sidebarOpen.set(false);

  const rename = (conversation: ConversationSummary, title: string) => {
    upsertConversation({ ...conversation, title });
    void api.patchConversation(conversation.id, { title }).catch(reportError);
  };

  const remove = (conversation: ConversationSummary) => {
    forgetStore(conversation.id);
    void api
      .deleteConversation(conversation.id)
      .then(() => {
        removeConversation(conversation.id);
        if (currentId === conversation.id) navigate({ name: 'home' }, true);
      })
      .catch(reportError);
  };

  const key = signed?.key;
  return (
    <>
      <div class={`scrim ${open ? 'is-open' : ''}`} onClick={close} aria-hidden="true" />
      <nav class={`sidebar ${open ? 'is-open' : ''}`} aria-label="Conversations">
        <div class="sidebar-top">
          <a href="#/" class="brand" onClick={close}>
            <span class="brand-mark" aria-hidden="true">
              kg
            </span>
            keygate
          </a>
          <button
            type="button"
            class="icon-button drawer-close"
            aria-label="Close conversations"
            onClick={close}
          >
            <CloseIcon />
          </button>
        </div>
        <div class="sidebar-actions">
          <a href="#/" class="button button-primary new-chat" onClick={close}>
            <PlusIcon /> New chat
          </a>
          <div class="sidebar-tools">
            <button
              type="button"
              class="tool"
              onClick={() => {
                close();
                searchOpen.set(true);
              }}
            >
              <SearchIcon /> Search{' '}
              <kbd class="kbd-hint">
                {/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl K'}
              </kbd>
            </button>
            <a
              href="#/compare"
              class={`tool ${route.name === 'compare' ? 'is-current' : ''}`}
              aria-current={route.name === 'compare' ? 'page' : undefined}
              onClick={close}
            >
              <CompareIcon /> Compare models
            </a>
            <a
              href="#/admin/spend"
              class={`tool ${route.name === 'admin' ? 'is-current' : ''}`}
              aria-current={route.name === 'admin' ? 'page' : undefined}
              onClick={close}
            >
              <ChartIcon />{' '}
              {key?.master || !signed?.auth_required ? 'Spend and admin' : 'Usage and spend'}
            </a>
          </div>
        </div>
        <div class="conversation-groups">
          {list.error && (
            <div class="sidebar-note is-error" role="alert">
              <p>Could not load conversations: {list.error.message}</p>
              <button
                type="button"
                class="button button-small"
                onClick={() => void loadConversations()}
              >
                Try again
              </button>
            </div>
          )}
          {list.loaded && !list.error && list.items.length === 0 && (
            <div class="sidebar-note">
              <p>No conversations yet.</p>
              <p class="muted">They appear here, by date, once you send a message.</p>
            </div>
          )}
          {groups.map((group) => (
            <section key={group.label} class="conversation-group" aria-label={group.label}>
              <h2 class="group-label">{group.label}</h2>
              <ul>
                {group.conversations.map((conversation) => (
                  <ConversationRow
                    key={conversation.id}
                    conversation={conversation}
                    current={conversation.id === currentId}
                    onOpen={close}
                    onRename={(title) => rename(conversation, title)}
                    onDelete={() => setToDelete(conversation)}
                  />
                ))}
              </ul>
            </section>
          ))}
          {list.next && (
            <button
              type="button"
              class="button button-small load-more"
              onClick={() => void loadConversations(true)}
            >
              Load older
            </button>
          )}
        </div>
        <div class="sidebar-bottom">
          <AccountPanel />
          <div class="key-row">
            <span class="key-name" title={key?.id}>
              {key?.alias || key?.id || 'local'}
              {key?.master && <span class="tag">master</span>}
            </span>
            <a
              href="#/settings"
              class={`icon-button ${route.name === 'settings' ? 'is-current' : ''}`}
              aria-label="Settings"
              title="Settings"
              aria-current={route.name === 'settings' ? 'page' : undefined}
              onClick={close}
            >
              <SettingsIcon />
            </a>
            {signed?.auth_required && (
              <button
                type="button"
                class="icon-button"
                aria-label="Sign out"
                title="Sign out"
                onClick={onSignOut}
              >
                <SignOutIcon />
              </button>
            )}
          </div>
        </div>
      </nav>
      <ConfirmDialog
        open={toDelete !== null}
        title="Delete this conversation?"
        message={`“${toDelete?.title || 'New chat'}” and all its messages will be deleted. This cannot be undone.`}
        confirmLabel="Delete"
        danger
        onClose={() => setToDelete(null)}
        onConfirm={() => toDelete && remove(toDelete)}
      />
    </>
  );
}
