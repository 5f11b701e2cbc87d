// KaTeX is loaded the first time math appears. It writes MathML (no fonts, no inline styles),
// which the browser renders natively; the result is sanitized like everything else.
import { sanitizeHtml } from './sanitize';

type Katex = {
  renderToString(tex: string, options: Record<string, unknown>): string;
};

let loading: Promise<Katex> | null = null;

function loadKatex(): Promise<Katex> {
  loading ??= import('katex').then((module) => module.default as Katex);
  return loading;
}

export async function renderMathIn(root: ParentNode): Promise<void> {
  const nodes = Array.from(root.querySelectorAll<HTMLElement>('.math:not([data-rendered])'));
  if (nodes.length === 0) return;
  const katex = await loadKatex();
  for (const node of nodes) {
    if (node.dataset.rendered) continue;
    const tex = node.textContent ?? '';
    const html = katex.renderToString(tex, {
      displayMode: node.classList.contains('math-display'),
      output: 'mathml',
      throwOnError: false,
      trust: false,
      strict: 'ignore',
      maxExpand: 500,
    });
    node.innerHTML = sanitizeHtml(html);
    node.dataset.rendered = 'true';
    node.title = tex;
  }
}
