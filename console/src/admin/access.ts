// Which admin pages a signed-in key may open. The server checks every call anyway; this only
// hides what would be refused.
import type { SessionState } from '../api/types';
import type { AdminPage } from '../app/router';

export interface PageInfo {
  tab: string;
  title: string;
  masterOnly: boolean;
}

export const PAGE_INFO: Record<AdminPage, PageInfo> = {
  spend: { tab: 'Spend', title: 'Spend', masterOnly: false },
  budgets: { tab: 'Budgets', title: 'Budgets and limits', masterOnly: false },
  requests: { tab: 'Requests', title: 'Requests', masterOnly: false },
  live: { tab: 'Live', title: 'Live requests', masterOnly: false },
  keys: { tab: 'Keys', title: 'Keys and teams', masterOnly: true },
  models: { tab: 'Models', title: 'Models and health', masterOnly: true },
  config: { tab: 'Config', title: 'Configuration', masterOnly: true },
};

/** The master key, or a keygate with no keys at all (then everything is open on loopback). */
export function isMaster(state: SessionState | null): boolean {
  if (!state) return false;
  if (!state.auth_required) return true;
  return state.key?.master === true;
}

export function visiblePages(pages: readonly AdminPage[], master: boolean): AdminPage[] {
  return pages.filter((page) => master || !PAGE_INFO[page].masterOnly);
}
