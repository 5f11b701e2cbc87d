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

  it('round-trips through hrefFor', () => {
    for (const route of [
      { name: 'chat', id: 'x y', messageId: 'm 2' },
      { name: 'compare' },
      { name: 'settings' },
    ] as const) {
      expect(parseHash(hrefFor(route))).toEqual(route);
    }
  });
});
