// One conversation as the chat screen sees it, and everything that changes it: sending,
// editing into a new branch, regenerating, comparing models, switching branches, stopping.
import { api } from '../api/console';
import { ApiError } from '../api/http';
import type {
  Attachment,
  ChatSettings,
  Conversation,
  ConversationSummary,
  Message,
} from '../api/types';
import {
  account,
  findModel,
  models,
  preferences,
  refreshAccount,
  reportError,
  upsertConversation,
} from '../app/app-state';
import { Observable } from '../app/observable';
import { sumNanos } from '../format/cost';
import type { Explanation } from '../format/refusal';
import { cleanTitle, generateTitle, titleFromPrompt } from './auto-title';
import { buildChatRequest } from './build-request';
import { LiveAnswer } from './live-answer';
import { MessageTree } from './message-tree';
import { runAnswer } from './run-answer';

export interface ChatView {
  conversation: Conversation | null;
  tree: MessageTree;
  path: Message[];
  loading: boolean;
  error: ApiError | null;
}

/** What a new chat starts with before its first message creates it on the server. */
export interface Draft {
  model: string | null;
  systemPrompt: string | null;
  settings: ChatSettings;
}

function emptyView(): ChatView {
  return { conversation: null, tree: new MessageTree([]), path: [], loading: false, error: null };
}

export function defaultModel(): string | null {
  const list = models.get() ?? [];
  const preferred = preferences.get().default_model;
  if (preferred && list.some((m) => m.id === preferred)) return preferred;
  return list.find((m) => !m.embeddings)?.id ?? null;
}

export class ConversationStore {
  readonly view = new Observable<ChatView>(emptyView());
  readonly draft = new Observable<Draft>({ model: null, systemPrompt: null, settings: {} });
  /** Bumped whenever a live answer starts or ends, so views pick up `live`. */
  readonly liveVersion = new Observable(0);
  readonly live = new Map<string, LiveAnswer>();
  /** Refusals met on this page, explained with what only the response knew (retry-after). */
  readonly explanations = new Map<string, Explanation>();
  private readonly controllers = new Map<string, AbortController>();

  get conversation(): Conversation | null {
    return this.view.get().conversation;
  }

  get streaming(): boolean {
    return this.controllers.size > 0;
  }

  /** The model the next message goes to. */
  get model(): string | null {
    return this.conversation?.model ?? this.draft.get().model ?? defaultModel();
  }

  async open(id: string): Promise<void> {
    this.view.set({ ...emptyView(), loading: true });
    try {
      const conversation = await api.getConversation(id);
      this.setConversation(conversation);
    } catch (error) {
      this.view.set({
        ...emptyView(),
        error: error instanceof ApiError ? error : new ApiError(0, 'network', String(error)),
      });
    }
  }

  reset(): void {
    this.view.set(emptyView());
    this.draft.set({ model: defaultModel(), systemPrompt: null, settings: {} });
  }

  // ---- sending ----

  /** Sends a prompt after the current path's last message; creates the conversation if new. */
  async send(text: string, attachments: Attachment[]): Promise<string | null> {
    const model = this.model;
    return model ? this.compare(text, attachments, [model]) : null;
  }

  /** The same prompt to several models at once: sibling answers under one user message. */
  async compare(
    text: string,
    attachments: Attachment[],
    modelIds: string[],
  ): Promise<string | null> {
    const first = modelIds[0];
    if (!first) return null;
    const conversation = this.conversation ?? (await this.create(first, text));
    if (!conversation) return null;
    const parent = this.view.get().path.at(-1) ?? null;
    const user = await this.addMessage({
      parent_id: parent?.id ?? null,
      role: 'user',
      content: text,
      attachments,
    });
    if (user) await this.ask(user, modelIds);
    return conversation.id;
  }

  /** An edited prompt becomes a new sibling branch; the original branch is kept. */
  async editAndResend(messageId: string, text: string): Promise<void> {
    const original = this.view.get().tree.get(messageId);
    const model = this.model;
    if (!original || !model) return;
    const user = await this.addMessage({
      parent_id: original.parent_id,
      role: 'user',
      content: text,
      attachments: original.attachments,
    });
    if (user) await this.ask(user, [model]);
  }

  /** A new answer beside this one, from the conversation's current model unless named. */
  async regenerate(answerId: string, model?: string): Promise<void> {
    const { tree } = this.view.get();
    const answer = tree.get(answerId);
    const parent = answer?.parent_id ? tree.get(answer.parent_id) : undefined;
    const chosen = model ?? this.model;
    if (!parent || !chosen) return;
    await this.ask(parent, [chosen]);
  }

  stop(): void {
    for (const controller of this.controllers.values()) controller.abort();
  }

  // ---- branches and settings ----

  async switchSibling(messageId: string, offset: number): Promise<void> {
    const leaf = this.view.get().tree.leafAfterSwitch(messageId, offset);
    if (leaf) await this.setActiveLeaf(leaf);
  }

  async setActiveLeaf(leaf: string): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) return;
    this.setConversation({ ...conversation, active_leaf: leaf });
    await api.patchConversation(conversation.id, { active_leaf: leaf }).catch(reportError);
  }

  async setModel(model: string): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) {
      this.draft.update((d) => ({ ...d, model }));
      return;
    }
    this.setConversation({ ...conversation, model });
    await api.patchConversation(conversation.id, { model }).catch(reportError);
  }

  async setSettings(settings: ChatSettings, systemPrompt: string | null): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) {
      this.draft.update((d) => ({ ...d, settings, systemPrompt }));
      return;
    }
    this.setConversation({ ...conversation, settings, system_prompt: systemPrompt });
    await api
      .patchConversation(conversation.id, { settings, system_prompt: systemPrompt })
      .catch(reportError);
  }

  async rename(title: string): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) return;
    this.setConversation({ ...conversation, title });
    this.publishSummary();
    await api.patchConversation(conversation.id, { title }).catch(reportError);
  }

  // ---- internals ----

  private async create(model: string, firstPrompt: string): Promise<Conversation | null> {
    const draft = this.draft.get();
    try {
      const conversation = await api.createConversation({
        title: titleFromPrompt(firstPrompt),
        model,
        system_prompt: draft.systemPrompt,
        settings: draft.settings,
      });
      this.setConversation({ ...conversation, messages: conversation.messages ?? [] });
      this.publishSummary();
      return this.conversation;
    } catch (error) {
      reportError(error, model);
      return null;
    }
  }

  private async addMessage(message: Parameters<typeof api.addMessage>[1]): Promise<Message | null> {
    const conversation = this.conversation;
    if (!conversation) return null;
    try {
      const saved = await api.addMessage(conversation.id, message);
      this.putMessage(saved, saved.id);
      return saved;
    } catch (error) {
      reportError(error);
      return null;
    }
  }

  /** Streams answers to `user` from each model in parallel; the first becomes the active leaf. */
  private async ask(user: Message, modelIds: string[]): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) return;
    const history = this.view.get().tree.pathTo(user.id);
    const answers: Message[] = [];
    for (const model of modelIds) {
      const answer = await this.addMessage({
        parent_id: user.id,
        role: 'assistant',
        content: '',
        model,
        status: 'streaming',
      });
      if (answer) answers.push(answer);
    }
    const first = answers[0];
    if (!first) return;
    this.setConversation({ ...this.conversation!, active_leaf: first.id });
    void api.patchConversation(conversation.id, { active_leaf: first.id }).catch(() => undefined);

    await Promise.all(
      answers.map((answer) => this.stream(answer, history, answer.model ?? modelIds[0]!)),
    );
    this.publishSummary();
    void refreshAccount();
    void this.maybeWriteTitle(user, answers[0]!.id);
  }

  private async stream(answer: Message, history: Message[], model: string): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) return;
    const live = new LiveAnswer(answer.id, model);
    const controller = new AbortController();
    this.live.set(answer.id, live);
    this.controllers.set(answer.id, controller);
    this.liveVersion.update((v) => v + 1);
    const request = buildChatRequest(
      model,
      conversation.system_prompt,
      conversation.settings ?? {},
      history,
    );
    const result = await runAnswer({
      conversationId: conversation.id,
      message: answer,
      request,
      live,
      signal: controller.signal,
      refusalContext: () => ({
        model,
        budget: account.get()?.budget ?? null,
        teamBudget: account.get()?.team_budget ?? null,
      }),
    });
    this.controllers.delete(answer.id);
    if (live.error) this.explanations.set(answer.id, live.error);
    this.putMessage(result.message);
    this.live.delete(answer.id);
    this.liveVersion.update((v) => v + 1);
    if (result.error?.status === 401) reportError(result.error);
  }

  private async maybeWriteTitle(user: Message, answerId: string): Promise<void> {
    const conversation = this.conversation;
    const titleModel = preferences.get().title_model;
    if (!conversation || !titleModel || !findModel(titleModel)) return;
    // Only once, after the first exchange.
    if (user.parent_id !== null || this.view.get().tree.children(null).length > 1) return;
    const answer = this.view.get().tree.get(answerId);
    if (!answer || answer.status !== 'complete') return;
    try {
      const title = await generateTitle(titleModel, user.content, answer.content);
      const cleaned = title ? cleanTitle(title) : null;
      if (cleaned) await this.rename(cleaned);
      void refreshAccount();
    } catch {
      // A title is a nicety; the first line of the prompt stays.
    }
  }

  private putMessage(message: Message, activeLeaf?: string): void {
    const conversation = this.conversation;
    if (!conversation) return;
    const others = conversation.messages.filter((m) => m.id !== message.id);
    const messages = [...others, message];
    this.setConversation({
      ...conversation,
      messages,
      active_leaf: activeLeaf ?? conversation.active_leaf,
      cost_usd: Number(sumNanos(messages)) / 1e9,
      updated_at: Date.now(),
    });
  }

  private setConversation(conversation: Conversation): void {
    const tree = new MessageTree(conversation.messages);
    this.view.set({
      conversation,
      tree,
      path: tree.pathTo(conversation.active_leaf),
      loading: false,
      error: null,
    });
  }

  private publishSummary(): void {
    const c = this.conversation;
    if (!c) return;
    const summary: ConversationSummary = {
      id: c.id,
      title: c.title,
      model: c.model,
      created_at: c.created_at,
      updated_at: c.updated_at,
      message_count: c.messages.length,
      cost_usd: c.cost_usd,
    };
    upsertConversation(summary);
  }
}

const stores = new Map<string, ConversationStore>();
let blank: ConversationStore | null = null;

/** One store per conversation, kept while it streams so leaving the page loses nothing. */
export function storeFor(id: string | null): ConversationStore {
  if (id === null) {
    if (!blank || blank.conversation) {
      blank = new ConversationStore();
      blank.reset();
    }
    return blank;
  }
  if (blank?.conversation?.id === id) {
    stores.set(id, blank);
    blank = null;
  }
  let store = stores.get(id);
  if (!store) {
    store = new ConversationStore();
    stores.set(id, store);
    void store.open(id);
  }
  for (const [key, other] of stores) {
    if (key !== id && !other.streaming) stores.delete(key);
  }
  return store;
}

/** After signing out: nothing of the previous key's conversations stays in memory. */
export function forgetAllStores(): void {
  for (const store of stores.values()) store.stop();
  stores.clear();
  blank?.stop();
  blank = null;
  activeStore.current = null;
}

export function forgetStore(id: string): void {
  stores.get(id)?.stop();
  stores.delete(id);
}

/** The store on screen, for global keys (Esc stops its answers). */
export const activeStore: { current: ConversationStore | null } = { current: null };
