import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { standouts } from './standouts';

const answer = (
  id: string,
  cost: number | null,
  total: number | null,
  status: Message['status'] = 'complete',
) => ({ id, status, cost_nanos: cost, cost_usd: null, total_ms: total }) as Message;

describe('standouts', () => {
  it('names the cheapest and the fastest finished answer', () => {
    expect(
      standouts([answer('a', 300, 900), answer('b', 100, 2000), answer('c', 200, 800)]),
    ).toEqual({
      cheapest: 'b',
      fastest: 'c',
    });
  });

  it('names nobody on a tie, alone, or while answers are unfinished', () => {
    expect(standouts([answer('a', 100, 900), answer('b', 100, 900)])).toEqual({
      cheapest: null,
      fastest: null,
    });
    expect(standouts([answer('a', 100, 900)])).toEqual({ cheapest: null, fastest: null });
    expect(standouts([answer('a', 100, 900), answer('b', 50, 50, 'streaming')])).toEqual({
      cheapest: null,
      fastest: null,
    });
  });
});
