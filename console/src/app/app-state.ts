// What the whole app shares: the session, the key's models, account and preferences, and
// the list of conversations.
import { api } from '../api/console';
import { ApiError } from '../api/http';
import type {
  Account,
  ConversationSummary,
  ModelInfo,
  Preferences,
  SessionState,
} from '../api/types';
import { explainRefusal } from '../format/refusal';
import { Observable } from './observable';
import { showToast } from './toasts';

export const session = new Observable<SessionState | null>(null);
export const sessionError = new Observable<ApiError | null>(null);
export const models = new Observable<ModelInfo[] | null>(null);
export const modelsError = new Observable<ApiError | null>(null);
export const account = new Observable<Account | null>(null);
export const preferences = new Observable<Preferences>({});

export interface ConversationList {
  items: ConversationSummary[];
  next: string | null;
  loaded: boolean;
  error: ApiError | null;
}

export const conversations = new Observable<ConversationList>({
  items: [],
  next: null,
  loaded: false,
  error: null,
});

export function reportError(error: unknown, model?: string | null): void {
  if (error instanceof ApiError) {
    const explanation = explainRefusal(error, {
      model: model ?? null,
      budget: account.get()?.budget ?? null,
      teamBudget: account.get()?.team_budget ?? null,
    });
    if (explanation.signIn) {
      session.set({ signed_in: false, auth_required: true });
    }
    showToast({ kind: 'error', title: explanation.title, detail: explanation.detail });
  } else {
    showToast({ kind: 'error', title: 'Something went wrong', detail: String(error) });
  }
}

export async function loadSession(): Promise<void> {
  try {
    sessionError.set(null);
    session.set(await api.getSession());
  } catch (error) {
    sessionError.set(error instanceof ApiError ? error : new ApiError(0, 'network', String(error)));
  }
}

export async function loadModels(): Promise<void> {
  try {
    modelsError.set(null);
    models.set(await api.models());
  } catch (error) {
    modelsError.set(error instanceof ApiError ? error : null);
    models.set([]);
  }
}

export async function refreshAccount(): Promise<void> {
  try {
    account.set(await api.account());
  } catch {
    // The account panel keeps its last figures; the next answer refreshes them.
  }
}

export async function loadPreferences(): Promise<void> {
  try {
    preferences.set((await api.getPreferences()) ?? {});
  } catch {
    preferences.set({});
  }
}

export async function savePreferences(next: Preferences): Promise<void> {
  const previous = preferences.get();
  preferences.set(next);
  try {
    await api.putPreferences(next);
  } catch (error) {
    preferences.set(previous);
    reportError(error);
  }
}

export async function loadConversations(more = false): Promise<void> {
  const current = conversations.get();
  try {
    const page = await api.listConversations(more ? current.next : null);
    const items = more ? [...current.items, ...page.conversations] : page.conversations;
    conversations.set({ items, next: page.next, loaded: true, error: null });
  } catch (error) {
    conversations.set({
      ...current,
      loaded: true,
      error: error instanceof ApiError ? error : new ApiError(0, 'network', String(error)),
    });
  }
}

/** Keeps the sidebar in step without refetching it. */
export function upsertConversation(summary: ConversationSummary): void {
  conversations.update((list) => ({
    ...list,
    items: [summary, ...list.items.filter((c) => c.id !== summary.id)],
  }));
}

export function removeConversation(id: string): void {
  conversations.update((list) => ({ ...list, items: list.items.filter((c) => c.id !== id) }));
}

export async function startSignedIn(): Promise<void> {
  await Promise.all([loadModels(), refreshAccount(), loadPreferences(), loadConversations()]);
}

export function signedOutReset(): void {
  models.set(null);
  account.set(null);
  preferences.set({});
  conversations.set({ items: [], next: null, loaded: false, error: null });
}

export function findModel(id: string | null | undefined): ModelInfo | undefined {
  if (!id) return undefined;
  return models.get()?.find((m) => m.id === id);
}
