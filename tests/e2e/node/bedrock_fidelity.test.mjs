// The fake provider's Bedrock speaks Bedrock as the official AWS SDK expects: the SDK's SigV4
// signatures are accepted (and a wrong secret refused the way AWS refuses it), and its Converse and
// ConverseStream parsers read the fake's answers and eventstream bodies.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { PROMPT_WORDS, expectedText, startStack } from './harness.mjs';

// AWS's documented example keys: the ones the fake checks signatures with.
const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const SYSTEM = [{ text: 'You are very terse.' }];
const USER = [{ role: 'user', content: [{ text: 'say a few words please' }] }];
const WEATHER = {
  toolSpec: {
    name: 'get_weather',
    description: 'Weather for a city',
    inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
  },
};

describe('the fake Bedrock with the official AWS SDK', () => {
  let stack;
  const client = (credentials = CREDENTIALS) =>
    new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: stack.fake.rootUrl,
      credentials,
      maxAttempts: 1,
      // The SDK speaks HTTP/2 to Bedrock by default; the fake speaks HTTP/1.1, as keygate does.
      requestHandler: new NodeHttpHandler(),
    });

  before(async () => {
    stack = await startStack();
  });

  after(async () => {
    await stack?.stop();
  });

  it('accepts a signed Converse request and answers it', async () => {
    const out = await client().send(
      new ConverseCommand({ modelId: MODEL, system: SYSTEM, messages: USER, inferenceConfig: { maxTokens: 100 } }),
    );
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.output.message.role, 'assistant');
    assert.equal(out.output.message.content[0].text, expectedText(8));
    assert.equal(out.stopReason, 'end_turn');
    assert.equal(out.usage.inputTokens, PROMPT_WORDS);
    assert.equal(out.usage.outputTokens, 8);
  });

  it('parses a ConverseStream with text, a tool call and the metadata usage', async () => {
    const out = await client().send(
      new ConverseStreamCommand({
        modelId: MODEL,
        system: SYSTEM,
        messages: USER,
        toolConfig: { tools: [WEATHER] },
      }),
    );
    let text = '';
    let toolStart = null;
    let toolInput = '';
    let stopReason = null;
    let usage = null;
    const kinds = [];
    for await (const event of out.stream) {
      const [kind] = Object.keys(event);
      kinds.push(kind);
      if (event.contentBlockDelta?.delta?.text) text += event.contentBlockDelta.delta.text;
      if (event.contentBlockStart?.start?.toolUse) toolStart = event.contentBlockStart.start.toolUse;
      if (event.contentBlockDelta?.delta?.toolUse) toolInput += event.contentBlockDelta.delta.toolUse.input;
      if (event.messageStop) stopReason = event.messageStop.stopReason;
      if (event.metadata) usage = event.metadata.usage;
    }
    assert.equal(kinds[0], 'messageStart');
    assert.equal(kinds.at(-2), 'messageStop');
    assert.equal(kinds.at(-1), 'metadata');
    assert.equal(text, expectedText(8));
    assert.equal(toolStart.name, 'get_weather');
    assert.ok(toolStart.toolUseId.startsWith('tooluse_'));
    assert.deepEqual(JSON.parse(toolInput), { city: 'Oslo' });
    assert.equal(stopReason, 'tool_use');
    assert.equal(usage.inputTokens, PROMPT_WORDS);
    assert.equal(usage.outputTokens, 8);
  });

  it('carries fault knobs on a model id the SDK percent-encodes', async () => {
    const out = await client().send(new ConverseCommand({ modelId: 'anthropic.claude-fake@tokens=3', messages: USER }));
    assert.equal(out.output.message.content[0].text, expectedText(3));
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    await assert.rejects(
      client({ ...CREDENTIALS, secretAccessKey: 'not-the-secret' }).send(
        new ConverseCommand({ modelId: MODEL, messages: USER }),
      ),
      (err) => {
        assert.equal(err.name, 'InvalidSignatureException');
        assert.equal(err.$metadata.httpStatusCode, 403);
        assert.match(err.message, /signature we calculated does not match/);
        return true;
      },
    );
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    await assert.rejects(
      client({ ...CREDENTIALS, accessKeyId: 'AKIDUNKNOWN' }).send(new ConverseCommand({ modelId: MODEL, messages: USER })),
      (err) => err.name === 'UnrecognizedClientException' && err.$metadata.httpStatusCode === 403,
    );
  });

  it('reports a throttled request as ThrottlingException', async () => {
    await assert.rejects(
      client().send(new ConverseCommand({ modelId: 'anthropic.claude-fake@status=429', messages: USER })),
      (err) => err.name === 'ThrottlingException' && err.$metadata.httpStatusCode === 429,
    );
  });

  it('raises an exception that arrives inside the stream', async () => {
    const out = await client().send(
      new ConverseStreamCommand({ modelId: 'anthropic.claude-fake@stream_error=1', messages: USER }),
    );
    await assert.rejects(
      (async () => {
        for await (const event of out.stream) void event;
      })(),
      (err) => err.name === 'ThrottlingException',
    );
  });

  it('rejects a body Bedrock would reject with ValidationException', async () => {
    await assert.rejects(
      client().send(
        new ConverseCommand({ modelId: MODEL, messages: [{ role: 'assistant', content: [{ text: 'hi' }] }] }),
      ),
      (err) => err.name === 'ValidationException' && err.$metadata.httpStatusCode === 400,
    );
  });
});
