import { Observable } from './observable';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  title: string;
  detail?: string;
}

export const toasts = new Observable<Toast[]>([]);
let nextId = 1;

export function showToast(toast: Omit<Toast, 'id'>, ms = 6000): void {
  const id = nextId++;
  toasts.update((list) => [...list.slice(-2), { ...toast, id }]);
  setTimeout(() => dismissToast(id), ms);
}

export function dismissToast(id: number): void {
  toasts.update((list) => list.filter((t) => t.id !== id));
}
