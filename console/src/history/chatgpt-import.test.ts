import { describe, expect, it } from 'vitest';
import { ImportFormatError, previewImport } from './chatgpt-import';

const node = (id: string, parent: string | null, role: string | null, parts: unknown[] = []) => ({
  id,
  parent,
  children: [],
  message:
    role === null ? null : { id, author: { role }, content: { content_type: 'text', parts } },
});

const chatgptExport = [
  {
    title: 'Trip plan',
    create_time: 1700000000.5,
    mapping: {
      root: node('root', null, null),
      sys: node('sys', 'root', 'system', ['']),
      u1: node('u1', 'sys', 'user', ['Plan a trip']),
      a1: node('a1', 'u1', 'assistant', ['Sure, here is a plan.']),
      a1b: node('a1b', 'u1', 'assistant', ['Another plan.']),
      empty: node('empty', 'a1', 'assistant', ['']),
    },
    current_node: 'a1',
  },
  { title: '', mapping: { x: node('x', null, 'user', ['hi']) } },
];

function problem(text: string): string {
  try {
    previewImport(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFormatError);
    return (error as Error).message;
  }
  throw new Error('expected the import to be refused');
}

describe('previewImport', () => {
  it('reads a ChatGPT export: titles, dates and the messages with text', () => {
    const preview = previewImport(JSON.stringify(chatgptExport));
    expect(preview.format).toBe('chatgpt');
    expect(preview.conversations).toEqual([
      { title: 'Trip plan', messageCount: 3, createdAt: 1700000000500 },
      { title: 'Untitled', messageCount: 1, createdAt: null },
    ]);
  });

  it('reads a keygate JSON export', () => {
    const preview = previewImport(
      JSON.stringify({ title: 'T', created_at: 5, messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(preview).toEqual({
      format: 'keygate',
      conversations: [{ title: 'T', messageCount: 1, createdAt: 5 }],
    });
  });

  it('says when the file is not JSON', () => {
    expect(problem('{"oops": ')).toMatch(/not valid JSON/);
    expect(problem('')).toMatch(/not valid JSON/);
  });

  it('says when the file is not a conversation list', () => {
    expect(problem('42')).toMatch(/found a number/);
    expect(problem('[]')).toMatch(/no conversations/);
    expect(problem('{"title": "x"}')).toMatch(/found an object/);
  });

  it('names the conversation and node where the file is wrong', () => {
    const broken = structuredClone(chatgptExport);
    (broken[0]!.mapping.u1 as { message: unknown }).message = {
      author: { role: 'robot' },
      content: { parts: [] },
    };
    expect(problem(JSON.stringify(broken))).toMatch(
      /conversation 1\.mapping\["u1"\]\.message\.author\.role/,
    );

    const noMapping = [{ title: 'x' }, { title: 'y', mapping: [] }];
    expect(problem(JSON.stringify(noMapping))).toMatch(
      /conversation 1\.mapping: expected an object/,
    );

    const badParts = [{ mapping: { a: node('a', null, 'user', 'text' as unknown as unknown[]) } }];
    expect(problem(JSON.stringify(badParts))).toMatch(
      /content\.parts: expected an array, found a string/,
    );

    const badNode = [{ mapping: { a: 'nope' } }];
    expect(problem(JSON.stringify(badNode))).toMatch(
      /mapping\["a"\]: expected an object, found a string/,
    );

    const badParent = [{ mapping: { a: { ...node('a', null, 'user', ['x']), parent: 7 } } }];
    expect(problem(JSON.stringify(badParent))).toMatch(/\.parent: expected an id, found a number/);
  });

  it('checks keygate exports message by message', () => {
    expect(problem(JSON.stringify({ messages: [{ role: 'user', content: 1 }] }))).toMatch(
      /messages\[0\]\.content/,
    );
    expect(problem(JSON.stringify({ messages: 'x' }))).toMatch(/messages: expected an array/);
  });
});
