// Every key and team with its budget, what is spent this period, what is left, when it resets,
// and how much of its rate limits is free right now.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { EmptyState } from '../../ui/EmptyState';
import { KeyIcon } from '../../ui/icons';
import type { PageProps } from '../AdminScreen';
import { adminApi } from '../api/admin-api';
import type { BudgetsAnswer } from '../api/types';
import { LoadProblem } from '../ui/LoadProblem';
import { Segmented } from '../ui/Segmented';
import { useInterval, useLoad, useNow } from '../ui/use-load';
import { budgetLevel, byConcern } from './budget-level';
import { BudgetRow } from './BudgetRow';
import './budgets.css';

export function BudgetsPage({ master }: PageProps): JSX.Element {
  const load = useLoad<BudgetsAnswer>(() => adminApi.budgets(), []);
  const now = useNow(30_000);
  const [show, setShow] = useState<'all' | 'risk'>('all');
  useInterval(load.reload, 15_000, !load.error);

  if (load.error)
    return (
      <div class="admin-page">
        <LoadProblem error={load.error} what="Budgets" onRetry={load.reload} />
      </div>
    );
  if (!load.data) return <div class="admin-page" aria-busy="true" />;

  const { keys, teams } = load.data;
  const all = [...keys, ...teams];
  const spent = all.filter((e) => budgetLevel(e.budget) === 'spent').length;
  const warning = all.filter((e) => budgetLevel(e.budget) === 'warning').length;
  const atRisk = (list: typeof keys) =>
    show === 'all' ? list : list.filter((e) => budgetLevel(e.budget) !== 'ok');
  const shownKeys = atRisk(keys).sort(byConcern);
  const shownTeams = atRisk(teams).sort(byConcern);

  if (all.length === 0) {
    return (
      <div class="admin-page">
        <EmptyState title="No budgets or limits yet" icon={<KeyIcon />}>
          <p>
            {master
              ? 'Give a key or a team a budget in dollars, or a rate limit, and it shows here with what is spent and when it resets.'
              : 'This key has no budget and no rate limit: it can spend without a cap.'}
          </p>
          {master && (
            <a class="button button-primary" href="#/admin/keys">
              Set one on a key
            </a>
          )}
        </EmptyState>
      </div>
    );
  }

  return (
    <div class="admin-page budgets-page">
      <div class="page-toolbar">
        <p class="budget-summary" role="status">
          {spent > 0 && <span class="badge badge-danger">{spent} spent</span>}
          {warning > 0 && <span class="badge badge-warning">{warning} above 80%</span>}
          {spent === 0 && warning === 0 && (
            <span class="badge badge-good">Every budget has room</span>
          )}
          <span class="muted">Periods are UTC. Figures refresh every 15 seconds.</span>
        </p>
        {all.length > 4 && (
          <Segmented
            label="Show"
            name="budget-filter"
            hideLabel
            value={show}
            options={[
              { id: 'all', label: 'All' },
              { id: 'risk', label: `Needs attention (${spent + warning})` },
            ]}
            onChange={setShow}
          />
        )}
      </div>
      <BudgetSection title="Keys" entries={shownKeys} now={now} kind="key" />
      {(teams.length > 0 || master) && (
        <BudgetSection title="Teams" entries={shownTeams} now={now} kind="team" />
      )}
    </div>
  );
}

function BudgetSection(props: {
  title: string;
  entries: BudgetsAnswer['keys'];
  now: number;
  kind: 'key' | 'team';
}): JSX.Element {
  const id = `budgets-${props.kind}`;
  return (
    <section class="card admin-card" aria-labelledby={id}>
      <div class="card-head">
        <h2 id={id}>
          {props.title} <span class="muted">· {props.entries.length}</span>
        </h2>
      </div>
      {props.entries.length === 0 ? (
        <p class="muted section-empty">
          {props.kind === 'team'
            ? 'No team has a budget or limits.'
            : 'Nothing here needs attention.'}
        </p>
      ) : (
        <ul class="budget-list">
          <li class="budget-list-head" aria-hidden="true">
            <span>{props.kind === 'key' ? 'Key' : 'Team'}</span>
            <span>Budget this period</span>
            <span>Resets</span>
            <span>Rate headroom now</span>
          </li>
          {props.entries.map((entry) => (
            <BudgetRow key={entry.id} entry={entry} now={props.now} kind={props.kind} />
          ))}
        </ul>
      )}
    </section>
  );
}
