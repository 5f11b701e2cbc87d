import type { JSX } from 'preact';
import { formatPricePerMillion } from '../../format/cost';
import type { DeploymentHealth, ModelGroup } from '../api/types';
import { ms } from '../format/request-words';
import { failureWords, stateWords } from './health-words';

function Chain({ label, groups }: { label: string; groups: string[] }): JSX.Element | null {
  if (groups.length === 0) return null;
  return (
    <span class="group-fact">
      <span class="muted">{label}</span> {groups.join(' → ')}
    </span>
  );
}

function price(d: DeploymentHealth): JSX.Element {
  if (!d.price) return <span class="faint">no price</span>;
  return (
    <span class="price">
      {formatPricePerMillion(d.price.input_per_million)} in ·{' '}
      {formatPricePerMillion(d.price.output_per_million)} out
      {d.price.cached_input_per_million !== null && (
        <span class="cell-detail">
          {formatPricePerMillion(d.price.cached_input_per_million)} cached
        </span>
      )}
    </span>
  );
}

export function ModelGroupCard({ group, now }: { group: ModelGroup; now: number }): JSX.Element {
  const id = `group-${group.name.replace(/[^\w-]/g, '-')}`;
  return (
    <section class="card admin-card model-group" aria-labelledby={id} data-group={group.name}>
      <div class="card-head">
        <h2 id={id}>{group.name}</h2>
        <div class="group-facts">
          <span class="group-fact">
            <span class="muted">routing</span> {group.strategy}
          </span>
          <span class="group-fact">
            <span class="muted">retries</span> {group.retries}
          </span>
          <Chain label="falls back to" groups={group.fallbacks} />
          <Chain label="context too long →" groups={group.context_window_fallbacks} />
          <Chain label="content policy →" groups={group.content_policy_fallbacks} />
        </div>
      </div>
      <div
        class="table-scroll"
        tabIndex={0}
        role="region"
        aria-label={`Deployments of ${group.name}`}
      >
        <table class="data-table deployments-table">
          <thead>
            <tr>
              <th scope="col">Deployment</th>
              <th scope="col">State</th>
              <th scope="col">Recent failures</th>
              <th scope="col" class="num">
                Latency p50 / p95
              </th>
              <th scope="col" class="num">
                First token p50 / p95
              </th>
              <th scope="col" class="num">
                In flight
              </th>
              <th scope="col">Price per 1M tokens</th>
            </tr>
          </thead>
          <tbody>
            {group.deployments.map((d) => {
              const state = stateWords(d, now);
              const failures = failureWords(d.recent_failures);
              return (
                <tr key={d.id} data-deployment={d.id} class={`state-${d.state}`}>
                  <th scope="row">
                    <span class="dep-cell">
                      <span class="dep-id">{d.id}</span>
                      <span class="cell-detail">
                        {d.provider} · {d.model}
                      </span>
                    </span>
                  </th>
                  <td>
                    <span class={`badge badge-${state.tone}`}>{state.label}</span>
                    {state.detail && <span class="cell-detail state-detail">{state.detail}</span>}
                  </td>
                  <td>
                    {failures.length ? (
                      <span class="failures">
                        {failures.map((f) => (
                          <span class="tag failure-tag" key={f}>
                            {f}
                          </span>
                        ))}
                      </span>
                    ) : (
                      <span class="faint">none</span>
                    )}
                  </td>
                  <td class="num">
                    {d.latency_ms.p50 === null ? (
                      <span class="faint">no traffic</span>
                    ) : (
                      `${ms(d.latency_ms.p50)} / ${ms(d.latency_ms.p95)}`
                    )}
                  </td>
                  <td class="num">
                    {d.ttft_ms.p50 === null ? (
                      <span class="faint">–</span>
                    ) : (
                      `${ms(d.ttft_ms.p50)} / ${ms(d.ttft_ms.p95)}`
                    )}
                  </td>
                  <td class="num">{d.in_flight}</td>
                  <td>{price(d)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
