// Recognises TeX in model output ($…$, $$…$$, \(…\), \[…\]) and renders it as placeholders
// holding the TeX as text. KaTeX turns them into MathML later, loaded only when math appears.
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';

function isSpace(code: number | undefined): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
}

function isDigit(code: number | undefined): boolean {
  return code !== undefined && code >= 0x30 && code <= 0x39;
}

/** `$x$`: no space just inside the dollars and no digit right after, so "$5 and $10" is text. */
function findInlineDollarEnd(src: string, start: number, max: number): number {
  let pos = start;
  while (pos < max) {
    const at = src.indexOf('$', pos);
    if (at === -1 || at >= max) return -1;
    if (src.charCodeAt(at - 1) === 0x5c /* \ */) {
      pos = at + 1;
      continue;
    }
    if (!isSpace(src.charCodeAt(at - 1)) && !isDigit(src.charCodeAt(at + 1))) return at;
    pos = at + 1;
  }
  return -1;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  const ch = src.charCodeAt(pos);
  let open: string;
  let close: string;
  let display = false;
  if (ch === 0x24 /* $ */) {
    if (src.charCodeAt(pos + 1) === 0x24) {
      open = '$$';
      close = '$$';
      display = true;
    } else {
      open = '$';
      close = '$';
    }
  } else if (ch === 0x5c /* \ */) {
    const next = src[pos + 1];
    if (next === '(') {
      open = '\\(';
      close = '\\)';
    } else if (next === '[') {
      open = '\\[';
      close = '\\]';
      display = true;
    } else {
      return false;
    }
  } else {
    return false;
  }

  const contentStart = pos + open.length;
  let end: number;
  if (open === '$') {
    if (isSpace(src.charCodeAt(contentStart)) || contentStart >= posMax) return false;
    end = findInlineDollarEnd(src, contentStart, posMax);
  } else {
    end = src.indexOf(close, contentStart);
    if (end >= posMax) end = -1;
  }
  if (end === -1 || end === contentStart) return false;

  if (!silent) {
    const token = state.push(display ? 'math_inline_display' : 'math_inline', 'math', 0);
    token.content = src.slice(contentStart, end).trim();
    token.markup = open;
  }
  state.pos = end + close.length;
  return true;
}

function mathBlock(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  const lineStart = (line: number) => (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0);
  const lineEnd = (line: number) => state.eMarks[line] ?? 0;
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;

  const first = state.src.slice(lineStart(startLine), lineEnd(startLine));
  let close: string;
  if (first.startsWith('$$')) close = '$$';
  else if (first.startsWith('\\[')) close = '\\]';
  else return false;

  const afterOpen = first.slice(2);
  let content: string;
  let lastLine = startLine;
  const sameLineEnd = afterOpen.trimEnd().endsWith(close) ? afterOpen.trimEnd().length - 2 : -1;
  if (sameLineEnd >= 0 && afterOpen.trim().length > 0) {
    content = afterOpen.slice(0, sameLineEnd);
  } else {
    const lines: string[] = [afterOpen];
    let found = false;
    for (let line = startLine + 1; line < endLine; line++) {
      const text = state.src.slice(lineStart(line), lineEnd(line));
      if ((state.sCount[line] ?? 0) < state.blkIndent && text.trim() !== '') break;
      const trimmed = text.trimEnd();
      if (trimmed.endsWith(close)) {
        lines.push(trimmed.slice(0, -2));
        lastLine = line;
        found = true;
        break;
      }
      lines.push(text);
    }
    if (!found) return false;
    content = lines.join('\n');
  }
  if (silent) return true;

  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = content.trim();
  token.markup = close === '$$' ? '$$' : '\\[';
  token.map = [startLine, lastLine + 1];
  state.line = lastLine + 1;
  return true;
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  });
  const escape = md.utils.escapeHtml;
  md.renderer.rules.math_inline = (tokens, idx) =>
    `<span class="math math-inline">${escape(tokens[idx]?.content ?? '')}</span>`;
  md.renderer.rules.math_inline_display = (tokens, idx) =>
    `<span class="math math-display">${escape(tokens[idx]?.content ?? '')}</span>`;
  md.renderer.rules.math_block = (tokens, idx) =>
    `<div class="math math-display">${escape(tokens[idx]?.content ?? '')}</div>\n`;
}
