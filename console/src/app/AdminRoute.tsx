// The admin pages live in their own chunks (and uPlot in one more): the chat page never loads
// them. This is the only admin code in the entry chunk.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { EmptyState } from '../ui/EmptyState';
import { WarningIcon } from '../ui/icons';
import type { AdminPage } from './router';

export interface AdminScreenProps {
  page: AdminPage;
  query: Record<string, string>;
}

let loaded: ComponentType<AdminScreenProps> | null = null;

export function AdminRoute(props: AdminScreenProps): JSX.Element {
  const [Screen, setScreen] = useState<ComponentType<AdminScreenProps> | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (loaded) return;
    let live = true;
    import('../admin/AdminScreen')
      .then((module) => {
        loaded = module.AdminScreen;
        if (live) setScreen(() => module.AdminScreen);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [attempt]);

  if (Screen) return <Screen {...props} />;
  return (
    <main class="chat center-screen" aria-busy={!failed}>
      {failed && (
        <EmptyState title="This page could not be loaded" tone="error" icon={<WarningIcon />}>
          <p>
            keygate may have been updated since this tab was opened. Reload to get the new version.
          </p>
          <button
            type="button"
            class="button button-primary"
            onClick={() => {
              setFailed(false);
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
        </EmptyState>
      )}
    </main>
  );
}
