// The running configuration shown as text: each line split into key, value and comment for
// colour, and search matches found, all as plain strings (never HTML).

export interface LinePart {
  text: string;
  kind: 'plain' | 'key' | 'comment' | 'secret' | 'match';
}

const KEY_LINE = /^(\s*(?:-\s+)?)([\w.$/@-]+)(:)(?=\s|$)(.*)$/;

function splitComment(value: string): [string, string] {
  // A '#' starts a comment only outside quotes and after a space.
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || value[i - 1] === ' ')) {
      return [value.slice(0, i), value.slice(i)];
    }
  }
  return [value, ''];
}

function withSecrets(text: string, kind: LinePart['kind']): LinePart[] {
  if (kind === 'comment' || !text.includes('***')) return [{ text, kind }];
  const out: LinePart[] = [];
  for (const [i, piece] of text.split(/("?\*\*\*"?)/).entries()) {
    if (piece) out.push({ text: piece, kind: i % 2 === 1 ? 'secret' : kind });
  }
  return out;
}

export function lineParts(line: string): LinePart[] {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('#')) return [{ text: line, kind: 'comment' }];
  const match = KEY_LINE.exec(line);
  if (!match) {
    const [value, comment] = splitComment(line);
    return [
      ...withSecrets(value, 'plain'),
      ...(comment ? [{ text: comment, kind: 'comment' as const }] : []),
    ];
  }
  const [value, comment] = splitComment(match[4] ?? '');
  const parts: LinePart[] = [
    { text: match[1] ?? '', kind: 'plain' },
    { text: match[2] ?? '', kind: 'key' },
    { text: match[3] ?? '', kind: 'plain' },
    ...withSecrets(value, 'plain'),
  ];
  if (comment) parts.push({ text: comment, kind: 'comment' });
  return parts.filter((p) => p.text !== '');
}

/** Marks every case-insensitive occurrence of `needle` inside the parts. */
export function markMatches(
  parts: LinePart[],
  needle: string,
): { parts: LinePart[]; count: number } {
  if (!needle) return { parts, count: 0 };
  const lower = needle.toLowerCase();
  const out: LinePart[] = [];
  let count = 0;
  for (const part of parts) {
    const text = part.text;
    const hay = text.toLowerCase();
    let from = 0;
    let at = hay.indexOf(lower);
    while (at >= 0) {
      if (at > from) out.push({ text: text.slice(from, at), kind: part.kind });
      out.push({ text: text.slice(at, at + needle.length), kind: 'match' });
      count++;
      from = at + needle.length;
      at = hay.indexOf(lower, from);
    }
    if (from < text.length) out.push({ text: text.slice(from), kind: part.kind });
  }
  return { parts: out, count };
}
