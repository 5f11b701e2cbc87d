import { describe, expect, it } from 'vitest';
import type { RequestRow } from '../api/types';
import { savedNanosOf, sumSavedNanosOf } from './money';
import { savingWords } from './saving-words';

const row = (fields: Partial<RequestRow>): RequestRow => ({
  request_id: 'r',
  time_ms: 0,
  key: 'k',
  team: null,
  end_user: null,
  route: 'chat.completions',
  model: 'm',
  deployment: null,
  provider: 'cache',
  status: 200,
  error: null,
  stream: false,
  client_gone: false,
  tokens: { prompt: 0, completion: 0, cached: 0, cache_write: 0, reasoning: 0 },
  cost_usd: 0,
  cost_nanos: 0,
  total_ms: 1,
  ttft_ms: null,
  overhead_ms: 1,
  attempts: 0,
  ...fields,
});

describe('what caches saved', () => {
  it('reads saved_nanos first, saved_usd second, and sums exactly', () => {
    expect(savedNanosOf({ saved_nanos: 1234, saved_usd: 9 })).toBe(1234n);
    expect(savedNanosOf({ saved_usd: 0.000001 })).toBe(1000n);
    expect(savedNanosOf({})).toBeNull();
    expect(sumSavedNanosOf([{ saved_nanos: 100_000_000 }, { saved_usd: 0.2 }, {}])).toBe(
      300_000_000n,
    );
  });

  it('says a hit cost nothing and what it saved', () => {
    const words = savingWords(row({ cache_hit: true, saved_nanos: 1_500_000 }));
    expect(words?.title).toBe('Answered from the response cache');
    expect(words?.text).toContain('$0.0015');
    expect(words?.nanos).toBe(1_500_000n);
  });

  it('tells a prompt cache saving from its write premium, and says nothing without either', () => {
    expect(savingWords(row({ saved_nanos: 2_000 }))?.text).toContain('saved $0.000002');
    expect(savingWords(row({ saved_nanos: -3_000 }))?.text).toContain('cost $0.000003 more');
    expect(savingWords(row({ saved_nanos: null }))).toBeNull();
    expect(savingWords(row({}))).toBeNull();
  });
});
