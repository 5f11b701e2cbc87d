// Shared steps for the admin pages' end-to-end tests. Against a real keygate (KEYGATE_URL),
// KEYGATE_MASTER_KEY is its master key, KEYGATE_KEY a virtual key, KEYGATE_OTHER_KEY_ID the id
// of another key, and KEYGATE_MODEL a cheap model both may use.
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from './helpers';

export const MASTER_KEY = process.env.KEYGATE_MASTER_KEY ?? 'sk-master';
export const OTHER_KEY_ID = process.env.KEYGATE_OTHER_KEY_ID ?? 'key_ci01';
export const MODEL = process.env.KEYGATE_MODEL ?? 'gpt-4.1-mini';

export async function openAdmin(page: Page, path: string, key = MASTER_KEY): Promise<void> {
  await signIn(page, key);
  await page.goto(`/#/admin/${path}`);
  await expect(page.locator('.admin-body')).toBeVisible();
}

/** One small chat completion with a bearer key, as any other client would send it. */
export async function chat(
  request: APIRequestContext,
  key: string,
  prompt = 'Say hello in five words.',
  model = MODEL,
) {
  return request.post('/v1/chat/completions', {
    headers: { Authorization: `Bearer ${key}` },
    data: { model, max_tokens: 16, messages: [{ role: 'user', content: prompt }] },
  });
}

export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map(
      (v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}
