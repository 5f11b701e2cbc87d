import { describe, expect, it } from 'vitest';
import { renderMarkdown, splitBlocks } from './render';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('renderMarkdown sanitizes model output', () => {
  it('shows a <script> tag as text, never as an element', () => {
    const root = dom(renderMarkdown('<script>alert("x")</script>'));
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).toContain('<script>alert("x")</script>');
  });

  it('leaves no event handler from raw HTML', () => {
    const root = dom(
      renderMarkdown('<img src=x onerror="alert(1)"> and <b onmouseover=alert(1)>b</b>'),
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('[onerror],[onmouseover]')).toBeNull();
    expect(root.textContent).toContain('onerror');
  });

  it('renders javascript:, vbscript: and data: links inert', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'vbscript:x',
      'data:text/html,<b>',
    ]) {
      const root = dom(renderMarkdown(`[click](${href})`));
      const anchor = root.querySelector('a');
      expect(anchor?.getAttribute('href') ?? '', href).not.toMatch(/^(javascript|vbscript|data):/i);
    }
  });

  it('opens links in a new context without opener or referrer', () => {
    const anchor = dom(
      renderMarkdown('See [docs](https://example.com/a) and https://example.org'),
    ).querySelectorAll('a');
    expect(anchor).toHaveLength(2);
    for (const a of anchor) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('target')).toBe('_blank');
    }
  });

  it('turns images into links (no remote loads under the CSP)', () => {
    const root = dom(renderMarkdown('![a cat](https://example.com/cat.png)'));
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://example.com/cat.png');
  });

  it('emits no style attribute, even for aligned table columns', () => {
    const html = renderMarkdown('| a | b |\n| :-: | --: |\n| 1 | 2 |');
    expect(html).not.toContain('style=');
    const root = dom(html);
    expect(root.querySelector('td.align-center')?.textContent).toBe('1');
    expect(root.querySelector('td.align-right')?.textContent).toBe('2');
    expect(root.querySelector('.table-wrap > table')).not.toBeNull();
  });

  it('renders code blocks with a language class, a copy button, and escaped code', () => {
    const root = dom(renderMarkdown('```ts\nconst a = "<b>";\n```'));
    const code = root.querySelector('.code-block pre code.language-ts');
    expect(code?.textContent).toBe('const a = "<b>";\n');
    expect(code?.querySelector('b')).toBeNull();
    expect(root.querySelector('button[data-copy-code]')).not.toBeNull();
  });

  it('refuses a hostile fence language', () => {
    const html = renderMarkdown('```"><img src=x onerror=alert(1)>\nx\n```');
    expect(dom(html).querySelector('img')).toBeNull();
    expect(dom(html).querySelector('code')?.className).toBe('');
  });
});

describe('math', () => {
  it('marks inline and display TeX, as text', () => {
    const root = dom(renderMarkdown('Euler: $e^{i\\pi} + 1 = 0$\n\n$$\n\\int_0^1 x\\,dx\n$$'));
    expect(root.querySelector('.math-inline')?.textContent).toBe('e^{i\\pi} + 1 = 0');
    expect(root.querySelector('div.math-display')?.textContent).toBe('\\int_0^1 x\\,dx');
  });

  it('leaves prices alone', () => {
    const root = dom(renderMarkdown('It costs $5 and $10 per month.'));
    expect(root.querySelector('.math')).toBeNull();
    expect(root.textContent?.trim()).toBe('It costs $5 and $10 per month.');
  });

  it('accepts \\( \\) and \\[ \\] delimiters', () => {
    const root = dom(renderMarkdown('inline \\(a^2\\) and\n\n\\[\nb^2\n\\]'));
    expect(root.querySelector('.math-inline')?.textContent).toBe('a^2');
    expect(root.querySelector('div.math-display')?.textContent).toBe('b^2');
  });

  it('escapes HTML inside TeX', () => {
    const root = dom(renderMarkdown('$<img src=x onerror=alert(1)>$'));
    expect(root.querySelector('img')).toBeNull();
  });
});

describe('splitBlocks', () => {
  it('keys each top-level block by its source', () => {
    const blocks = splitBlocks('# Title\n\nPara one.\n\n- a\n- b\n\n```js\nx\n```');
    expect(blocks.map((b) => b.key.trim())).toEqual([
      '# Title',
      'Para one.',
      '- a\n- b',
      '```js\nx\n```',
    ]);
    expect(blocks[2]?.html()).toContain('<li>a</li>');
  });

  it('keeps an unclosed code fence as one growing block', () => {
    const blocks = splitBlocks('Intro\n\n```py\nprint(1)\nprint(2');
    expect(blocks).toHaveLength(2);
    expect(blocks[1]?.html()).toContain('print(2');
  });
});
