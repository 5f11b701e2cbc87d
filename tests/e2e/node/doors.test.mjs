// keygate's Anthropic Messages and OpenAI Responses doors driven by the official Node SDKs
// (@anthropic-ai/sdk and openai), forwarding to the fake provider.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { expectedText, startStack } from './harness.mjs';

const TIMEOUT_MS = 15_000;
const PROMPT = [{ role: 'user', content: 'say a few words please' }];
const WEATHER_SCHEMA = { type: 'object', properties: { city: { type: 'string' } } };

describe('keygate /v1/messages with @anthropic-ai/sdk', () => {
  let stack;
  let claude;
  before(async () => {
    stack = await startStack();
    claude = new Anthropic({ baseURL: stack.baseURL.replace(/\/v1$/, ''), apiKey: 'anything', maxRetries: 0, timeout: TIMEOUT_MS });
  });
  after(async () => stack?.stop());

  for (const model of ['claude-test', 'gpt-test', 'gemini-test', 'mistral-test']) {
    it(`creates a message on ${model}`, async () => {
      const msg = await claude.messages.create({ model, max_tokens: 100, messages: PROMPT });
      assert.equal(msg.content[0].text, expectedText(8));
      assert.equal(msg.stop_reason, 'end_turn');
      assert.equal(msg.usage.output_tokens, 8);
    });

    it(`streams a message on ${model}`, async () => {
      let text = '';
      const stream = claude.messages.stream({ model, max_tokens: 100, messages: PROMPT });
      stream.on('text', (delta) => { text += delta; });
      const final = await stream.finalMessage();
      assert.equal(text, expectedText(8));
      assert.equal(final.usage.output_tokens, 8);
    });

    it(`calls a tool on ${model}`, async () => {
      const tools = [{ name: 'get_weather', description: 'weather', input_schema: WEATHER_SCHEMA }];
      const ask = [{ role: 'user', content: 'weather in Oslo?' }];
      const msg = await claude.messages.stream({ model, max_tokens: 100, messages: ask, tools }).finalMessage();
      assert.equal(msg.stop_reason, 'tool_use');
      const call = msg.content.find((b) => b.type === 'tool_use');
      assert.deepEqual(call.input, { city: 'Oslo' });
      const answer = await claude.messages.create({
        model, max_tokens: 100, tools,
        messages: [...ask, { role: 'assistant', content: msg.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'sunny' }] }],
      });
      assert.equal(answer.stop_reason, 'end_turn');
    });
  }

  it('returns thinking from an Anthropic deployment', async () => {
    const msg = await claude.messages.create({
      model: 'claude-test', max_tokens: 2048, messages: PROMPT, thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    assert.equal(msg.content[0].type, 'thinking');
  });
});

describe('keygate /v1/responses with the openai Node SDK', () => {
  let stack;
  let client;
  before(async () => {
    stack = await startStack();
    client = new OpenAI({ baseURL: stack.baseURL, apiKey: 'anything', maxRetries: 0, timeout: TIMEOUT_MS });
  });
  after(async () => stack?.stop());

  const tools = [{ type: 'function', name: 'get_weather', description: 'weather', parameters: WEATHER_SCHEMA }];

  for (const model of ['gpt-test', 'claude-test', 'gemini-test']) {
    it(`creates a response on ${model}`, async () => {
      const resp = await client.responses.create({ model, input: 'say a few words please' });
      assert.equal(resp.output_text, expectedText(8));
    });

    it(`streams a response on ${model}`, async () => {
      const stream = client.responses.stream({ model, input: 'say a few words please' });
      let text = '';
      for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
      const final = await stream.finalResponse();
      assert.equal(text, expectedText(8));
      assert.equal(final.status, 'completed');
    });

    it(`calls a tool on ${model}`, async () => {
      const resp = await client.responses.create({ model, input: 'weather in Oslo?', tools, stream: false });
      const call = resp.output.find((i) => i.type === 'function_call');
      assert.deepEqual(JSON.parse(call.arguments), { city: 'Oslo' });
      const answer = await client.responses.create({
        model, tools, previous_response_id: resp.id,
        input: [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny' }],
      });
      assert.ok(answer.output_text);
    });
  }

  it('continues a conversation on another provider', async () => {
    const first = await client.responses.create({ model: 'gpt-test', input: 'remember apple' });
    const second = await client.responses.create({ model: 'claude-test', input: 'which?', previous_response_id: first.id });
    assert.equal(second.previous_response_id, first.id);
    assert.equal(second.output_text, expectedText(8));
  });
});
