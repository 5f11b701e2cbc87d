// Turns the data of one SSE event from /v1/chat/completions into what the chat needs.

export interface StreamUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
}

export type StreamEvent =
  | { type: 'delta'; content: string; reasoning: string }
  | { type: 'usage'; usage: StreamUsage }
  | { type: 'error'; code: string; message: string }
  | { type: 'done' }
  | { type: 'ignored' };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function readUsage(usage: Json): StreamUsage {
  const promptDetails = isObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completionDetails = isObject(usage.completion_tokens_details)
    ? usage.completion_tokens_details
    : {};
  return {
    prompt_tokens: num(usage.prompt_tokens),
    completion_tokens: num(usage.completion_tokens),
    cached_tokens: num(promptDetails.cached_tokens),
    reasoning_tokens: num(completionDetails.reasoning_tokens),
    cost_usd: typeof usage.cost_usd === 'number' ? usage.cost_usd : null,
  };
}

/** One event's data may carry a delta and usage at once, so this returns a list. */
export function interpretEvent(data: string): StreamEvent[] {
  if (data.trim() === '[DONE]') return [{ type: 'done' }];
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return [{ type: 'ignored' }];
  }
  if (!isObject(parsed)) return [{ type: 'ignored' }];
  if (isObject(parsed.error)) {
    const error = parsed.error;
    return [
      {
        type: 'error',
        code: str(error.code) || str(error.type) || 'stream_error',
        message: str(error.message) || 'The answer stopped with an error.',
      },
    ];
  }
  const events: StreamEvent[] = [];
  const choices = Array.isArray(parsed.choices) ? parsed.choices : [];
  const first: unknown = choices[0];
  if (isObject(first) && isObject(first.delta)) {
    const content = str(first.delta.content);
    // Providers name it either way; keygate forwards `reasoning_content`.
    const reasoning = str(first.delta.reasoning_content) || str(first.delta.reasoning);
    if (content || reasoning) events.push({ type: 'delta', content, reasoning });
  }
  if (isObject(parsed.usage)) events.push({ type: 'usage', usage: readUsage(parsed.usage) });
  return events.length > 0 ? events : [{ type: 'ignored' }];
}
