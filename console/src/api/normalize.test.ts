import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from './types';
import { normalizeConversation } from './normalize';

describe('normalizeConversation', () => {
  it('fills missing fields of the conversation and its messages', () => {
    const conversation = normalizeConversation({
      id: 'c',
      created_at: 1,
      updated_at: 2,
      messages: [{ id: 'm', role: 'user', content: 'hi' } as Message],
    } as Conversation);
    expect(conversation.settings).toEqual({});
    expect(conversation.active_leaf).toBeNull();
    expect(conversation.messages[0]).toMatchObject({
      parent_id: null,
      attachments: [],
      status: 'complete',
      usage: null,
      cost_nanos: null,
    });
  });

  it('keeps what is there', () => {
    const conversation = normalizeConversation({
      id: 'c',
      settings: { temperature: 1 },
      messages: [
        { id: 'm', status: 'incomplete', attachments: [{ kind: 'text', name: 'a', text: 'b' }] },
      ],
    } as unknown as Conversation);
    expect(conversation.settings).toEqual({ temperature: 1 });
    expect(conversation.messages[0]?.status).toBe('incomplete');
    expect(conversation.messages[0]?.attachments).toHaveLength(1);
  });
});
