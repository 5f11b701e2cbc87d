import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../api/types';
import { groupByDate } from './group-by-date';

const now = new Date(2026, 5, 15, 15, 0).getTime();
const at = (days: number, hour = 10) => {
  const d = new Date(2026, 5, 15 - days, hour, 0);
  return d.getTime();
};
const conv = (id: string, updated_at: number): ConversationSummary => ({
  id,
  title: id,
  model: null,
  created_at: updated_at,
  updated_at,
  message_count: 2,
  cost_usd: null,
});

describe('groupByDate', () => {
  it('groups newest first into Today, Yesterday, the last week, month, then months', () => {
    const groups = groupByDate(
      [
        conv('old', at(90)),
        conv('today-early', at(0, 0)),
        conv('yesterday-late', at(1, 23)),
        conv('today', at(0, 14)),
        conv('week', at(5)),
        conv('month', at(20)),
      ],
      now,
    );
    expect(groups.map((g) => [g.label, g.conversations.map((c) => c.id)])).toEqual([
      ['Today', ['today', 'today-early']],
      ['Yesterday', ['yesterday-late']],
      ['Previous 7 days', ['week']],
      ['Previous 30 days', ['month']],
      ['March 2026', ['old']],
    ]);
  });

  it('returns nothing for no conversations', () => {
    expect(groupByDate([], now)).toEqual([]);
  });
});
