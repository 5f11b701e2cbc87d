import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { MessageTree } from './message-tree';

let clock = 0;
function msg(id: string, parent: string | null, role: Message['role'] = 'user'): Message {
  return {
    id,
    parent_id: parent,
    role,
    content: id,
    reasoning: null,
    attachments: [],
    model: null,
    status: 'complete',
    error: null,
    request_id: null,
    usage: null,
    cost_usd: null,
    cost_nanos: null,
    ttft_ms: null,
    total_ms: null,
    deployment: null,
    created_at: ++clock,
  };
}

// u1 ─ a1 ─ u2 ─ a2
//    └ a1b ─ u3 ─ a3      (a1b regenerated; u2b an edit of u2)
//          u2b ─ a2b
const messages = [
  msg('u1', null),
  msg('a1', 'u1', 'assistant'),
  msg('u2', 'a1'),
  msg('a2', 'u2', 'assistant'),
  msg('a1b', 'u1', 'assistant'),
  msg('u3', 'a1b'),
  msg('a3', 'u3', 'assistant'),
  msg('u2b', 'a1'),
  msg('a2b', 'u2b', 'assistant'),
];

describe('MessageTree', () => {
  const tree = new MessageTree(messages);

  it('follows the active leaf up to the root', () => {
    expect(tree.pathTo('a2').map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(tree.pathTo('a3').map((m) => m.id)).toEqual(['u1', 'a1b', 'u3', 'a3']);
  });

  it('without a leaf shows the newest branch', () => {
    expect(tree.pathTo(null).map((m) => m.id)).toEqual(['u1', 'a1b', 'u3', 'a3']);
    expect(tree.pathTo('missing').map((m) => m.id)).toEqual(['u1', 'a1b', 'u3', 'a3']);
  });

  it('counts siblings in creation order', () => {
    expect(tree.siblingPosition('a1')).toEqual({ index: 0, count: 2 });
    expect(tree.siblingPosition('a1b')).toEqual({ index: 1, count: 2 });
    expect(tree.siblingPosition('u2b')).toEqual({ index: 1, count: 2 });
    expect(tree.siblingPosition('u1')).toEqual({ index: 0, count: 1 });
  });

  it('switching to a sibling lands on the newest leaf below it', () => {
    expect(tree.leafAfterSwitch('a1', 1)).toBe('a3');
    expect(tree.leafAfterSwitch('a1b', -1)).toBe('a2b');
    expect(tree.leafAfterSwitch('u2', 1)).toBe('a2b');
    expect(tree.leafAfterSwitch('u2b', -1)).toBe('a2');
  });

  it('refuses to switch past either end', () => {
    expect(tree.leafAfterSwitch('a1', -1)).toBeNull();
    expect(tree.leafAfterSwitch('a1b', 1)).toBeNull();
  });

  it('keeps a message whose parent is missing, as a root', () => {
    const orphan = new MessageTree([msg('x', 'gone'), msg('y', 'x', 'assistant')]);
    expect(orphan.pathTo('y').map((m) => m.id)).toEqual(['x', 'y']);
  });

  it('does not loop on a cycle in bad data', () => {
    const a = msg('a', 'b');
    const b = msg('b', 'a');
    const cyclic = new MessageTree([a, b]);
    expect(cyclic.pathTo('a').length).toBeLessThanOrEqual(2);
  });
});
