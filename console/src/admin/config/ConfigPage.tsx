// The running configuration, secrets masked by keygate, read-only and searchable; Reload reads
// the file again and shows its problems instead of applying a broken one.
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { showToast } from '../../app/toasts';
import { ChevronDown, SearchIcon, WarningIcon } from '../../ui/icons';
import type { PageProps } from '../AdminScreen';
import { adminApi } from '../api/admin-api';
import type { ConfigAnswer, ReloadAnswer } from '../api/types';
import { changeRefusal } from '../format/server-error';
import { LoadProblem } from '../ui/LoadProblem';
import { asApiError, useLoad } from '../ui/use-load';
import { lineParts, markMatches } from './yaml-lines';
import './config.css';

export function ConfigPage(_props: PageProps): JSX.Element {
  const load = useLoad<ConfigAnswer>(() => adminApi.config(), []);
  const [search, setSearch] = useState('');
  const [current, setCurrent] = useState(0);
  const [reloading, setReloading] = useState(false);
  const [outcome, setOutcome] = useState<ReloadAnswer | null>(null);
  const [reloadError, setReloadError] = useState<string | null>(null);
  const text = useRef<HTMLDivElement>(null);

  const lines = useMemo(() => {
    const yaml = load.data?.yaml ?? '';
    let total = 0;
    return yaml.split('\n').map((line, i) => {
      const marked = markMatches(lineParts(line), search);
      const first = total;
      total += marked.count;
      return { n: i + 1, parts: marked.parts, first, count: marked.count };
    });
  }, [load.data, search]);
  const matches = lines.reduce((n, l) => n + l.count, 0);

  useEffect(() => setCurrent(0), [search]);
  useEffect(() => {
    if (!matches) return;
    const mark = text.current?.querySelectorAll('mark')[current];
    mark?.scrollIntoView({ block: 'center' });
  }, [current, matches, search]);

  const reload = async () => {
    setReloading(true);
    setReloadError(null);
    setOutcome(null);
    try {
      const answer = await adminApi.reload();
      setOutcome(answer);
      if (answer.applied) {
        showToast({
          kind: 'info',
          title: 'Configuration reloaded',
          detail: 'keygate now runs the file as it is.',
        });
        load.reload();
      }
    } catch (error) {
      setReloadError(changeRefusal(asApiError(error)));
    } finally {
      setReloading(false);
    }
  };

  if (load.error) {
    return (
      <div class="admin-page">
        <LoadProblem error={load.error} what="The configuration" onRetry={load.reload} />
      </div>
    );
  }

  return (
    <div class="admin-page admin-page-fill config-page">
      <div class="page-toolbar config-toolbar">
        <div class="config-source">
          <span class="muted">Running configuration from</span>{' '}
          <code>{load.data?.source ?? '…'}</code>
          <p class="help">
            Secrets (API keys, passwords, key hashes) are shown as *** and never leave keygate.
          </p>
        </div>
        <button
          type="button"
          class="button button-primary"
          onClick={() => void reload()}
          disabled={reloading}
        >
          {reloading ? 'Reloading…' : 'Reload from file'}
        </button>
      </div>

      {outcome && !outcome.applied && (
        <div class="reload-problems" role="alert">
          <WarningIcon />
          <div>
            <strong>
              The file has{' '}
              {outcome.problems.length === 1 ? 'a problem' : `${outcome.problems.length} problems`};
              nothing was applied.
            </strong>
            <p>keygate goes on with the configuration below. Fix the file, then reload again.</p>
            <ul>
              {outcome.problems.map((p) => (
                <li key={p}>
                  <code>{p}</code>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {outcome?.applied && (
        <p class="reload-ok" role="status">
          Reloaded: keygate now runs the file as it is.
        </p>
      )}
      {reloadError && (
        <p class="form-refusal" role="alert">
          {reloadError}
        </p>
      )}

      <div class="config-search" role="search">
        <SearchIcon />
        <label for="config-find" class="visually-hidden">
          Find in the configuration
        </label>
        <input
          id="config-find"
          type="search"
          placeholder="Find in the configuration"
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches) {
              e.preventDefault();
              setCurrent((c) => (e.shiftKey ? (c - 1 + matches) % matches : (c + 1) % matches));
            }
          }}
        />
        <span class="config-count" aria-live="polite">
          {search
            ? matches
              ? `${current + 1} of ${matches}`
              : 'no match'
            : `${lines.length} lines`}
        </span>
        <button
          type="button"
          class="icon-button small flip"
          aria-label="Previous match"
          disabled={!matches}
          onClick={() => setCurrent((c) => (c - 1 + matches) % matches)}
        >
          <ChevronDown />
        </button>
        <button
          type="button"
          class="icon-button small"
          aria-label="Next match"
          disabled={!matches}
          onClick={() => setCurrent((c) => (c + 1) % matches)}
        >
          <ChevronDown />
        </button>
      </div>

      <div
        class="config-text"
        ref={text}
        tabIndex={0}
        role="region"
        aria-label="Configuration file"
        aria-busy={load.loading}
      >
        <pre>
          {lines.map((line) => (
            <div class="config-line" key={line.n}>
              <span class="line-no" aria-hidden="true">
                {line.n}
              </span>
              <code>
                {line.parts.map((part, i) => {
                  if (part.kind === 'match') {
                    const index =
                      line.first + line.parts.slice(0, i).filter((p) => p.kind === 'match').length;
                    return (
                      <mark key={i} class={index === current ? 'is-current' : ''}>
                        {part.text}
                      </mark>
                    );
                  }
                  return part.kind === 'plain' ? (
                    part.text
                  ) : (
                    <span key={i} class={`y-${part.kind}`}>
                      {part.text}
                    </span>
                  );
                })}
                {'\n'}
              </code>
            </div>
          ))}
        </pre>
      </div>
    </div>
  );
}
