import type { ConversationSummary } from '../api/types';

export interface DateGroup {
  label: string;
  conversations: ConversationSummary[];
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Newest first, grouped as Today, Yesterday, Previous 7 days, Previous 30 days, then by month. */
export function groupByDate(list: readonly ConversationSummary[], now = Date.now()): DateGroup[] {
  const today = startOfDay(now);
  const day = 86_400_000;
  const groups: DateGroup[] = [];
  const sorted = [...list].sort((a, b) => b.updated_at - a.updated_at);
  for (const conversation of sorted) {
    const at = conversation.updated_at;
    let label: string;
    if (at >= today) label = 'Today';
    else if (at >= today - day) label = 'Yesterday';
    else if (at >= today - 7 * day) label = 'Previous 7 days';
    else if (at >= today - 30 * day) label = 'Previous 30 days';
    else
      label = new Date(at).toLocaleDateString('en-US', {
        month: 'long',
        year: 'numeric',
      });
    const last = groups[groups.length - 1];
    if (last && last.label === label) last.conversations.push(conversation);
    else groups.push({ label, conversations: [conversation] });
  }
  return groups;
}
