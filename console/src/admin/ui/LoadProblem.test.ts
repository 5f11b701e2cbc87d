import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http';
import { describeProblem } from './LoadProblem';

describe('why a page is empty, in words', () => {
  it('tells a page the key may not open from data that is not its own', () => {
    expect(describeProblem(new ApiError(403, 'master_key_required', 'x'), 'Keys').title).toBe(
      'Only the master key can open this',
    );
    const other = describeProblem(new ApiError(403, 'forbidden', 'x'), 'Spend');
    expect(other.title).toBe('Not yours to see');
    expect(other.refusal).toBe(true);
  });

  it('says when keygate is down or failed, with its status', () => {
    expect(describeProblem(new ApiError(0, 'network', 'x'), 'Spend').title).toBe(
      'keygate could not be reached',
    );
    expect(describeProblem(new ApiError(503, 'busy', 'The ledger is busy'), 'Spend')).toEqual({
      title: 'Could not load spend',
      detail: 'The ledger is busy. (keygate answered 503.)',
      refusal: false,
    });
  });
});
