// The conversation as a tree: siblings (same parent) are branches, and the active leaf picks
// the path the conversation shows.
import type { Message } from '../api/types';

export class MessageTree {
  private readonly byId = new Map<string, Message>();
  private readonly childrenOf = new Map<string | null, Message[]>();

  constructor(messages: readonly Message[]) {
    for (const message of messages) this.byId.set(message.id, message);
    for (const message of messages) {
      // A message whose parent is missing is treated as a root rather than lost.
      const parent =
        message.parent_id !== null && this.byId.has(message.parent_id) ? message.parent_id : null;
      const list = this.childrenOf.get(parent);
      if (list) list.push(message);
      else this.childrenOf.set(parent, [message]);
    }
    for (const list of this.childrenOf.values()) list.sort(byCreation);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Message | undefined {
    return this.byId.get(id);
  }

  children(id: string | null): readonly Message[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** The message and its siblings (itself included), oldest first. */
  siblings(id: string): readonly Message[] {
    const message = this.byId.get(id);
    if (!message) return [];
    return this.children(this.parentKey(message));
  }

  /** Root-to-leaf path ending at `leafId`; with no usable leaf, the newest branch. */
  pathTo(leafId: string | null): Message[] {
    let leaf = leafId !== null ? this.byId.get(leafId) : undefined;
    if (!leaf) {
      const roots = this.children(null);
      const newestRoot = roots[roots.length - 1];
      if (!newestRoot) return [];
      leaf = this.get(this.newestLeafUnder(newestRoot.id));
      if (!leaf) return [];
    }
    const path: Message[] = [];
    const seen = new Set<string>();
    for (let node: Message | undefined = leaf; node; node = this.parentOf(node)) {
      if (seen.has(node.id)) break; // a cycle in bad data must not hang the page
      seen.add(node.id);
      path.push(node);
    }
    return path.reverse();
  }

  /** Following the newest child at each step, the leaf below `id`. */
  newestLeafUnder(id: string): string {
    let current = id;
    const seen = new Set<string>();
    for (;;) {
      seen.add(current);
      const kids = this.children(current);
      const newest = kids[kids.length - 1];
      if (!newest || seen.has(newest.id)) return current;
      current = newest.id;
    }
  }

  /** Position of a message among its siblings, for the "‹ 2/3 ›" switcher. */
  siblingPosition(id: string): { index: number; count: number } {
    const list = this.siblings(id);
    return { index: list.findIndex((m) => m.id === id), count: list.length };
  }

  /** The leaf to show after switching from `id` to its sibling `offset` away. */
  leafAfterSwitch(id: string, offset: number): string | null {
    const list = this.siblings(id);
    const index = list.findIndex((m) => m.id === id);
    const target = list[index + offset];
    return target ? this.newestLeafUnder(target.id) : null;
  }

  private parentKey(message: Message): string | null {
    return message.parent_id !== null && this.byId.has(message.parent_id)
      ? message.parent_id
      : null;
  }

  private parentOf(message: Message): Message | undefined {
    const key = this.parentKey(message);
    return key === null ? undefined : this.byId.get(key);
  }
}

function byCreation(a: Message, b: Message): number {
  return a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
