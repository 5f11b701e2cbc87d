// Markdown to sanitized HTML, whole or block by block (for the streaming view).
import { markdown } from './markdown';
import { sanitizeHtml } from './sanitize';

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown().render(source));
}

export interface RenderedBlock {
  /** The block's source text: equal keys render equal HTML. */
  key: string;
  /** Unsanitized HTML of this block alone; callers sanitize it. */
  html: () => string;
}

/**
 * Splits a document into its top-level blocks, parsed once as a whole (so references and list
 * numbering hold), each rendered on demand: a streaming view re-renders only what changed.
 */
export function splitBlocks(source: string): RenderedBlock[] {
  const md = markdown();
  const env = {};
  const tokens = md.parse(source, env);
  const lines = source.split('\n');
  const blocks: RenderedBlock[] = [];
  let start = 0;
  while (start < tokens.length) {
    let end = start;
    const opener = tokens[start];
    if (opener && opener.nesting === 1) {
      let depth = 0;
      for (; end < tokens.length; end++) {
        const token = tokens[end];
        if (!token) break;
        depth += token.nesting;
        if (depth === 0) break;
      }
    }
    const slice = tokens.slice(start, end + 1);
    const map = opener?.map;
    const key = map ? lines.slice(map[0], map[1]).join('\n') : `#${start}`;
    blocks.push({ key, html: () => md.renderer.render(slice, md.options, env) });
    start = end + 1;
  }
  return blocks;
}
