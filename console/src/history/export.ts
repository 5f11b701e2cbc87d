import { api } from '../api/console';

/** Downloads a conversation through keygate's export endpoint. */
export async function downloadExport(id: string, format: 'markdown' | 'json'): Promise<void> {
  const response = await api.exportConversation(id, format);
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const fallback = `conversation-${id}.${format === 'markdown' ? 'md' : 'json'}`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = named ? decodeURIComponent(named) : fallback;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
