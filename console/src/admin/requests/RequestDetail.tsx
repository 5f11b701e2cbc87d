// One request, whole: status and error, who sent it, where it went (every attempt), tokens by
// type, its exact cost, and where its time went (keygate's own share included).
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { hrefFor } from '../../app/router';
import { showToast } from '../../app/toasts';
import { Dialog } from '../../ui/Dialog';
import { CopyIcon } from '../../ui/icons';
import { adminApi } from '../api/admin-api';
import type { RequestRow } from '../api/types';
import { formatCount, formatNanos, nanosOf } from '../format/money';
import { errorWords, fullTime, ms, statusWords } from '../format/request-words';
import { savingWords } from '../format/saving-words';
import { StatusBadge } from './columns';
import { TimingBar } from './TimingBar';

export function RequestDetail(props: {
  id: string | null;
  /** The row as the list has it, shown at once; the panel then asks for the whole request. */
  row: RequestRow | null;
  keyName: (id: string) => string;
  onClose: () => void;
}): JSX.Element {
  const [detail, setDetail] = useState<RequestRow | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const row = detail && detail.request_id === props.id ? detail : props.row;

  useEffect(() => {
    setProblem(null);
    setMissing(false);
    if (!props.id) return;
    let live = true;
    adminApi.request(props.id).then(
      (full) => live && setDetail(full),
      (error: { status?: number; message?: string }) => {
        if (!live) return;
        if (error.status === 404) setMissing(true);
        else setProblem(error.message ?? 'The details could not be loaded.');
      },
    );
    return () => {
      live = false;
    };
  }, [props.id]);

  return (
    <Dialog open={props.id !== null} title="Request" onClose={props.onClose} class="side-panel">
      {row ? (
        <DetailBody row={row} keyName={props.keyName} problem={problem} />
      ) : missing ? (
        <p class="dialog-text">
          No request with the id <code>{props.id}</code> is in the ledger, or it is not this key’s.
        </p>
      ) : problem ? (
        <p class="dialog-text is-error">{problem}</p>
      ) : (
        <p class="dialog-text" aria-busy="true">
          Loading…
        </p>
      )}
    </Dialog>
  );
}

function DetailBody({
  row,
  keyName,
  problem,
}: {
  row: RequestRow;
  keyName: (id: string) => string;
  problem: string | null;
}): JSX.Element {
  const nanos = nanosOf(row);
  const error = errorWords(row.error);
  const time = fullTime(row.time_ms);
  const inputUncached = Math.max(0, row.tokens.prompt - row.tokens.cached - row.tokens.cache_write);
  const outputVisible = Math.max(0, row.tokens.completion - row.tokens.reasoning);
  const attempts = row.attempt_log ?? null;
  const saving = savingWords(row);

  return (
    <div class="request-detail">
      <div class="detail-status">
        <StatusBadge status={row.status} />
        <span class="detail-when" title={time.utc}>
          {time.local}
        </span>
      </div>
      {error && (
        <div class={`detail-error ${row.status >= 500 ? 'is-danger' : ''}`} role="note">
          <strong>
            {statusWords(row.status)}
            {error.code ? ` · ${error.code.replace(/_/g, ' ')}` : ''}
          </strong>
          <p>{error.text}</p>
        </div>
      )}
      {row.status >= 200 && row.status < 300 && row.client_gone && (
        <div class="detail-error" role="note">
          <strong>The client went away</strong>
          <p>It disconnected before the answer ended; it was billed for what was generated.</p>
        </div>
      )}

      <dl class="detail-grid">
        <dt>Request id</dt>
        <dd class="detail-id">
          <code>{row.request_id}</code>
          <button
            type="button"
            class="icon-button small"
            aria-label="Copy the request id"
            title="Copy"
            onClick={() =>
              void navigator.clipboard
                ?.writeText(row.request_id)
                .then(() => showToast({ kind: 'info', title: 'Request id copied' }, 2500))
            }
          >
            <CopyIcon />
          </button>
        </dd>
        <dt>Key</dt>
        <dd>
          {row.key ? (
            <>
              <a href={hrefFor({ name: 'admin', page: 'requests', query: { key: row.key } })}>
                {keyName(row.key)}
              </a>
              {keyName(row.key) !== row.key && <code class="detail-sub">{row.key}</code>}
            </>
          ) : (
            <span class="muted">the master key, or no key (auth off)</span>
          )}
        </dd>
        {row.team && (
          <>
            <dt>Team</dt>
            <dd>{row.team}</dd>
          </>
        )}
        {row.end_user && (
          <>
            <dt>End user</dt>
            <dd>{row.end_user}</dd>
          </>
        )}
        <dt>Route</dt>
        <dd>
          <code>{row.route}</code>{' '}
          {row.stream ? <span class="tag">stream</span> : <span class="tag">no stream</span>}
        </dd>
        <dt>Model</dt>
        <dd>{row.model}</dd>
        <dt>Answered by</dt>
        <dd>
          {row.deployment ??
            (row.cache_hit ? (
              <span class="faint">the response cache</span>
            ) : (
              <span class="faint">no deployment (refused before sending)</span>
            ))}
          {row.provider && <span class="detail-sub">{row.provider}</span>}
        </dd>
      </dl>

      <section class="detail-section" aria-labelledby="detail-cost">
        <h3 id="detail-cost">Cost</h3>
        <p class="detail-cost">
          {nanos === null ? (
            <span class="faint">No price is known for this deployment</span>
          ) : (
            <span data-cost-nanos={nanos.toString()}>{formatNanos(nanos)}</span>
          )}
        </p>
        {saving && (
          <div class="detail-saving" role="note" data-saved-nanos={saving.nanos.toString()}>
            <strong>{saving.title}</strong>
            <p>{saving.text}</p>
          </div>
        )}
      </section>

      <section class="detail-section" aria-labelledby="detail-tokens">
        <h3 id="detail-tokens">Tokens</h3>
        <table class="detail-table">
          <tbody>
            <tr>
              <th scope="row">Input</th>
              <td class="num">{formatCount(row.tokens.prompt)}</td>
            </tr>
            <tr class="sub">
              <th scope="row">of which new</th>
              <td class="num">{formatCount(inputUncached)}</td>
            </tr>
            <tr class="sub">
              <th scope="row">read from cache</th>
              <td class="num">{formatCount(row.tokens.cached)}</td>
            </tr>
            <tr class="sub">
              <th scope="row">written to cache</th>
              <td class="num">{formatCount(row.tokens.cache_write)}</td>
            </tr>
            <tr>
              <th scope="row">Output</th>
              <td class="num">{formatCount(row.tokens.completion)}</td>
            </tr>
            <tr class="sub">
              <th scope="row">answer</th>
              <td class="num">{formatCount(outputVisible)}</td>
            </tr>
            <tr class="sub">
              <th scope="row">reasoning</th>
              <td class="num">{formatCount(row.tokens.reasoning)}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section class="detail-section" aria-labelledby="detail-time">
        <h3 id="detail-time">Time</h3>
        <TimingBar total={row.total_ms} ttft={row.ttft_ms} overhead={row.overhead_ms} />
        <dl class="detail-grid detail-times">
          <dt>First token</dt>
          <dd>{ms(row.ttft_ms)}</dd>
          <dt>Total</dt>
          <dd>{ms(row.total_ms)}</dd>
          <dt>keygate’s own</dt>
          <dd>{ms(row.overhead_ms)}</dd>
        </dl>
      </section>

      <section class="detail-section" aria-labelledby="detail-attempts">
        <h3 id="detail-attempts">
          Attempts <span class="muted">· {row.attempts}</span>
        </h3>
        {attempts && attempts.length > 0 ? (
          <ol class="attempt-list">
            {attempts.map((attempt, i) => {
              const fallback = attempt.model !== null && attempt.model !== row.model;
              return (
                <li
                  key={i}
                  class={attempt.status >= 200 && attempt.status < 300 ? 'is-ok' : 'is-failed'}
                >
                  <div class="attempt-head">
                    <span class="attempt-dep">{attempt.deployment}</span>
                    <StatusBadge status={attempt.status} />
                  </div>
                  <div class="attempt-meta">
                    {i === 0 ? 'first try' : fallback ? `fallback to ${attempt.model}` : 'retry'}
                    {attempt.ms !== null && ` · ${ms(attempt.ms)}`}
                  </div>
                  {attempt.error && <div class="attempt-error">{attempt.error}</div>}
                </li>
              );
            })}
          </ol>
        ) : (
          <p class="muted">
            {row.attempts <= 1
              ? 'Answered on the first try.'
              : `${row.attempts} tries; this keygate does not keep each one.`}
          </p>
        )}
        {problem && <p class="is-error">{problem}</p>}
      </section>
    </div>
  );
}
