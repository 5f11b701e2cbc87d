// Routes live in the URL's hash: keygate serves the app only at `/`.
import { Observable } from './observable';

export type Route =
  | { name: 'home' }
  | { name: 'chat'; id: string; messageId: string | null }
  | { name: 'compare' }
  | { name: 'settings' }
  | { name: 'admin'; page: AdminPage; query: Record<string, string> };

/** The admin pages (part 2 of the console), each at `#/admin/<page>?<filters>`. */
export const ADMIN_PAGES = [
  'spend',
  'budgets',
  'requests',
  'live',
  'keys',
  'models',
  'config',
] as const;
export type AdminPage = (typeof ADMIN_PAGES)[number];

function isAdminPage(value: string): value is AdminPage {
  return (ADMIN_PAGES as readonly string[]).includes(value);
}

/** A query string as a plain object; empty values are dropped. */
export function parseQuery(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) if (value !== '') out[name] = value;
  return out;
}

export function queryString(query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const name of Object.keys(query).sort()) {
    const value = query[name];
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

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
  const admin = /^\/admin(?:\/([a-z]+))?\/?(?:\?(.*))?$/.exec(path);
  if (admin) {
    const page = admin[1] ?? 'spend';
    if (isAdminPage(page)) return { name: 'admin', page, query: parseQuery(admin[2] ?? '') };
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
    case 'admin':
      return `#/admin/${route.page}${queryString(route.query)}`;
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
