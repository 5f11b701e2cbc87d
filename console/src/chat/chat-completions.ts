// Streams one answer from POST /v1/chat/completions.
import { csrfHeaders, errorFromResponse, ApiError } from '../api/http';
import { SseParser } from './sse';
import { interpretEvent, type StreamUsage } from './stream-events';

export type ContentPart =
  { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  reasoning_effort?: string;
}

export interface StreamHandlers {
  onStart(requestId: string | null): void;
  onDelta(content: string, reasoning: string): void;
  onUsage(usage: StreamUsage): void;
}

export type StreamOutcome =
  | { kind: 'done'; requestId: string | null }
  | { kind: 'aborted'; requestId: string | null }
  /** The connection broke before [DONE]: the text so far is kept as incomplete. */
  | { kind: 'dropped'; requestId: string | null }
  | { kind: 'error'; requestId: string | null; error: ApiError };

export async function streamChat(
  body: ChatRequest,
  signal: AbortSignal,
  handlers: StreamHandlers,
): Promise<StreamOutcome> {
  let response: Response;
  try {
    response = await fetch('/v1/chat/completions', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', ...csrfHeaders('POST') },
      body: JSON.stringify({ ...body, stream: true, stream_options: { include_usage: true } }),
      signal,
    });
  } catch {
    if (signal.aborted) return { kind: 'aborted', requestId: null };
    return {
      kind: 'error',
      requestId: null,
      error: new ApiError(0, 'network', 'keygate could not be reached.'),
    };
  }
  const requestId = response.headers.get('x-request-id');
  if (!response.ok) {
    return { kind: 'error', requestId, error: await errorFromResponse(response) };
  }
  handlers.onStart(requestId);
  if (!response.body) return { kind: 'dropped', requestId };

  const reader = response.body.getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const batch = done ? parser.end() : parser.push(value);
      for (const data of batch) {
        for (const event of interpretEvent(data)) {
          switch (event.type) {
            case 'delta':
              handlers.onDelta(event.content, event.reasoning);
              break;
            case 'usage':
              handlers.onUsage(event.usage);
              break;
            case 'error':
              await reader.cancel().catch(() => undefined);
              return {
                kind: 'error',
                requestId,
                error: new ApiError(200, event.code, event.message),
              };
            case 'done':
              await reader.cancel().catch(() => undefined);
              return { kind: 'done', requestId };
            case 'ignored':
              break;
          }
        }
      }
      if (done) return { kind: 'dropped', requestId };
    }
  } catch {
    if (signal.aborted) return { kind: 'aborted', requestId };
    return { kind: 'dropped', requestId };
  }
}
