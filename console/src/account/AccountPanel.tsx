// The signed-in key: who it is, its budget (and its team's) and its limits.
import type { JSX } from 'preact';
import { account } from '../app/app-state';
import { useObservable } from '../app/observable';
import type { Budget } from '../api/types';
import { formatUsdShort } from '../format/cost';
import { formatMoment, formatReset, formatWait } from '../format/time';
import { WarningIcon } from '../ui/icons';
import { budgetStatus } from './budget-status';

function BudgetMeter({ budget, label }: { budget: Budget; label: string }): JSX.Element {
  const { fraction, level } = budgetStatus(budget);
  const percent = Math.round(fraction * 100);
  return (
    <div class={`budget budget-${level}`}>
      <div class="budget-row">
        <span class="budget-label">{label}</span>
        <span class="budget-figure">
          {formatUsdShort(budget.remaining_usd)} left of {formatUsdShort(budget.usd)}
        </span>
      </div>
      <div
        class="meter"
        role="meter"
        aria-label={`${label} spent`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% spent`}
      >
        <div
          class="meter-fill"
          ref={(el) => {
            if (el) el.style.width = `${percent}%`;
          }}
        />
      </div>
      {level !== 'ok' && (
        <p class="budget-alert">
          <WarningIcon />
          {level === 'spent'
            ? `Spent. ${budget.resets_at ? `Resets ${formatReset(budget.resets_at)}.` : ''}`
            : `${percent}% spent this ${budget.period}. Resets in ${formatWait(
                Math.max(0, ((budget.resets_at ?? Date.now()) - Date.now()) / 1000),
              )}.`}
        </p>
      )}
      {level === 'ok' && budget.resets_at && (
        <p class="budget-note" title={`Resets ${formatMoment(budget.resets_at)}`}>
          Resets in {formatWait(Math.max(0, (budget.resets_at - Date.now()) / 1000))}
        </p>
      )}
    </div>
  );
}

export function AccountPanel(): JSX.Element | null {
  const info = useObservable(account);
  if (!info) return null;
  const { limits } = info;
  const limitParts = [
    limits.rpm !== null ? `${limits.rpm} req/min` : null,
    limits.tpm !== null ? `${limits.tpm.toLocaleString('en-US')} tok/min` : null,
    limits.max_parallel !== null ? `${limits.max_parallel} at once` : null,
  ].filter(Boolean);
  return (
    <section class="account" aria-label="This key's budget and limits">
      {info.budget && <BudgetMeter budget={info.budget} label="Budget" />}
      {info.team_budget && <BudgetMeter budget={info.team_budget} label="Team" />}
      {!info.budget && !info.team_budget && <p class="budget-note">No budget set for this key.</p>}
      {limitParts.length > 0 && <p class="limits">Limits: {limitParts.join(' · ')}</p>}
    </section>
  );
}
