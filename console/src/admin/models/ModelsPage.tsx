// Every model group: its strategy, retries and fallbacks, and each deployment's health,
// failures, latency, load and price. Refreshed every five seconds.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { EmptyState } from '../../ui/EmptyState';
import { ChartIcon } from '../../ui/icons';
import type { PageProps } from '../AdminScreen';
import { adminApi } from '../api/admin-api';
import type { ModelGroup } from '../api/types';
import { LoadProblem } from '../ui/LoadProblem';
import { Segmented } from '../ui/Segmented';
import { useInterval, useLoad, useNow } from '../ui/use-load';
import { countHealth, groupHasTrouble } from './health-words';
import { ModelGroupCard } from './ModelGroupCard';
import './models.css';

export function ModelsPage(_props: PageProps): JSX.Element {
  const load = useLoad<ModelGroup[]>(() => adminApi.models(), []);
  const now = useNow(1000);
  const [show, setShow] = useState<'all' | 'trouble'>('all');
  const [text, setText] = useState('');
  useInterval(load.reload, 5000, !load.error);

  if (load.error) {
    return (
      <div class="admin-page">
        <LoadProblem error={load.error} what="Models and health" onRetry={load.reload} />
      </div>
    );
  }
  if (!load.data) return <div class="admin-page" aria-busy="true" />;
  const groups = load.data;
  if (groups.length === 0) {
    return (
      <div class="admin-page">
        <EmptyState title="No models configured" icon={<ChartIcon />}>
          <p>
            keygate has no model groups. Add deployments to <code>model_list</code> in its config
            file, then reload it from the Config page.
          </p>
          <a class="button" href="#/admin/config">
            Open the configuration
          </a>
        </EmptyState>
      </div>
    );
  }
  const counts = countHealth(groups);
  const words = text.trim().toLowerCase();
  const shown = groups.filter(
    (g) =>
      (show === 'all' || groupHasTrouble(g)) &&
      (!words ||
        g.name.toLowerCase().includes(words) ||
        g.deployments.some((d) =>
          `${d.id} ${d.provider} ${d.model}`.toLowerCase().includes(words),
        )),
  );

  return (
    <div class="admin-page models-page">
      <div class="page-toolbar">
        <p class="health-summary" role="status">
          <span class="badge badge-good">{counts.healthy} healthy</span>
          {counts.cooling > 0 && (
            <span class="badge badge-danger">{counts.cooling} cooling down</span>
          )}
          {counts.probing > 0 && <span class="badge badge-info">{counts.probing} probing</span>}
          <span class="muted">Latency over the last 5 minutes; refreshed every 5 seconds.</span>
        </p>
        <div class="toolbar-group">
          <label class="inline-field">
            <span class="visually-hidden">Find a model or deployment</span>
            <input
              type="search"
              class="select-small"
              placeholder="Find a model or deployment"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
          <Segmented
            label="Show"
            name="health-filter"
            hideLabel
            value={show}
            options={[
              { id: 'all', label: 'All' },
              { id: 'trouble', label: 'With problems' },
            ]}
            onChange={setShow}
          />
        </div>
      </div>
      {shown.length === 0 ? (
        <p class="muted section-empty">
          {show === 'trouble' && !words
            ? 'Every deployment is healthy, with no recent failures.'
            : 'Nothing matches.'}
        </p>
      ) : (
        shown.map((group) => <ModelGroupCard key={group.name} group={group} now={now} />)
      )}
    </div>
  );
}
