// The providers the shared Node suite runs for, each mapped to its deployments in keygate.e2e.yaml
// (the same table as tests/e2e/python/providers.py).
export const PROVIDERS = [
  { name: 'openai', chat: 'gpt-test', embeddings: 'embed-test', passthrough: true },
  { name: 'azure', chat: 'azure-test', embeddings: 'azure-embed', passthrough: true },
  {
    name: 'anthropic',
    chat: 'claude-test',
    embeddings: null,
    reasoning: 'claude-think',
    thinking: 'think0 think1 think2',
    strict: 'claude-strict',
  },
  {
    name: 'gemini',
    chat: 'gemini-test',
    embeddings: 'gemini-embed',
    reasoning: 'gemini-think',
    thinking: 'think0 think1 think2',
    strict: 'gemini-strict',
  },
  {
    name: 'mistral',
    chat: 'mistral-test',
    embeddings: 'mistral-embed',
    reasoning: 'magistral-think',
    thinking: 'Thinking about it.',
    strict: 'mistral-strict',
  },
  {
    name: 'cohere',
    chat: 'cohere-test',
    embeddings: 'cohere-embed',
    reasoning: 'cohere-think',
    thinking: 'Thinking about it.',
    strict: 'cohere-strict',
  },
  {
    name: 'ollama',
    chat: 'ollama-test',
    embeddings: 'ollama-embed',
    reasoning: 'ollama-think',
    thinking: 'think0 think1 think2',
    strict: 'ollama-strict',
  },
  {
    name: 'bedrock',
    chat: 'bedrock-test',
    embeddings: null,
    reasoning: 'bedrock-think',
    thinking: 'think0 think1 think2',
    strict: 'bedrock-strict',
  },
];

export const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

// A 1x1 PNG; every provider's request carries these base64 bytes somewhere.
export const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export const FORECAST_SCHEMA = {
  type: 'object',
  properties: { summary: { type: 'string' }, degrees: { type: 'integer' } },
  required: ['summary', 'degrees'],
  additionalProperties: false,
};

export async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const deltas = (chunks) => chunks.flatMap((c) => c.choices.map((ch) => ch.delta ?? {}));
export const contentOf = (chunks) => deltas(chunks).map((d) => d.content ?? '').join('');
export const reasoningOf = (chunks) => deltas(chunks).map((d) => d.reasoning_content ?? '').join('');
export const finishesOf = (chunks) =>
  chunks.flatMap((c) => c.choices.map((ch) => ch.finish_reason).filter(Boolean));

/** Tool calls put together from their deltas, by OpenAI index. */
export function streamedCalls(chunks) {
  const calls = new Map();
  for (const delta of deltas(chunks)) {
    for (const call of delta.tool_calls ?? []) {
      const entry = calls.get(call.index) ?? { id: null, name: null, arguments: '' };
      entry.id = call.id ?? entry.id;
      entry.name = call.function?.name ?? entry.name;
      entry.arguments += call.function?.arguments ?? '';
      calls.set(call.index, entry);
    }
  }
  return calls;
}

/** Azure streams a first chunk with no choices that carries only its prompt filter results. */
export const isPromptFilterChunk = (chunk) =>
  chunk.choices.length === 0 && chunk.prompt_filter_results !== undefined;
