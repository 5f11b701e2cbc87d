// Streams one answer into an assistant message that already exists with status `streaming`,
// saving its text as it grows and its outcome at the end. The final PATCH carries the
// request id, so the message comes back with the ledger's own cost and timings.
import { api } from '../api/console';
import type { ApiError } from '../api/http';
import type { Message, MessagePatch } from '../api/types';
import { explainRefusal, type RefusalContext } from '../format/refusal';
import { streamChat, type ChatRequest } from './chat-completions';
import type { LiveAnswer } from './live-answer';
import { ThrottledSaver } from './throttled-saver';

/** Pauses before asking keygate again for a request's ledger figures. */
export const LEDGER_RETRY_MS = [400, 1200, 3000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunAnswerOptions {
  conversationId: string;
  message: Message;
  request: ChatRequest;
  live: LiveAnswer;
  signal: AbortSignal;
  refusalContext: () => RefusalContext;
}

export interface RunAnswerResult {
  message: Message;
  error: ApiError | null;
}

export async function runAnswer(options: RunAnswerOptions): Promise<RunAnswerResult> {
  const { conversationId, message, request, live, signal } = options;
  const saver = new ThrottledSaver(() =>
    api.patchMessage(conversationId, message.id, {
      content: live.content,
      reasoning: live.reasoning || null,
    }),
  );

  const outcome = await streamChat(request, signal, {
    onStart: () => undefined,
    onDelta: (content, reasoning) => {
      live.append(content, reasoning);
      saver.schedule();
    },
    onUsage: (usage) => live.setUsage(usage),
  });
  await saver.finish();

  const patch: MessagePatch = { content: live.content, reasoning: live.reasoning || null };
  if (outcome.requestId) patch.request_id = outcome.requestId;
  let error: ApiError | null = null;
  switch (outcome.kind) {
    case 'done':
      patch.status = 'complete';
      break;
    case 'aborted':
      patch.status = 'incomplete';
      patch.error = { status: 0, code: 'stopped', message: 'Stopped before the answer ended.' };
      break;
    case 'dropped':
      patch.status = 'incomplete';
      patch.error = {
        status: 0,
        code: 'dropped',
        message: 'The connection dropped before the answer ended.',
      };
      break;
    case 'error':
      error = outcome.error;
      patch.status = 'error';
      patch.error = { status: error.status, code: error.code, message: error.message };
      break;
  }
  live.end(error ? explainRefusal(error, options.refusalContext()) : null);

  try {
    let saved = await api.patchMessage(conversationId, message.id, patch);
    // A stopped or dropped request may reach the ledger a moment after this PATCH: ask again.
    for (const wait of LEDGER_RETRY_MS) {
      if (!outcome.requestId || saved.usage !== null || saved.cost_nanos !== null) break;
      await sleep(wait);
      saved = await api.patchMessage(conversationId, message.id, { request_id: outcome.requestId });
    }
    return { message: saved, error };
  } catch {
    // keygate unreachable: keep what we know; it shows the message as incomplete on reopening.
    return {
      message: {
        ...message,
        content: live.content,
        reasoning: live.reasoning || null,
        status: patch.status === 'complete' ? 'incomplete' : (patch.status ?? 'incomplete'),
        error: patch.error ?? {
          status: 0,
          code: 'dropped',
          message: 'The answer could not be saved; keygate was unreachable.',
        },
        request_id: outcome.requestId,
      },
      error,
    };
  }
}
