import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../api/types';
import { LiveAnswer } from './live-answer';
import { runAnswer } from './run-answer';

const answer: Message = {
  id: 'a1',
  parent_id: 'u1',
  role: 'assistant',
  content: '',
  reasoning: null,
  attachments: [],
  model: 'm',
  status: 'streaming',
  error: null,
  request_id: null,
  usage: null,
  cost_usd: null,
  cost_nanos: null,
  ttft_ms: null,
  total_ms: null,
  deployment: null,
  created_at: 0,
};

/** Delivers one chunk per read; with `drop`, the connection breaks after the last. */
function streamOf(chunks: string[], { drop = false } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = [...chunks];
  return new ReadableStream({
    pull(controller) {
      const next = queue.shift();
      if (next !== undefined) controller.enqueue(encoder.encode(next));
      else if (drop) controller.error(new TypeError('network error'));
      else controller.close();
    },
  });
}

const delta = (content: string, reasoning = '') =>
  `data: ${JSON.stringify({ choices: [{ delta: { content, reasoning_content: reasoning } }] })}\n\n`;

/** Stubs fetch: the chat call gets `chat`, every PATCH is recorded and echoed. */
function stubFetch(chat: () => Response) {
  const patches: Record<string, unknown>[] = [];
  let chatBody: Record<string, unknown> | null = null;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (url === '/v1/chat/completions') {
      chatBody = JSON.parse(String(init.body));
      return chat();
    }
    const patch = JSON.parse(String(init.body)) as Record<string, unknown>;
    patches.push(patch);
    const filled = patch.request_id ? { cost_nanos: 4200, deployment: 'openai/m' } : {};
    return new Response(JSON.stringify({ ...answer, ...patch, ...filled }), { status: 200 });
  });
  return { patches, chatBody: () => chatBody };
}

function run(signal = new AbortController().signal) {
  const live = new LiveAnswer('a1', 'm', 0);
  return runAnswer({
    conversationId: 'c1',
    message: answer,
    request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    live,
    signal,
    refusalContext: () => ({}),
  }).then((result) => ({ result, live }));
}

afterEach(() => vi.unstubAllGlobals());

describe('runAnswer', () => {
  it('streams, then saves the end with the request id so the ledger fills the cost', async () => {
    const fetches = stubFetch(
      () =>
        new Response(
          streamOf([
            delta('', 'hmm'),
            delta('Hel'),
            delta('lo'),
            'data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"cost_usd":0.0000042}}\n\n',
            'data: [DONE]\n\n',
          ]),
          { status: 200, headers: { 'x-request-id': 'req_1' } },
        ),
    );
    const { result, live } = await run();
    expect(fetches.chatBody()).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(live.content).toBe('Hello');
    expect(live.reasoning).toBe('hmm');
    expect(live.usage?.cost_usd).toBe(0.0000042);
    const last = fetches.patches.at(-1);
    expect(last).toEqual({
      content: 'Hello',
      reasoning: 'hmm',
      request_id: 'req_1',
      status: 'complete',
    });
    expect(result.message.cost_nanos).toBe(4200);
    expect(result.error).toBeNull();
  });

  it('asks again for the ledger figures when the first answer has none', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let patchCount = 0;
    const patches: Record<string, unknown>[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      if (url === '/v1/chat/completions') {
        return new Response(streamOf([delta('Hi')], { drop: true }), {
          status: 200,
          headers: { 'x-request-id': 'req_late' },
        });
      }
      patchCount++;
      patches.push(JSON.parse(String(init.body)) as Record<string, unknown>);
      // The ledger row appears from the third PATCH on.
      const filled = patchCount >= 3 ? { cost_nanos: 99, usage: { prompt_tokens: 1 } } : {};
      return new Response(JSON.stringify({ ...answer, status: 'incomplete', ...filled }), {
        status: 200,
      });
    });
    const running = run();
    await vi.runAllTimersAsync();
    const { result } = await running;
    vi.useRealTimers();
    expect(result.message.cost_nanos).toBe(99);
    expect(patches.at(-1)).toEqual({ request_id: 'req_late' });
    expect(patches.length).toBe(3); // the final save, then two asks
  });

  it('keeps the text of a dropped stream as incomplete', async () => {
    const fetches = stubFetch(
      () =>
        new Response(streamOf([delta('Partial')], { drop: true }), {
          status: 200,
          headers: { 'x-request-id': 'req_2' },
        }),
    );
    const { result } = await run();
    expect(fetches.patches.at(-1)).toMatchObject({
      content: 'Partial',
      status: 'incomplete',
      request_id: 'req_2',
    });
    expect(result.message.status).toBe('incomplete');
  });

  it('records an error event mid-stream as an error, with the text so far', async () => {
    const fetches = stubFetch(
      () =>
        new Response(
          streamOf([
            delta('Half'),
            'data: {"error":{"message":"upstream 503","code":"upstream_error"}}\n\n',
            delta(' never'),
          ]),
          {
            status: 200,
          },
        ),
    );
    const { result, live } = await run();
    expect(live.content).toBe('Half');
    expect(fetches.patches.at(-1)).toMatchObject({
      content: 'Half',
      status: 'error',
      error: { code: 'upstream_error', message: 'upstream 503' },
    });
    expect(live.error?.title).toBe('The answer stopped');
    expect(result.error?.code).toBe('upstream_error');
  });

  it('explains a refusal before the stream starts', async () => {
    stubFetch(
      () =>
        new Response('{"error":{"message":"Budget exceeded","code":"budget_exceeded"}}', {
          status: 429,
          headers: { 'retry-after': '60' },
        }),
    );
    const { result, live } = await run();
    expect(result.message.status).toBe('error');
    expect(result.error?.retryAfterSeconds).toBe(60);
    expect(live.error?.title).toBe('Budget spent');
  });

  it('a stop aborts the request and keeps what arrived', async () => {
    const controller = new AbortController();
    let pull = 0;
    const fetches = stubFetch(() => {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          pull++;
          if (pull === 1) c.enqueue(encoder.encode(delta('First')));
          else {
            controller.abort();
            c.error(new DOMException('aborted', 'AbortError'));
          }
        },
      });
      return new Response(body, { status: 200, headers: { 'x-request-id': 'req_3' } });
    });
    const { result } = await run(controller.signal);
    expect(fetches.patches.at(-1)).toMatchObject({
      content: 'First',
      status: 'incomplete',
      error: { code: 'stopped' },
    });
    expect(result.message.status).toBe('incomplete');
  });
});
