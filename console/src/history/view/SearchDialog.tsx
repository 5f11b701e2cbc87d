// Full-text search over every conversation (Ctrl/Cmd+K); a result opens at its message.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/console';
import { ApiError } from '../../api/http';
import type { SearchResult } from '../../api/types';
import { searchOpen } from '../../app/layout';
import { useObservable } from '../../app/observable';
import { navigate } from '../../app/router';
import { formatMoment } from '../../format/time';
import { Dialog } from '../../ui/Dialog';
import { SearchIcon } from '../../ui/icons';
import { snippetParts } from '../snippet';

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; query: string; results: SearchResult[] }
  | { kind: 'failed'; message: string };

export function SearchDialog(): JSX.Element {
  const open = useObservable(searchOpen);
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (open) setTimeout(() => input.current?.select(), 0);
  }, [open]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setState({ kind: 'idle' });
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      setState({ kind: 'searching' });
      api.search(q).then(
        (results) => {
          if (ticket !== latest.current) return;
          setState({ kind: 'done', query: q, results });
          setActive(0);
        },
        (error) => {
          if (ticket !== latest.current) return;
          setState({
            kind: 'failed',
            message: error instanceof ApiError ? error.message : String(error),
          });
        },
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);

  const close = () => searchOpen.set(false);
  const results = state.kind === 'done' ? state.results : [];
  const go = (result: SearchResult | undefined) => {
    if (!result) return;
    close();
    navigate({ name: 'chat', id: result.conversation_id, messageId: result.message_id });
  };

  return (
    <Dialog open={open} title="Search conversations" onClose={close} wide class="search-dialog">
      <div class="search-box">
        <SearchIcon />
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-label="Search words"
          aria-expanded={results.length > 0}
          aria-controls="search-results"
          aria-activedescendant={results[active] ? `search-result-${active}` : undefined}
          placeholder="Words from any message…"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive((i) => Math.min(results.length - 1, i + 1));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((i) => Math.max(0, i - 1));
            } else if (event.key === 'Enter') {
              event.preventDefault();
              go(results[active]);
            }
          }}
        />
      </div>
      <div class="search-status" aria-live="polite">
        {state.kind === 'searching' && 'Searching…'}
        {state.kind === 'failed' && <span class="is-error">Search failed: {state.message}</span>}
        {state.kind === 'done' &&
          state.results.length > 0 &&
          `${state.results.length} result${state.results.length === 1 ? '' : 's'}`}
      </div>
      {state.kind === 'done' && state.results.length === 0 && (
        <div class="search-empty">
          <p>
            Nothing matches <strong>“{state.query}”</strong>.
          </p>
          <p class="muted">
            Search looks for whole words in every message; try fewer or other words.
          </p>
        </div>
      )}
      {state.kind === 'idle' && (
        <p class="search-empty muted">
          Type to search the text of every message you have sent or received.
        </p>
      )}
      <ul id="search-results" role="listbox" class="search-results" aria-label="Results">
        {results.map((result, index) => (
          <li
            key={result.message_id}
            id={`search-result-${index}`}
            role="option"
            aria-selected={index === active}
            class={`search-result ${index === active ? 'is-active' : ''}`}
            onClick={() => go(result)}
            onPointerMove={() => setActive(index)}
          >
            <span class="search-result-head">
              <span class="search-result-title">{result.title || 'New chat'}</span>
              <span class="muted">{formatMoment(result.created_at)}</span>
            </span>
            <span class="search-snippet">
              {snippetParts(result.snippet).map((part, i) =>
                part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
              )}
            </span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
