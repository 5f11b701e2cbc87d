// One suite for every provider behind keygate, through the official openai Node SDK: chat, streams,
// a tool round trip, vision, structured output, embeddings, reasoning and strict deployments. Each
// test runs once per provider (providers.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { MESSAGES, PROMPT_WORDS, expectedText, startStack } from './harness.mjs';
import {
  FORECAST_SCHEMA,
  PNG,
  PROVIDERS,
  WEATHER_TOOL,
  collect,
  contentOf,
  finishesOf,
  isPromptFilterChunk,
  reasoningOf,
  streamedCalls,
} from './providers.mjs';

describe('every provider through keygate with the openai Node SDK', () => {
  let stack;
  let client;

  before(async () => {
    stack = await startStack();
    client = new OpenAI({ baseURL: stack.baseURL, apiKey: 'anything', maxRetries: 0, timeout: 15_000 });
  });

  after(async () => {
    if (!stack) return;
    const { code, log } = await stack.stop();
    assert.equal(code, 0, `keygate exited with ${code} after SIGTERM:\n${log}`);
  });

  const lastNativeRequest = async () => (await fetch(`${stack.fake.rootUrl}/fake/last-request`)).text();

  for (const provider of PROVIDERS) {
    describe(provider.name, () => {
      it('answers a chat completion with the text and the usage', async () => {
        const resp = await client.chat.completions.create({ model: provider.chat, messages: MESSAGES });
        assert.equal(resp.object, 'chat.completion');
        assert.equal(resp.choices[0].message.content, expectedText(8));
        assert.equal(resp.choices[0].finish_reason, 'stop');
        const { prompt_tokens, completion_tokens, total_tokens } = resp.usage;
        assert.deepEqual([prompt_tokens, completion_tokens, total_tokens], [PROMPT_WORDS, 8, PROMPT_WORDS + 8]);
      });

      it('streams the text with the usage last', async () => {
        const chunks = await collect(
          await client.chat.completions.create({
            model: provider.chat,
            messages: MESSAGES,
            stream: true,
            stream_options: { include_usage: true },
          }),
        );
        assert.equal(contentOf(chunks), expectedText(8));
        assert.deepEqual(finishesOf(chunks), ['stop']);
        const last = chunks.at(-1);
        assert.deepEqual(last.choices, []);
        assert.deepEqual([last.usage.prompt_tokens, last.usage.completion_tokens], [PROMPT_WORDS, 8]);
        assert.ok(chunks.slice(0, -1).every((c) => c.usage == null));
      });

      it('streams without usage when nobody asked for it', async () => {
        const chunks = await collect(
          await client.chat.completions.create({ model: provider.chat, messages: MESSAGES, stream: true }),
        );
        assert.equal(contentOf(chunks), expectedText(8));
        assert.ok(chunks.every((c) => c.usage == null));
        assert.ok(chunks.every((c) => c.choices.length > 0 || isPromptFilterChunk(c)));
      });

      it('makes a tool call and answers its result', async () => {
        const first = await client.chat.completions.create({
          model: provider.chat,
          messages: MESSAGES,
          tools: [WEATHER_TOOL],
        });
        const { message, finish_reason } = first.choices[0];
        assert.equal(finish_reason, 'tool_calls');
        assert.equal(message.tool_calls.length, 1);
        const [call] = message.tool_calls;
        assert.equal(call.function.name, 'get_weather');
        assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Oslo' });
        const second = await client.chat.completions.create({
          model: provider.chat,
          tools: [WEATHER_TOOL],
          messages: [...MESSAGES, message, { role: 'tool', tool_call_id: call.id, content: '12C' }],
        });
        assert.equal(second.choices[0].finish_reason, 'stop');
        assert.equal(second.choices[0].message.content, expectedText(8));
      });

      it('streams a tool call', async () => {
        const chunks = await collect(
          await client.chat.completions.create({
            model: provider.chat,
            messages: MESSAGES,
            tools: [WEATHER_TOOL],
            stream: true,
          }),
        );
        const calls = streamedCalls(chunks);
        assert.deepEqual([...calls.keys()], [0]);
        assert.ok(calls.get(0).id);
        assert.equal(calls.get(0).name, 'get_weather');
        assert.deepEqual(JSON.parse(calls.get(0).arguments), { city: 'Oslo' });
        assert.deepEqual(finishesOf(chunks), ['tool_calls']);
      });

      it('takes an image as a data URL', async () => {
        const resp = await client.chat.completions.create({
          model: provider.chat,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is in this picture?' },
                { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
              ],
            },
          ],
        });
        assert.equal(resp.choices[0].message.content, expectedText(8));
        assert.ok((await lastNativeRequest()).includes(PNG), 'the image did not go up');
      });

      it('answers in the JSON schema asked for, whole and streamed', async () => {
        const format = {
          type: 'json_schema',
          json_schema: { name: 'forecast', schema: FORECAST_SCHEMA, strict: true },
        };
        const expected = { summary: expectedText(8), degrees: 8 };
        const resp = await client.chat.completions.create({
          model: provider.chat,
          messages: MESSAGES,
          response_format: format,
        });
        assert.deepEqual(JSON.parse(resp.choices[0].message.content), expected);
        const chunks = await collect(
          await client.chat.completions.create({
            model: provider.chat,
            messages: MESSAGES,
            response_format: format,
            stream: true,
          }),
        );
        assert.deepEqual(JSON.parse(contentOf(chunks)), expected);
      });

      if (provider.embeddings) {
        it('embeds, decoding the SDK default base64 into floats', async () => {
          const resp = await client.embeddings.create({ model: provider.embeddings, input: ['one two', 'three'] });
          assert.deepEqual(resp.data.map((d) => d.embedding.length), [8, 8]);
          const norm = resp.data[0].embedding.reduce((sum, x) => sum + x * x, 0);
          assert.ok(Math.abs(norm - 1) < 1e-4, `not a unit vector: ${norm}`);
          assert.equal(resp.usage.prompt_tokens, 3);
          const floats = await client.embeddings.create({
            model: provider.embeddings,
            input: 'one two',
            encoding_format: 'float',
          });
          floats.data[0].embedding.forEach((x, i) => assert.ok(Math.abs(x - resp.data[0].embedding[i]) < 1e-6));
          const small = await client.embeddings.create({ model: provider.embeddings, input: 'x', dimensions: 4 });
          assert.equal(small.data[0].embedding.length, 4);
        });
      } else {
        it('refuses embeddings it does not have', async () => {
          await assert.rejects(client.embeddings.create({ model: provider.chat, input: 'x' }), (err) => {
            assert.ok(err instanceof OpenAI.BadRequestError, String(err));
            assert.equal(err.code, 'unsupported_operation');
            return true;
          });
        });
      }

      if (provider.reasoning) {
        it('returns the thinking as reasoning_content on a reasoning deployment', async () => {
          const request = { model: provider.reasoning, messages: MESSAGES, reasoning_effort: 'low' };
          const resp = await client.chat.completions.create(request);
          assert.equal(resp.choices[0].message.content, expectedText(3));
          assert.equal(resp.choices[0].message.reasoning_content, provider.thinking);
          const chunks = await collect(await client.chat.completions.create({ ...request, stream: true }));
          assert.equal(reasoningOf(chunks), provider.thinking);
          assert.equal(contentOf(chunks), expectedText(3));
        });
      }

      if (provider.strict) {
        it('refuses on a strict deployment what it would drop', async () => {
          const request = { model: provider.strict, messages: MESSAGES, logit_bias: { 42: 1 } };
          await assert.rejects(client.chat.completions.create(request), (err) => {
            assert.ok(err instanceof OpenAI.BadRequestError, String(err));
            assert.equal(err.param, 'logit_bias');
            assert.equal(err.code, 'unsupported_parameter');
            return true;
          });
          const { data, response } = await client.chat.completions
            .create({ ...request, model: provider.chat })
            .withResponse();
          assert.equal(data.choices[0].message.content, expectedText(8));
          assert.equal(response.headers.get('x-keygate-dropped-params'), 'logit_bias');
        });
      }
    });
  }
});
