// The console endpoints, one function each.
import { request, requestJson, setCsrfToken } from './http';
import { normalizeConversation, normalizeMessage } from './normalize';
import type {
  Account,
  Conversation,
  ConversationPage,
  ConversationPatch,
  ConversationSummary,
  Message,
  MessagePatch,
  ModelInfo,
  NewMessage,
  Preferences,
  SearchResult,
  SessionState,
} from './types';

const enc = encodeURIComponent;

async function adoptSession(state: SessionState): Promise<SessionState> {
  setCsrfToken(state.csrf_token ?? null);
  return state;
}

export const api = {
  getSession: () => requestJson<SessionState>('GET', '/console/session').then(adoptSession),
  signIn: (key: string) =>
    requestJson<SessionState>('POST', '/console/session', { key }).then(adoptSession),
  signOut: async () => {
    await request('DELETE', '/console/session');
    setCsrfToken(null);
  },

  models: () => requestJson<ModelInfo[]>('GET', '/console/models'),
  account: () => requestJson<Account>('GET', '/console/account'),

  listConversations: (before?: string | null, limit = 50) =>
    requestJson<ConversationPage>(
      'GET',
      `/console/conversations?limit=${limit}${before ? `&before=${enc(before)}` : ''}`,
    ),
  createConversation: (init: ConversationPatch) =>
    requestJson<Conversation>('POST', '/console/conversations', init).then(normalizeConversation),
  getConversation: (id: string) =>
    requestJson<Conversation>('GET', `/console/conversations/${enc(id)}`).then(
      normalizeConversation,
    ),
  patchConversation: (id: string, patch: ConversationPatch) =>
    requestJson<ConversationSummary>('PATCH', `/console/conversations/${enc(id)}`, patch),
  deleteConversation: (id: string) =>
    request('DELETE', `/console/conversations/${enc(id)}`).then(() => undefined),

  addMessage: (conversationId: string, message: NewMessage) =>
    requestJson<Message>(
      'POST',
      `/console/conversations/${enc(conversationId)}/messages`,
      message,
    ).then(normalizeMessage),
  patchMessage: (conversationId: string, messageId: string, patch: MessagePatch) =>
    requestJson<Message>(
      'PATCH',
      `/console/conversations/${enc(conversationId)}/messages/${enc(messageId)}`,
      patch,
    ).then(normalizeMessage),

  search: (q: string, limit = 20) =>
    requestJson<{ results: SearchResult[] }>(
      'GET',
      `/console/search?q=${enc(q)}&limit=${limit}`,
    ).then((r) => r.results),

  exportConversation: (id: string, format: 'markdown' | 'json') =>
    request('GET', `/console/conversations/${enc(id)}/export?format=${format}`),
  importConversations: (json: string) =>
    requestJson<{ imported: number }>('POST', '/console/import', json),

  getPreferences: () => requestJson<Preferences>('GET', '/console/preferences'),
  putPreferences: (prefs: Preferences) =>
    requestJson<Preferences>('PUT', '/console/preferences', prefs),
};
