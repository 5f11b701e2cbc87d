// The endpoints beyond chat through keygate with the official openai Node SDK: legacy completions
// (whole and streamed), images.generate, audio.transcriptions.create with a WAV made here, and
// audio.speech.create read as a stream.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI, { toFile } from 'openai';
import { expectedText, startStack } from './harness.mjs';

const TIMEOUT_MS = 15_000;

// A mono 16-bit 16 kHz WAV of `seconds` of silence.
function wav(seconds) {
  const rate = 16000;
  const data = Math.round(seconds * rate) * 2;
  const out = Buffer.alloc(44 + data);
  out.write('RIFF', 0);
  out.writeUInt32LE(36 + data, 4);
  out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36);
  out.writeUInt32LE(data, 40);
  return out;
}

describe('keygate endpoints with the openai Node SDK', () => {
  let stack;
  let client;

  before(async () => {
    stack = await startStack();
    client = new OpenAI({ baseURL: stack.baseURL, apiKey: 'anything', maxRetries: 0, timeout: TIMEOUT_MS });
  });

  after(async () => {
    if (!stack) return;
    const { code, log } = await stack.stop();
    assert.equal(code, 0, `keygate exited with ${code} after SIGTERM:\n${log}`);
  });

  it('answers a legacy completion', async () => {
    const resp = await client.completions.create({ model: 'instruct-test', prompt: 'Say hi', max_tokens: 3 });
    assert.equal(resp.object, 'text_completion');
    assert.equal(resp.choices[0].text, expectedText(3));
    assert.equal(resp.usage.completion_tokens, 3);
  });

  it('streams a legacy completion', async () => {
    const stream = await client.completions.create({
      model: 'instruct-test',
      prompt: 'Say hi',
      max_tokens: 4,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    assert.equal(text, expectedText(4));
  });

  it('generates images as base64', async () => {
    const resp = await client.images.generate({
      model: 'image-test',
      prompt: 'a lighthouse',
      n: 2,
      response_format: 'b64_json',
    });
    assert.equal(resp.data.length, 2);
    assert.ok(Buffer.from(resp.data[0].b64_json, 'base64').subarray(1, 4).equals(Buffer.from('PNG')));
  });

  it('transcribes a WAV upload', async () => {
    const resp = await client.audio.transcriptions.create({
      model: 'whisper-test',
      file: await toFile(wav(0.75), 'hello.wav', { type: 'audio/wav' }),
      response_format: 'verbose_json',
    });
    assert.equal(resp.text, 'Hello from the fake transcription.');
    assert.equal(resp.duration, 0.75);
  });

  it('refuses an upload of an unsupported type with a 400', async () => {
    await assert.rejects(
      client.audio.transcriptions.create({
        model: 'whisper-test',
        file: await toFile(Buffer.from('hello'), 'notes.txt'),
      }),
      (err) => err.status === 400 && err.code === 'unsupported_file_type',
    );
  });

  it('streams speech audio', async () => {
    const input = 'Hello from keygate';
    const resp = await client.audio.speech.create({ model: 'tts-test', voice: 'alloy', input });
    assert.equal(resp.headers.get('content-type'), 'audio/mpeg');
    const chunks = [];
    for await (const chunk of resp.body) chunks.push(Buffer.from(chunk));
    const audio = Buffer.concat(chunks);
    assert.equal(audio.subarray(0, 3).toString(), 'ID3');
    assert.equal(audio.length, 10 + 64 * input.length);
  });
});
