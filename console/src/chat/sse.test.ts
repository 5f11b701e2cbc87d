import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

const encoder = new TextEncoder();

function parseInPieces(bytes: Uint8Array, cuts: number[]): string[] {
  const parser = new SseParser();
  const events: string[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...parser.push(bytes.slice(start, cut)));
    start = cut;
  }
  events.push(...parser.end());
  return events;
}

const STREAM =
  ': keep-alive\n\n' +
  'data: {"choices":[{"delta":{"content":"héllo 👋"}}]}\n\n' +
  'event: message\r\ndata: {"a":1}\r\n\r\n' +
  'data: line one\ndata: line two\n\n' +
  'data:no-space\r\rdata: [DONE]\n\n';

const EXPECTED = [
  '{"choices":[{"delta":{"content":"héllo 👋"}}]}',
  '{"a":1}',
  'line one\nline two',
  'no-space',
  '[DONE]',
];

describe('SseParser', () => {
  it('parses a whole stream in one chunk', () => {
    expect(parseInPieces(encoder.encode(STREAM), [])).toEqual(EXPECTED);
  });

  it('gives the same events whichever byte the stream is split at', () => {
    const bytes = encoder.encode(STREAM);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parseInPieces(bytes, [cut]), `split at byte ${cut}`).toEqual(EXPECTED);
    }
  });

  it('gives the same events when every byte arrives alone', () => {
    const bytes = encoder.encode(STREAM);
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(parseInPieces(bytes, cuts)).toEqual(EXPECTED);
  });

  it('splits inside a multi-byte character without corrupting it', () => {
    const bytes = encoder.encode('data: 👋é\n\n');
    // The emoji is bytes 6..9: cut between each of them.
    for (const cut of [7, 8, 9, 11]) {
      expect(parseInPieces(bytes, [cut])).toEqual(['👋é']);
    }
  });

  it('flushes a last event that has no blank line after it', () => {
    expect(parseInPieces(encoder.encode('data: tail'), [])).toEqual(['tail']);
  });

  it('ignores comments and fields it does not use', () => {
    expect(parseInPieces(encoder.encode(': ping\nid: 4\nretry: 10\n\n'), [])).toEqual([]);
  });
});
