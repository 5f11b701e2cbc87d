// Routes live in the URL's hash: keygate serves the app only at `/`.
import { Observable } from './observable';

export type Route =
  | { name: 'home' }
  | { name: 'chat'; id: string; messageId: string | null }
  | { name: 'compare' }
  | { name: 'settings' };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const chat = /^\/c\/([^/?]+)(?:\?m=([^&]+))?$/.exec(path);
  if (chat && chat[1]) {
    return {
      name: 'chat',
      id: decodeURIComponent(chat[1]),
      messageId: chat[2] ? decodeURIComponent(chat[2]) : null,
    };
  }
  if (path === '/compare') return { name: 'compare' };
  if (path === '/settings') return { name: 'settings' };
  return { name: 'home' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'chat':
      return `#/c/${encodeURIComponent(route.id)}${
        route.messageId ? `?m=${encodeURIComponent(route.messageId)}` : ''
      }`;
    case 'compare':
      return '#/compare';
    case 'settings':
      return '#/settings';
  }
}

export const route = new Observable<Route>(parseHash(location.hash));

window.addEventListener('hashchange', () => route.set(parseHash(location.hash)));

export function navigate(next: Route, replace = false): void {
  const href = hrefFor(next);
  if (replace) history.replaceState(null, '', href);
  else if (location.hash !== href) history.pushState(null, '', href);
  route.set(parseHash(href));
}
