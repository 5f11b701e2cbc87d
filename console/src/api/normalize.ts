// Fills what an older or partial server answer may leave out, so views never meet undefined.
import type { Conversation, Message } from './types';

export function normalizeMessage(raw: Message): Message {
  return {
    ...raw,
    parent_id: raw.parent_id ?? null,
    content: raw.content ?? '',
    reasoning: raw.reasoning ?? null,
    attachments: Array.isArray(raw.attachments) ? raw.attachments : [],
    model: raw.model ?? null,
    status: raw.status ?? 'complete',
    error: raw.error ?? null,
    request_id: raw.request_id ?? null,
    usage: raw.usage ?? null,
    cost_usd: raw.cost_usd ?? null,
    cost_nanos: raw.cost_nanos ?? null,
    ttft_ms: raw.ttft_ms ?? null,
    total_ms: raw.total_ms ?? null,
    deployment: raw.deployment ?? null,
    created_at: raw.created_at ?? 0,
  };
}

export function normalizeConversation(raw: Conversation): Conversation {
  return {
    ...raw,
    title: raw.title ?? null,
    model: raw.model ?? null,
    system_prompt: raw.system_prompt ?? null,
    settings: raw.settings ?? {},
    active_leaf: raw.active_leaf ?? null,
    cost_usd: raw.cost_usd ?? null,
    messages: Array.isArray(raw.messages) ? raw.messages.map(normalizeMessage) : [],
  };
}
