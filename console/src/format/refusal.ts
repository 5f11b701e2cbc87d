// A refused request explained in words: what happened, and when it can work again.
import type { ApiError } from '../api/http';
import type { Budget } from '../api/types';
import { formatUsdShort } from './cost';
import { formatReset, formatWait } from './time';

export interface Explanation {
  title: string;
  detail: string;
  /** The person must sign in again to go on. */
  signIn?: boolean;
}

export interface RefusalContext {
  model?: string | null;
  budget?: Budget | null;
  teamBudget?: Budget | null;
  now?: number;
}

function budgetDetail(budget: Budget | null | undefined, whose: string, now: number): string {
  if (!budget) return `${whose} budget is spent.`;
  const amount = `${formatUsdShort(budget.usd)} per ${budget.period}`;
  const reset = budget.resets_at
    ? ` It resets ${formatReset(budget.resets_at, now)}.`
    : ' It does not reset by itself; an administrator can raise it.';
  return `${whose} budget of ${amount} is spent (${formatUsdShort(budget.spent_usd)} used).${reset}`;
}

export function explainRefusal(error: ApiError, context: RefusalContext = {}): Explanation {
  const now = context.now ?? Date.now();
  const model = context.model ? `“${context.model}”` : 'this model';
  const wait = error.retryAfterSeconds;
  const waitText = wait !== null ? ` Try again in ${formatWait(wait)}.` : '';
  const code = error.code;

  if (error.status === 0) {
    return {
      title: 'keygate could not be reached',
      detail:
        'The network or the server is down. What you wrote is kept; try again when it is back.',
    };
  }
  if (error.status === 429 || code === 'budget_exceeded' || code === 'rate_limit_exceeded') {
    if (code === 'budget_exceeded' || /budget/i.test(error.message)) {
      const team = /team/i.test(error.message) && context.teamBudget;
      const detail = team
        ? budgetDetail(context.teamBudget, 'Your team’s', now)
        : budgetDetail(context.budget, 'This key’s', now);
      const fallbackReset =
        !(team ? context.teamBudget : context.budget)?.resets_at && wait !== null ? waitText : '';
      return { title: 'Budget spent', detail: detail + fallbackReset };
    }
    return {
      title: 'Too many requests',
      detail: `This key has reached its rate limit.${waitText || ' Wait a moment and try again.'}`,
    };
  }
  if (error.status === 401) {
    return {
      title: 'Signed out',
      detail: 'Your session has ended or the key is no longer valid. Sign in again to go on.',
      signIn: true,
    };
  }
  if (error.status === 403) {
    if (code === 'csrf_failed') {
      return {
        title: 'Session check failed',
        detail: 'The page’s session token is stale. Reload the page and try again.',
      };
    }
    return {
      title: 'Not allowed',
      detail: `This key may not use ${model}. Pick another model, or ask an administrator to allow it.`,
    };
  }
  if (error.status === 404) {
    return {
      title: 'Model not found',
      detail: `${model[0]?.toUpperCase()}${model.slice(1)} is not available to this key. Pick another model.`,
    };
  }
  if (error.status === 413) {
    return {
      title: 'Too large',
      detail: 'The request is larger than keygate accepts. Remove an attachment or shorten it.',
    };
  }
  if (error.status === 200) {
    return { title: 'The answer stopped', detail: `The provider reported: ${error.message}` };
  }
  if (error.status >= 500) {
    return {
      title: 'The provider failed',
      detail: `${error.message}${waitText}`,
    };
  }
  return { title: 'Request refused', detail: error.message };
}
