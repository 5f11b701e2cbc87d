// Titles: the first line of the first prompt at once (free), and, when the person chose a
// title model in settings, a short title written by that model. That call goes through
// /v1/chat/completions like any other, so budgets and the ledger count it.
import { csrfHeaders } from '../api/http';

export function titleFromPrompt(prompt: string): string {
  const line = prompt.trim().split('\n')[0]?.trim() ?? '';
  if (line.length <= 60) return line || 'New chat';
  const cut = line.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${space > 30 ? cut.slice(0, space) : cut}…`;
}

export function cleanTitle(raw: string): string | null {
  const title = raw
    .trim()
    .split('\n')[0]!
    .replace(/^(title:\s*)/i, '')
    .replace(/^["'“”‘’*#\s]+|["'“”‘’*.\s]+$/g, '')
    .trim();
  if (!title) return null;
  return title.length > 80 ? `${title.slice(0, 79)}…` : title;
}

export async function generateTitle(
  model: string,
  prompt: string,
  answer: string,
): Promise<string | null> {
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...csrfHeaders('POST') },
    body: JSON.stringify({
      model,
      max_tokens: 24,
      temperature: 0.2,
      messages: [
        {
          role: 'system',
          content:
            'Write a title of at most six words for the conversation below. Reply with the title only, without quotes.',
        },
        { role: 'user', content: `${prompt.slice(0, 2000)}\n\n---\n\n${answer.slice(0, 2000)}` },
      ],
    }),
  });
  if (!response.ok) return null;
  const body = (await response.json()) as {
    choices?: { message?: { content?: unknown } }[];
  };
  const content = body.choices?.[0]?.message?.content;
  return typeof content === 'string' ? cleanTitle(content) : null;
}
