import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from '../../app/router';
import {
  activeFilterCount,
  apiQuery,
  filtersFromQuery,
  filtersToQuery,
  NO_FILTERS,
} from './filters';

describe('request filters and the URL', () => {
  it('round-trips through the page address', () => {
    const filters = {
      ...NO_FILTERS,
      model: 'gpt-4.1',
      status: '5xx',
      from: '2024-03-01',
      key: 'key 7',
    };
    const href = hrefFor({ name: 'admin', page: 'requests', query: filtersToQuery(filters) });
    expect(href).toBe('#/admin/requests?from=2024-03-01&key=key+7&model=gpt-4.1&status=5xx');
    const route = parseHash(href);
    expect(route.name === 'admin' && filtersFromQuery(route.query)).toEqual(filters);
  });

  it('drops what the API would refuse instead of sending it', () => {
    expect(
      filtersFromQuery({
        status: 'DROP TABLE',
        from: '2024-02-30',
        to: '2024-03-02',
        model: ' m ',
      }),
    ).toEqual({ ...NO_FILTERS, to: '2024-03-02', model: 'm' });
    expect(filtersFromQuery({ status: '4XX' }).status).toBe('4xx');
    expect(filtersFromQuery({ status: '503' }).status).toBe('503');
    expect(filtersFromQuery({ status: 'error' }).status).toBe('error');
  });

  it('asks the API for one page with the filters that are set', () => {
    expect(apiQuery({ ...NO_FILTERS, model: 'a' }, { before: 'c1', limit: 50 })).toEqual({
      model: 'a',
      before: 'c1',
      limit: 50,
    });
    expect(apiQuery(NO_FILTERS)).toEqual({ limit: 100 });
    expect(activeFilterCount({ ...NO_FILTERS, key: 'k', to: '2024-01-01' })).toBe(2);
  });
});
