import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { buildChatRequest, inlineTextAttachment } from './build-request';

const base = {
  reasoning: null,
  model: null,
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

const history: Message[] = [
  {
    ...base,
    id: 'u1',
    parent_id: null,
    role: 'user',
    content: 'What is in this picture?',
    status: 'complete',
    attachments: [
      { kind: 'image', media_type: 'image/png', data_url: 'data:image/png;base64,AAAA' },
      { kind: 'text', name: 'notes.md', text: 'has ``` fences' },
    ],
  },
  {
    ...base,
    id: 'a1',
    parent_id: 'u1',
    role: 'assistant',
    content: 'A cat.',
    status: 'complete',
    attachments: [],
  },
  {
    ...base,
    id: 'a2',
    parent_id: 'a1',
    role: 'assistant',
    content: '',
    status: 'error',
    attachments: [],
  },
];

describe('buildChatRequest', () => {
  it('puts the system prompt first, images as image_url parts, text files inline', () => {
    const request = buildChatRequest(
      'gpt-4.1',
      'Be brief.',
      { temperature: 0.3, max_tokens: 100 },
      history,
    );
    expect(request.model).toBe('gpt-4.1');
    expect(request.temperature).toBe(0.3);
    expect(request.max_tokens).toBe(100);
    expect(request.reasoning_effort).toBeUndefined();
    expect(request.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    const user = request.messages[1]!;
    expect(Array.isArray(user.content)).toBe(true);
    const parts = user.content as { type: string; text?: string; image_url?: { url: string } }[];
    expect(parts[0]?.type).toBe('text');
    expect(parts[0]?.text).toContain('What is in this picture?');
    expect(parts[0]?.text).toContain('File: notes.md');
    expect(parts[1]).toEqual({
      type: 'image_url',
      image_url: { url: 'data:image/png;base64,AAAA' },
    });
    expect(request.messages[2]).toEqual({ role: 'assistant', content: 'A cat.' });
    expect(request.messages).toHaveLength(3); // the failed, empty answer is left out
  });

  it('leaves out an empty system prompt', () => {
    expect(buildChatRequest('m', '  ', {}, history.slice(1, 2)).messages).toEqual([
      { role: 'assistant', content: 'A cat.' },
    ]);
  });

  it('fences a text file with more backticks than it contains', () => {
    const text = inlineTextAttachment('a.md', 'x ```` y');
    expect(text.startsWith('File: a.md\n`````\n')).toBe(true);
    expect(text.endsWith('\n`````')).toBe(true);
  });
});
