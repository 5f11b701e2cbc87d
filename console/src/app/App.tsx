import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { SignInScreen } from '../sign-in/SignInScreen';
import { Toasts } from '../ui/Toasts';
import { EmptyState } from '../ui/EmptyState';
import { WarningIcon } from '../ui/icons';
import { loadSession, session, sessionError, signedOutReset } from './app-state';
import { useObservable } from './observable';
import { Shell } from './Shell';
import { forgetAllStores } from '../chat/conversation-store';
import { resetCompare } from '../compare/CompareScreen';

export function App(): JSX.Element {
  const state = useObservable(session);
  const problem = useObservable(sessionError);

  useEffect(() => {
    void loadSession();
  }, []);

  const signedOut = state !== null && state.auth_required && !state.signed_in;
  useEffect(() => {
    if (!signedOut) return;
    forgetAllStores();
    resetCompare();
    signedOutReset();
  }, [signedOut]);

  let content: JSX.Element;
  if (problem && !state) {
    content = (
      <main class="center-screen">
        <EmptyState title="keygate could not be reached" tone="error" icon={<WarningIcon />}>
          <p>
            {problem.status === 0 ? 'The server did not answer. Is it running?' : problem.message}
          </p>
          <button type="button" class="button button-primary" onClick={() => void loadSession()}>
            Try again
          </button>
        </EmptyState>
      </main>
    );
  } else if (!state) {
    content = <main class="center-screen" aria-busy="true" />;
  } else if (state.signed_in || !state.auth_required) {
    content = <Shell />;
  } else {
    content = <SignInScreen />;
  }
  return (
    <>
      {content}
      <Toasts />
    </>
  );
}
