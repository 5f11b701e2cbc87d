// The signed-in app: sidebar, the screen the hash names, search, toasts and global keys.
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { api } from '../api/console';
import { activeStore } from '../chat/conversation-store';
import { ChatScreen } from '../chat/view/ChatScreen';
import { CompareScreen } from '../compare/CompareScreen';
import { SearchDialog } from '../history/view/SearchDialog';
import { Sidebar } from '../history/view/Sidebar';
import { SettingsScreen } from '../settings/SettingsScreen';
import { reportError, session, signedOutReset, startSignedIn } from './app-state';
import { searchOpen } from './layout';
import { useObservable } from './observable';
import { route as routeState } from './router';
import { AdminRoute } from './AdminRoute';

export function Shell(): JSX.Element {
  const route = useObservable(routeState);

  useEffect(() => {
    void startSignedIn();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        searchOpen.set(true);
      } else if (event.key === 'Escape' && !document.querySelector('dialog[open]')) {
        activeStore.current?.stop();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const signOut = async () => {
    try {
      await api.signOut();
    } catch (error) {
      reportError(error);
      return;
    }
    signedOutReset();
    session.set({ signed_in: false, auth_required: true });
  };

  let screen: JSX.Element;
  switch (route.name) {
    case 'compare':
      screen = <CompareScreen />;
      break;
    case 'settings':
      screen = <SettingsScreen />;
      break;
    case 'admin':
      screen = <AdminRoute page={route.page} query={route.query} />;
      break;
    case 'chat':
      screen = <ChatScreen key={route.id} id={route.id} focusMessageId={route.messageId} />;
      break;
    default:
      screen = <ChatScreen key="new" id={null} focusMessageId={null} />;
  }

  return (
    <div class="shell">
      {route.name === 'admin' ? (
        <a class="skip-link" href="#admin-main">
          Skip to content
        </a>
      ) : (
        <a class="skip-link" href="#composer-input">
          Skip to message box
        </a>
      )}
      <Sidebar onSignOut={() => void signOut()} />
      {screen}
      <SearchDialog />
    </div>
  );
}
