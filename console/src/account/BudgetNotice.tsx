// One line above the composer when the key's (or its team's) budget is nearly or wholly spent,
// so a phone, whose sidebar is hidden, shows it too.
import type { JSX } from 'preact';
import { account as accountState } from '../app/app-state';
import { useObservable } from '../app/observable';
import { formatUsdShort } from '../format/cost';
import { formatWait } from '../format/time';
import { budgetStatus } from './budget-status';

function waitUntil(resetsAt: number): string {
  return formatWait(Math.max(0, (resetsAt - Date.now()) / 1000));
}

export function BudgetNotice(): JSX.Element | null {
  const account = useObservable(accountState);
  const budgets = [account?.budget, account?.team_budget];
  const spent = budgets.find((b) => b && budgetStatus(b).level === 'spent');
  const low = budgets.find((b) => b && budgetStatus(b).level === 'warning');
  const isTeam = (b: unknown) => b === account?.team_budget;

  if (spent) {
    return (
      <p class="composer-notice" role="status">
        {isTeam(spent) ? 'Your team’s' : 'This key’s'} budget is spent
        {spent.resets_at ? `; it resets in ${waitUntil(spent.resets_at)}.` : '.'} Requests will be
        refused until then.
      </p>
    );
  }
  if (low) {
    return (
      <p class="composer-notice" role="status">
        {Math.round(budgetStatus(low).fraction * 100)}% of{' '}
        {isTeam(low) ? 'your team’s' : 'this key’s'} budget is spent:{' '}
        {formatUsdShort(low.remaining_usd)} left
        {low.resets_at ? ` until it resets in ${waitUntil(low.resets_at)}` : ''}.
      </p>
    );
  }
  return null;
}
