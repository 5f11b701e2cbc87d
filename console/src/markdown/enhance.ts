import { highlightCodeIn } from './lazy-highlight';
import { renderMathIn } from './lazy-math';

/** Syntax highlighting and math, each loaded on first need. */
export function enhance(root: ParentNode): void {
  const hasCode = root.querySelector('pre code:not([data-highlighted])') !== null;
  const hasMath = root.querySelector('.math:not([data-rendered])') !== null;
  if (hasCode) void highlightCodeIn(root).catch(() => undefined);
  if (hasMath) void renderMathIn(root).catch(() => undefined);
}
