// The OpenAI request for one answer: the system prompt, then the path that leads to it.
import type { Attachment, ChatSettings, Message } from '../api/types';
import type { ChatMessage, ChatRequest, ContentPart } from './chat-completions';

/** A text file goes in as text, fenced, under its name. */
export function inlineTextAttachment(name: string, text: string): string {
  const longestFence = Math.max(2, ...Array.from(text.matchAll(/`{3,}/g), (m) => m[0].length));
  const fence = '`'.repeat(longestFence + 1);
  return `File: ${name}\n${fence}\n${text}\n${fence}`;
}

export function userContent(
  content: string,
  attachments: readonly Attachment[],
): ChatMessage['content'] {
  const texts = attachments.filter((a) => a.kind === 'text');
  const images = attachments.filter((a) => a.kind === 'image');
  const text = [content, ...texts.map((a) => inlineTextAttachment(a.name, a.text))]
    .filter((part) => part !== '')
    .join('\n\n');
  if (images.length === 0) return text;
  const parts: ContentPart[] = [];
  if (text) parts.push({ type: 'text', text });
  for (const image of images) parts.push({ type: 'image_url', image_url: { url: image.data_url } });
  return parts;
}

export function buildChatRequest(
  model: string,
  systemPrompt: string | null,
  settings: ChatSettings,
  history: readonly Message[],
): ChatRequest {
  const messages: ChatMessage[] = [];
  if (systemPrompt && systemPrompt.trim()) messages.push({ role: 'system', content: systemPrompt });
  for (const message of history) {
    if (message.role === 'user') {
      messages.push({ role: 'user', content: userContent(message.content, message.attachments) });
    } else if (message.content !== '' && message.status !== 'error') {
      messages.push({ role: 'assistant', content: message.content });
    }
  }
  const request: ChatRequest = { model, messages };
  if (settings.temperature !== undefined) request.temperature = settings.temperature;
  if (settings.max_tokens !== undefined) request.max_tokens = settings.max_tokens;
  if (settings.reasoning_effort !== undefined) request.reasoning_effort = settings.reasoning_effort;
  return request;
}
