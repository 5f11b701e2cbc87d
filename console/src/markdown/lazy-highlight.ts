// highlight.js is loaded the first time a code block appears, never with the page.
type Highlighter = { highlightElement(element: HTMLElement): void };

let loading: Promise<Highlighter> | null = null;

export function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('highlight.js/lib/common').then((module) => {
    const hljs = module.default;
    hljs.configure({ ignoreUnescapedHTML: true, throwUnescapedHTML: false });
    return hljs;
  });
  return loading;
}

/** Longer blocks are left plain: highlighting them would stall the page for little gain. */
const MAX_HIGHLIGHT_CHARS = 60_000;

export async function highlightCodeIn(root: ParentNode): Promise<void> {
  const blocks = Array.from(root.querySelectorAll<HTMLElement>('pre code:not([data-highlighted])'));
  if (blocks.length === 0) return;
  const hljs = await loadHighlighter();
  for (const block of blocks) {
    if (!block.isConnected || block.dataset.highlighted) continue;
    if ((block.textContent ?? '').length > MAX_HIGHLIGHT_CHARS) {
      block.dataset.highlighted = 'skipped';
      continue;
    }
    // Without a language class, auto-detection picks one among the common languages.
    hljs.highlightElement(block);
  }
}
