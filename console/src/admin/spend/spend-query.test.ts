import { describe, expect, it } from 'vitest';
import { spendApiQuery, spendStateFromQuery, spendStateToQuery } from './spend-query';

const NOW = Date.UTC(2024, 2, 15, 12);

describe('the spend page address', () => {
  it('defaults to 30 days of cost by model', () => {
    const state = spendStateFromQuery({}, NOW);
    expect(state).toMatchObject({ preset: '30d', split: 'model', metric: 'cost', filters: {} });
    expect(spendStateToQuery(state)).toEqual({ range: '30d' });
  });

  it('round-trips a custom range, a split, a metric and filters', () => {
    const query = {
      from: '2024-03-01',
      to: '2024-03-10',
      split: 'team',
      metric: 'tokens',
      model: 'gpt-4.1',
    };
    const state = spendStateFromQuery(query, NOW);
    expect(state.range).toEqual({ from: '2024-03-01', to: '2024-03-10' });
    expect(spendStateToQuery(state)).toEqual(query);
    expect(spendApiQuery(state, 'day,team')).toEqual({
      group_by: 'day,team',
      from: '2024-03-01',
      to: '2024-03-10',
      model: 'gpt-4.1',
    });
  });

  it('ignores what it does not know', () => {
    const state = spendStateFromQuery({ split: 'colour', metric: 'joy', range: 'forever' }, NOW);
    expect(state).toMatchObject({ preset: '30d', split: 'model', metric: 'cost' });
  });
});
