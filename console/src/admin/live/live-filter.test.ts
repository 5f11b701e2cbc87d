import { describe, expect, it } from 'vitest';
import { liveMatcher, parseLiveRow } from './live-filter';

const row = parseLiveRow(
  JSON.stringify({
    request_id: 'req_1',
    time_ms: 1,
    key: 'key_7f3a',
    model: 'gpt-4.1',
    deployment: 'azure/gpt-4.1-eastus',
    status: 503,
    error: 'upstream_error: overloaded',
    tokens: { prompt: 10 },
  }),
)!;

describe('the live filter', () => {
  it('reads rows and fills what is missing', () => {
    expect(row.tokens).toEqual({
      prompt: 10,
      completion: 0,
      cached: 0,
      cache_write: 0,
      reasoning: 0,
    });
    expect(parseLiveRow('not json')).toBeNull();
    expect(parseLiveRow('{"count": 3}')).toBeNull();
  });

  it('matches every word, aliases included, and a status class', () => {
    const alias = (id: string) => (id === 'key_7f3a' ? 'alex-laptop' : undefined);
    expect(liveMatcher({ text: 'alex azure', status: '' }, alias)(row)).toBe(true);
    expect(liveMatcher({ text: 'alex openai', status: '' }, alias)(row)).toBe(false);
    expect(liveMatcher({ text: 'OVERLOADED', status: '5xx' }, alias)(row)).toBe(true);
    expect(liveMatcher({ text: '', status: '2xx' }, alias)(row)).toBe(false);
    expect(liveMatcher({ text: '', status: 'error' }, alias)(row)).toBe(true);
  });
});
