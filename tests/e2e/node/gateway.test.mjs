// keygate driven by the official openai Node SDK, forwarding to the fake provider.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { MESSAGES, PROMPT_WORDS, closedPort, expectedText, startStack } from './harness.mjs';

const TIMEOUT_MS = 15_000;

function sdk(baseURL, options = {}) {
  return new OpenAI({ baseURL, apiKey: 'anything', maxRetries: 0, timeout: TIMEOUT_MS, ...options });
}

async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function text(chunks) {
  return chunks.flatMap((c) => c.choices.map((ch) => ch.delta?.content ?? '')).join('');
}

describe('keygate with the openai Node SDK', () => {
  let stack;
  let client;

  before(async () => {
    stack = await startStack();
    client = sdk(stack.baseURL);
  });

  after(async () => {
    if (!stack) return;
    const { code, log } = await stack.stop();
    assert.equal(code, 0, `keygate exited with ${code} after SIGTERM:\n${log}`);
  });

  it('answers a non-streaming completion with the fake text and usage', async () => {
    const resp = await client.chat.completions.create({ model: 'gpt-tok5', messages: MESSAGES });
    assert.equal(resp.object, 'chat.completion');
    assert.equal(resp.choices[0].message.role, 'assistant');
    assert.equal(resp.choices[0].message.content, expectedText(5));
    assert.equal(resp.choices[0].finish_reason, 'stop');
    assert.deepEqual(
      [resp.usage.prompt_tokens, resp.usage.completion_tokens, resp.usage.total_tokens],
      [PROMPT_WORDS, 5, PROMPT_WORDS + 5],
    );
  });

  it('returns an x-request-id header', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-tok1', messages: MESSAGES })
      .withResponse();
    assert.ok(response.headers.get('x-request-id'));
    assert.equal(data.choices[0].message.content, 'tok0');
  });

  it('streams the fake text one token per chunk without usage', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES, stream: true });
    const chunks = await collect(stream);
    assert.equal(text(chunks), expectedText(8));
    const deltas = chunks.flatMap((c) => c.choices.filter((ch) => ch.delta?.content));
    assert.equal(deltas.length, 8);
    assert.deepEqual(
      chunks.flatMap((c) => c.choices.map((ch) => ch.finish_reason).filter(Boolean)),
      ['stop'],
    );
    assert.ok(chunks.every((c) => c.usage == null), 'a chunk carried usage without include_usage');
    assert.ok(chunks.every((c) => c.choices.length > 0), 'a chunk without choices reached the client');
  });

  it('streams usage last with include_usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-tok5',
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    assert.equal(text(chunks), expectedText(5));
    const last = chunks.at(-1);
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage.prompt_tokens, PROMPT_WORDS);
    assert.equal(last.usage.completion_tokens, 5);
    assert.equal(last.usage.total_tokens, PROMPT_WORDS + 5);
    assert.ok(chunks.slice(0, -1).every((c) => c.usage == null));
  });

  it('streams the mock provider with usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'mock-gpt',
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    const deltas = chunks.flatMap((c) => c.choices.filter((ch) => ch.delta?.content));
    assert.ok(deltas.length > 1, `mock answer was not streamed (${deltas.length} deltas)`);
    assert.ok(text(chunks).trim().length > 0);
    const { usage } = chunks.at(-1);
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
  });

  it('lists the configured public model names', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    for (const name of ['mock-gpt', 'gpt-test', 'gpt-429', 'gpt-down']) {
      assert.ok(ids.includes(name), `${name} missing from ${ids}`);
    }
  });

  it('raises NotFoundError with code model_not_found for an unknown model', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages: MESSAGES }), (err) => {
      assert.ok(err instanceof OpenAI.NotFoundError, String(err));
      assert.equal(err.status, 404);
      assert.equal(err.code, 'model_not_found');
      assert.ok(err.requestID, 'error response without x-request-id');
      return true;
    });
  });

  it('raises RateLimitError with retry-after for an upstream 429', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'gpt-429', messages: MESSAGES }), (err) => {
      assert.ok(err instanceof OpenAI.RateLimitError, String(err));
      assert.equal(err.status, 429);
      assert.equal(err.headers.get('retry-after'), '2');
      return true;
    });
  });

  it('raises an error event mid-stream when the upstream resets', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-reset', messages: MESSAGES, stream: true });
    let received = '';
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) received += text([chunk]);
      })(),
      (err) => {
        assert.ok(err instanceof OpenAI.APIError, String(err));
        assert.ok(!(err instanceof OpenAI.APIConnectionError), `dropped connection instead of an error event: ${err}`);
        return true;
      },
    );
    assert.ok(expectedText(8).startsWith(received), `${JSON.stringify(received)} is not a prefix`);
    assert.notEqual(received, expectedText(8));
  });

  it('raises APIConnectionError for a closed port', async () => {
    const dead = sdk(`http://127.0.0.1:${await closedPort()}/v1`);
    await assert.rejects(dead.chat.completions.create({ model: 'gpt-test', messages: MESSAGES }), (err) => {
      assert.ok(err instanceof OpenAI.APIConnectionError, String(err));
      assert.ok(!(err instanceof OpenAI.APIConnectionTimeoutError), String(err));
      return true;
    });
  });
});
