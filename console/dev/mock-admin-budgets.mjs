// The mock admin API's budgets (GET /admin/budgets): each key's and team's budget with what its
// period has spent, when it resets, and the headroom its limits leave over the last minute.
const DAY = 86_400_000;
const MINUTE = 60_000;

/** Budget entries read from the mock ledger; a signed-in key's budget is the chat's own. */
export function createBudgets({ ledger, signInKeys, budgetOf }) {
  function periodStart(period, now) {
    const day = Math.floor(now / DAY) * DAY;
    const d = new Date(day);
    if (period === 'daily') return day;
    if (period === 'weekly') return day - ((d.getUTCDay() + 6) % 7) * DAY;
    if (period === 'monthly') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    return 0;
  }
  function periodEnd(period, now) {
    const start = periodStart(period, now);
    const d = new Date(start);
    if (period === 'daily') return start + DAY;
    if (period === 'weekly') return start + 7 * DAY;
    if (period === 'monthly') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return null;
  }

  function spentSince(field, id, since) {
    const target = ledger.stringIds.get(id);
    if (target === undefined) return 0;
    const column = field === 'team' ? ledger.team : ledger.key;
    let total = 0;
    for (let i = ledger.lowerBound(since); i < ledger.length; i++)
      if (column[i] === target && ledger.cost[i] > 0) total += ledger.cost[i];
    return total;
  }

  function recentUse(field, id, now) {
    const target = ledger.stringIds.get(id);
    const column = field === 'team' ? ledger.team : ledger.key;
    let requests = 0;
    let tokens = 0;
    if (target !== undefined) {
      for (let i = ledger.lowerBound(now - MINUTE); i < ledger.length; i++) {
        if (column[i] !== target) continue;
        requests++;
        tokens += ledger.prompt[i] + ledger.completion[i];
      }
    }
    return { requests, tokens };
  }

  function budgetEntry(field, item, now) {
    let budget = null;
    const signIn = item.signInSecret ? signInKeys[item.signInSecret] : null;
    const live = signIn ? budgetOf(signIn) : null;
    if (live) {
      budget = {
        usd: live.usd,
        period: 'monthly',
        spent_usd: live.spent_usd,
        spent_nanos: Math.round(live.spent_usd * 1e9),
        remaining_usd: live.remaining_usd,
        resets_at: live.resets_at,
      };
    } else if (item.budget) {
      const spent = spentSince(field, item.id, periodStart(item.budget.period, now));
      budget = {
        usd: item.budget.usd,
        period: item.budget.period,
        spent_usd: spent / 1e9,
        spent_nanos: spent,
        remaining_usd: Math.max(0, item.budget.usd - spent / 1e9),
        resets_at: periodEnd(item.budget.period, now),
      };
    }
    const use = recentUse(field, item.id, now);
    const limit = (n) => (n > 0 ? n : null);
    return {
      id: item.id,
      ...(field === 'key' ? { alias: item.alias || null, team: item.team || null } : {}),
      budget,
      limits: {
        rpm: limit(item.rpm),
        tpm: limit(item.tpm),
        max_parallel: limit(item.max_parallel),
      },
      headroom: {
        requests: item.rpm > 0 ? Math.max(0, item.rpm - use.requests) : null,
        tokens: item.tpm > 0 ? Math.max(0, item.tpm - use.tokens) : null,
        parallel:
          item.max_parallel > 0
            ? Math.max(0, item.max_parallel - (use.requests > 0 ? 1 : 0))
            : null,
      },
    };
  }

  return { budgetEntry };
}
