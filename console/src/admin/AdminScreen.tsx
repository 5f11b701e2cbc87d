// The admin pages' frame: the page's title, the tabs this key may use, and the page itself.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { session } from '../app/app-state';
import type { AdminScreenProps } from '../app/AdminRoute';
import { sidebarOpen } from '../app/layout';
import { useObservable } from '../app/observable';
import { ADMIN_PAGES, hrefFor, type AdminPage } from '../app/router';
import { EmptyState } from '../ui/EmptyState';
import { KeyIcon, MenuIcon } from '../ui/icons';
import { isMaster, PAGE_INFO, visiblePages } from './access';
import { ConfigPage } from './config/ConfigPage';
import { KeysPage } from './keys/KeysPage';
import { LivePage } from './live/LivePage';
import { ModelsPage } from './models/ModelsPage';
import { RequestsPage } from './requests/RequestsPage';
import { SpendPage } from './spend/SpendPage';
import { BudgetsPage } from './budgets/BudgetsPage';
import './ui/forget-on-sign-out';
import './styles/frame.css';
import './styles/tables.css';
import './styles/controls.css';
import './styles/series.css';

export interface PageProps {
  query: Record<string, string>;
  master: boolean;
  /** The signed-in key's id (a virtual key sees only its own figures). */
  selfId: string | null;
}

function pageFor(page: AdminPage, props: PageProps): JSX.Element {
  switch (page) {
    case 'spend':
      return <SpendPage {...props} />;
    case 'budgets':
      return <BudgetsPage {...props} />;
    case 'requests':
      return <RequestsPage {...props} />;
    case 'live':
      return <LivePage {...props} />;
    case 'keys':
      return <KeysPage {...props} />;
    case 'models':
      return <ModelsPage {...props} />;
    case 'config':
      return <ConfigPage {...props} />;
  }
}

export function AdminScreen({ page, query }: AdminScreenProps): JSX.Element {
  const signed = useObservable(session);
  const master = isMaster(signed);
  const pages = visiblePages(ADMIN_PAGES, master);
  const info = PAGE_INFO[page];
  const allowed = master || !info.masterOnly;
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = `${info.title} · keygate`;
    return () => {
      document.title = 'keygate';
    };
  }, [info.title]);

  return (
    <main class="chat admin" aria-labelledby="admin-title">
      <header class="chat-header admin-header">
        <button
          type="button"
          class="icon-button drawer-toggle"
          aria-label="Open conversations"
          onClick={() => sidebarOpen.set(true)}
        >
          <MenuIcon />
        </button>
        <div class="chat-title">
          <h1 id="admin-title">{info.title}</h1>
        </div>
        {!master && signed?.key && (
          <span class="admin-scope" title={signed.key.id}>
            Only {signed.key.alias || signed.key.id}
          </span>
        )}
      </header>
      <nav class="admin-tabs" aria-label="Admin pages">
        <ul>
          {pages.map((name) => (
            <li key={name}>
              <a
                href={hrefFor({ name: 'admin', page: name, query: {} })}
                class={name === page ? 'is-current' : ''}
                aria-current={name === page ? 'page' : undefined}
              >
                {PAGE_INFO[name].tab}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="admin-body" id="admin-main" tabIndex={-1} ref={body}>
        {allowed ? (
          pageFor(page, { query, master, selfId: signed?.key?.id ?? null })
        ) : (
          <EmptyState title="Only the master key can open this" tone="error" icon={<KeyIcon />}>
            <p>
              {info.title} is kept for keygate’s administrator. This key can see its own spend,
              requests, budget and live traffic.
            </p>
            <a class="button button-primary" href="#/admin/spend">
              See this key’s spend
            </a>
          </EmptyState>
        )}
      </div>
    </main>
  );
}
