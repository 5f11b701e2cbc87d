// The last gate before model output reaches the DOM. markdown-it runs with `html: false`, so
// raw HTML from a model is already escaped; DOMPurify checks the result once more, and
// anchors always open in a new browsing context without an opener or referrer.
import DOMPurify from 'dompurify';

let hooked = false;

function ensureHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      if (href && !href.startsWith('#')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    }
  });
}

const CONFIG = {
  // The page's CSP refuses inline styles; strip them rather than log violations.
  FORBID_ATTR: ['style'],
  FORBID_TAGS: ['style', 'form', 'input', 'textarea', 'select', 'iframe', 'object', 'embed'],
  ADD_ATTR: ['target'],
};

/**
 * Chromium checks style attributes against the page's CSP even while DOMPurify parses in an
 * inert document, so they are cut from the string first. Only the renderers' own attributes
 * can match: they escape every quote in model text.
 */
function withoutStyleAttributes(html: string): string {
  return html.replace(/\sstyle="[^"]*"/g, '');
}

export function sanitizeHtml(html: string): string {
  ensureHooks();
  return DOMPurify.sanitize(withoutStyleAttributes(html), CONFIG);
}

export function sanitizeToFragment(html: string): DocumentFragment {
  ensureHooks();
  return DOMPurify.sanitize(withoutStyleAttributes(html), { ...CONFIG, RETURN_DOM_FRAGMENT: true });
}
