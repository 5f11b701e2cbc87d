// The Markdown renderer for messages: CommonMark + GFM tables/strikethrough, links made
// clickable, math placeholders, and code blocks with a header and copy button.
import MarkdownIt from 'markdown-it';
import { mathPlugin } from './math-plugin';

const SAFE_LANGUAGE = /^[\w+#.-]{1,32}$/;

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  md.use(mathPlugin);
  const escape = md.utils.escapeHtml;

  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx];
    if (!token) return '';
    const declared = token.info.trim().split(/\s+/)[0] ?? '';
    const language = SAFE_LANGUAGE.test(declared) ? declared.toLowerCase() : '';
    const codeClass = language ? ` class="language-${escape(language)}"` : '';
    return (
      `<div class="code-block"><div class="code-head"><span class="code-lang">${escape(language || 'text')}</span>` +
      `<button type="button" class="code-copy" data-copy-code>Copy</button></div>` +
      `<pre><code${codeClass}>${escape(token.content)}</code></pre></div>\n`
    );
  };
  // Column alignment arrives as style="text-align:…", which the CSP refuses: use classes.
  md.core.ruler.push('align_classes', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'th_open' && token.type !== 'td_open') continue;
      const style = token.attrGet('style');
      const align = style ? /text-align:\s*(left|right|center)/.exec(style)?.[1] : undefined;
      if (!token.attrs || !style) continue;
      token.attrs = token.attrs.filter(([name]) => name !== 'style');
      if (align) token.attrJoin('class', `align-${align}`);
    }
  });
  md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';

  // External images would be refused by the CSP (img-src 'self') and could track the reader:
  // an image becomes a link to it.
  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx];
    if (!token) return '';
    const src = token.attrGet('src') ?? '';
    const alt = token.content || 'image';
    return `<a href="${escape(src)}" class="image-link">${escape(`[image: ${alt}]`)}</a>`;
  };
  return md;
}

let instance: MarkdownIt | null = null;

export function markdown(): MarkdownIt {
  instance ??= createRenderer();
  return instance;
}
