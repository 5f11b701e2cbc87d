import { Observable } from './observable';

/** On a phone the sidebar is a drawer; this says whether it is out. */
export const sidebarOpen = new Observable(false);
/** The search dialog, opened by the sidebar button or Ctrl/Cmd+K. */
export const searchOpen = new Observable(false);
