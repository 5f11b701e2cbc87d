import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './router';

describe('hash routes', () => {
  it('reads the routes the app serves', () => {
    expect(parseHash('')).toEqual({ name: 'home' });
    expect(parseHash('#/')).toEqual({ name: 'home' });
    expect(parseHash('#/compare')).toEqual({ name: 'compare' });
    expect(parseHash('#/settings')).toEqual({ name: 'settings' });
    expect(parseHash('#/c/abc')).toEqual({ name: 'chat', id: 'abc', messageId: null });
    expect(parseHash('#/c/a%2Fb?m=m1')).toEqual({ name: 'chat', id: 'a/b', messageId: 'm1' });
    expect(parseHash('#/nowhere')).toEqual({ name: 'home' });
  });

  it('reads admin pages with their filters', () => {
    expect(parseHash('#/admin')).toEqual({ name: 'admin', page: 'spend', query: {} });
    expect(parseHash('#/admin/requests?model=gpt-4.1&status=5xx&key=')).toEqual({
      name: 'admin',
      page: 'requests',
      query: { model: 'gpt-4.1', status: '5xx' },
    });
    expect(parseHash('#/admin/nowhere')).toEqual({ name: 'home' });
  });

  it('writes admin filters in a stable order, without empty ones', () => {
    expect(
      hrefFor({ name: 'admin', page: 'requests', query: { status: '5xx', key: 'a b', model: '' } }),
    ).toBe('#/admin/requests?key=a+b&status=5xx');
    expect(hrefFor({ name: 'admin', page: 'live', query: {} })).toBe('#/admin/live');
  });

  it('round-trips through hrefFor', () => {
    for (const route of [
      { name: 'chat', id: 'x y', messageId: 'm 2' },
      { name: 'compare' },
      { name: 'settings' },
      { name: 'admin', page: 'spend', query: { from: '2025-01-01', group: 'model' } },
    ] as const) {
      expect(parseHash(hrefFor(route))).toEqual(route);
    }
  });
});
