import { expect, test, type Page } from '@playwright/test';
import { signIn, usingMock } from './helpers';

/** A ChatGPT export holding one conversation of 500 questions and 500 answers in a chain. */
function longExport(): string {
  const mapping: Record<string, unknown> = {};
  let parent: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const id = `n${i}`;
    const step = Math.floor(i / 2) + 1;
    mapping[id] = {
      id,
      parent,
      children: i < 999 ? [`n${i + 1}`] : [],
      message: {
        author: { role: i % 2 === 0 ? 'user' : 'assistant' },
        content: {
          parts: [
            i % 2 === 0 ? `Question ${step}: what happens at step ${step}?` : `Step ${step}.`,
          ],
        },
        create_time: 1700000000 + i,
      },
    };
    parent = id;
  }
  return JSON.stringify([
    {
      title: 'Long thread (1,000 messages)',
      create_time: 1700000000,
      current_node: 'n999',
      mapping,
    },
  ]);
}

/** keygate starts empty: the conversation is imported as a person would, from Settings. */
async function importLongThread(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.locator('#import-file').setInputFiles({
    name: 'conversations.json',
    mimeType: 'application/json',
    buffer: Buffer.from(longExport()),
  });
  await expect(page.getByText('1 conversation, 1,000 messages')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported 1 conversation')).toBeVisible();
}

test('a 1,000-message conversation opens at once and mounts earlier messages on scroll', async ({
  page,
}) => {
  await signIn(page);
  if (!usingMock) await importLongThread(page);
  const started = Date.now();
  await page
    .getByRole('link', { name: /Long thread/ })
    .first()
    .click();
  await expect(page.locator('.message').last()).toContainText('Step 500');
  expect(Date.now() - started).toBeLessThan(5000);
  const mounted = await page.locator('.message').count();
  expect(mounted).toBeLessThan(100);
  await page.locator('.message-scroller').evaluate((el) => (el.scrollTop = 0));
  await expect.poll(() => page.locator('.message').count()).toBeGreaterThan(mounted);
});
