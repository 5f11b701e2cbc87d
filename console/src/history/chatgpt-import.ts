// Reads a file chosen for import before it is sent: a ChatGPT data export's
// conversations.json (an array), or one conversation exported as JSON by keygate. The server
// checks again and imports in one transaction; this check tells the person early, and where.

export interface ImportedConversationPreview {
  title: string;
  messageCount: number;
  createdAt: number | null;
}

export type ImportPreview =
  | { format: 'chatgpt'; conversations: ImportedConversationPreview[] }
  | { format: 'keygate'; conversations: ImportedConversationPreview[] };

export class ImportFormatError extends Error {
  constructor(
    readonly where: string,
    problem: string,
  ) {
    super(where ? `${where}: ${problem}` : problem);
    this.name = 'ImportFormatError';
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function expectObject(value: unknown, where: string): Json {
  if (!isObject(value))
    throw new ImportFormatError(where, `expected an object, found ${describe(value)}`);
  return value;
}

function seconds(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1000) : null;
}

const ROLES = new Set(['user', 'assistant', 'system', 'tool']);

function countChatGptMessages(mapping: Json, where: string): number {
  let count = 0;
  for (const [nodeId, rawNode] of Object.entries(mapping)) {
    const nodeWhere = `${where}.mapping["${nodeId}"]`;
    const node = expectObject(rawNode, nodeWhere);
    if (node.parent !== undefined && node.parent !== null && typeof node.parent !== 'string') {
      throw new ImportFormatError(
        `${nodeWhere}.parent`,
        `expected an id, found ${describe(node.parent)}`,
      );
    }
    if (node.message === null || node.message === undefined) continue;
    const message = expectObject(node.message, `${nodeWhere}.message`);
    const author = expectObject(message.author, `${nodeWhere}.message.author`);
    if (typeof author.role !== 'string' || !ROLES.has(author.role)) {
      throw new ImportFormatError(
        `${nodeWhere}.message.author.role`,
        `expected user, assistant, system or tool, found ${JSON.stringify(author.role) ?? 'nothing'}`,
      );
    }
    if (message.content === undefined || message.content === null) continue;
    const content = expectObject(message.content, `${nodeWhere}.message.content`);
    if (content.parts !== undefined && !Array.isArray(content.parts)) {
      throw new ImportFormatError(
        `${nodeWhere}.message.content.parts`,
        `expected an array, found ${describe(content.parts)}`,
      );
    }
    const parts: unknown[] = Array.isArray(content.parts) ? content.parts : [];
    const hasText =
      parts.some((p) => typeof p === 'string' && p.trim() !== '') ||
      (typeof content.text === 'string' && content.text.trim() !== '');
    if ((author.role === 'user' || author.role === 'assistant') && hasText) count++;
  }
  return count;
}

function previewChatGpt(list: unknown[]): ImportPreview {
  const conversations = list.map((raw, index) => {
    const where = `conversation ${index + 1}`;
    const conversation = expectObject(raw, where);
    if (!isObject(conversation.mapping)) {
      throw new ImportFormatError(
        `${where}.mapping`,
        `expected an object of messages, found ${describe(conversation.mapping)}`,
      );
    }
    const title =
      typeof conversation.title === 'string' && conversation.title.trim()
        ? conversation.title.trim()
        : 'Untitled';
    return {
      title,
      messageCount: countChatGptMessages(conversation.mapping, where),
      createdAt: seconds(conversation.create_time),
    };
  });
  return { format: 'chatgpt', conversations };
}

function previewKeygate(conversation: Json): ImportPreview {
  const messages = conversation.messages;
  if (!Array.isArray(messages)) {
    throw new ImportFormatError('messages', `expected an array, found ${describe(messages)}`);
  }
  messages.forEach((raw, index) => {
    const message = expectObject(raw, `messages[${index}]`);
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw new ImportFormatError(`messages[${index}].role`, 'expected user or assistant');
    }
    if (typeof message.content !== 'string') {
      throw new ImportFormatError(`messages[${index}].content`, 'expected text');
    }
  });
  return {
    format: 'keygate',
    conversations: [
      {
        title: typeof conversation.title === 'string' ? conversation.title : 'Untitled',
        messageCount: messages.length,
        createdAt: typeof conversation.created_at === 'number' ? conversation.created_at : null,
      },
    ],
  };
}

/** Throws ImportFormatError naming the first place the file is wrong. */
export function previewImport(text: string): ImportPreview {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportFormatError('', `not valid JSON (${detail})`);
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) throw new ImportFormatError('', 'the file holds no conversations');
    return previewChatGpt(parsed);
  }
  if (isObject(parsed) && 'messages' in parsed) return previewKeygate(parsed);
  throw new ImportFormatError(
    '',
    `expected ChatGPT's conversations.json (an array) or a keygate JSON export, found ${describe(parsed)}`,
  );
}
