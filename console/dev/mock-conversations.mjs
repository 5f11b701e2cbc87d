// The mock keygate's conversations (docs/console-api.md): how a conversation and its messages
// are made, summarised, exported as Markdown and imported. Pure functions over plain objects;
// mock-server.mjs keeps the stores.
import { randomUUID } from 'node:crypto';

export function summary(c) {
  const cost = c.messages.reduce((n, m) => n + (m.cost_nanos ?? 0), 0);
  return {
    id: c.id,
    title: c.title,
    model: c.model,
    created_at: c.created_at,
    updated_at: c.updated_at,
    message_count: c.messages.length,
    cost_usd: cost / 1e9,
  };
}

export function whole(c) {
  const now = Date.now();
  for (const m of c.messages) {
    if (m.status === 'streaming' && now - m.touched_at > 8000) m.status = 'incomplete';
  }
  return {
    ...summary(c),
    system_prompt: c.system_prompt,
    settings: c.settings,
    active_leaf: c.active_leaf,
    messages: c.messages.map(publicMessage),
  };
}

export function publicMessage(m) {
  const { touched_at, ...rest } = m;
  return rest;
}

export function newMessage(init) {
  return {
    id: `m_${randomUUID().slice(0, 12)}`,
    parent_id: init.parent_id ?? null,
    role: init.role,
    content: init.content ?? '',
    reasoning: null,
    attachments: init.attachments ?? [],
    model: init.model ?? null,
    status: init.status ?? 'complete',
    error: null,
    request_id: null,
    usage: null,
    cost_usd: null,
    cost_nanos: null,
    ttft_ms: null,
    total_ms: null,
    deployment: null,
    created_at: init.created_at ?? Date.now(),
    touched_at: Date.now(),
  };
}

export function newConversation(init) {
  const now = init.created_at ?? Date.now();
  return {
    id: `c_${randomUUID().slice(0, 12)}`,
    title: init.title ?? null,
    model: init.model ?? null,
    system_prompt: init.system_prompt ?? null,
    settings: init.settings ?? {},
    active_leaf: null,
    created_at: now,
    updated_at: init.updated_at ?? now,
    messages: [],
  };
}

export function snippetFor(text, words) {
  const lower = text.toLowerCase();
  const first = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0));
  const start = Math.max(0, first - 40);
  let piece = text.slice(start, start + 160).replace(/\s+/g, ' ');
  for (const word of words) {
    piece = piece.replace(
      new RegExp(`(${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'ig'),
      '[$1]',
    );
  }
  return `${start > 0 ? '…' : ''}${piece}${start + 160 < text.length ? '…' : ''}`;
}

export function activePath(c) {
  const byId = new Map(c.messages.map((m) => [m.id, m]));
  let leaf = c.active_leaf ? byId.get(c.active_leaf) : c.messages.at(-1);
  const path = [];
  while (leaf) {
    path.unshift(leaf);
    leaf = leaf.parent_id ? byId.get(leaf.parent_id) : undefined;
  }
  return path;
}

export function exportMarkdown(c) {
  const lines = [`# ${c.title ?? 'Conversation'}`, ''];
  for (const m of activePath(c)) {
    lines.push(`## ${m.role === 'user' ? 'You' : (m.model ?? 'Assistant')}`, '', m.content, '');
  }
  return lines.join('\n');
}

export function importInto(store, parsed) {
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const created = [];
  list.forEach((item, index) => {
    if (!item || typeof item !== 'object')
      throw new Error(`conversation ${index + 1}: not an object`);
    if (Array.isArray(item.messages)) {
      const c = newConversation({ title: item.title ?? 'Imported', model: item.model ?? null });
      const idMap = new Map();
      for (const m of item.messages) {
        const copy = newMessage({
          ...m,
          parent_id: m.parent_id ? (idMap.get(m.parent_id) ?? null) : null,
        });
        idMap.set(m.id, copy.id);
        c.messages.push(copy);
      }
      c.active_leaf = c.messages.at(-1)?.id ?? null;
      created.push(c);
      return;
    }
    if (!item.mapping || typeof item.mapping !== 'object')
      throw new Error(`conversation ${index + 1}: no mapping`);
    const createdAt =
      typeof item.create_time === 'number' ? Math.round(item.create_time * 1000) : Date.now();
    const c = newConversation({
      title: item.title || 'Imported',
      created_at: createdAt,
      updated_at: createdAt,
    });
    const idMap = new Map();
    const nodes = Object.values(item.mapping);
    const ordered = nodes
      .filter((n) => n.message && ['user', 'assistant'].includes(n.message.author?.role))
      .sort((a, b) => (a.message.create_time ?? 0) - (b.message.create_time ?? 0));
    for (const node of ordered) {
      const parts = node.message.content?.parts ?? [];
      const text = parts.filter((p) => typeof p === 'string').join('\n');
      if (!text.trim()) continue;
      let parent = node.parent;
      while (parent && !idMap.has(parent)) parent = item.mapping[parent]?.parent ?? null;
      const m = newMessage({
        parent_id: parent ? idMap.get(parent) : null,
        role: node.message.author.role,
        content: text,
        model: node.message.metadata?.model_slug ?? null,
        created_at: node.message.create_time
          ? Math.round(node.message.create_time * 1000)
          : createdAt,
      });
      idMap.set(node.id, m.id);
      c.messages.push(m);
    }
    c.active_leaf =
      (item.current_node && idMap.get(item.current_node)) ?? c.messages.at(-1)?.id ?? null;
    created.push(c);
  });
  for (const c of created) store.conversations.set(c.id, c);
  return created.length;
}
