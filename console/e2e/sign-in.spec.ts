import { expect, test } from '@playwright/test';
import { KEY, signIn, snap } from './helpers';

test('a wrong key is refused in words; the right one signs in; sign-out signs out', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByLabel('Key').fill('sk-not-a-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('does not know this key');
  await snap(page, testInfo, 'sign-in refused');

  await page.getByLabel('Key').fill(KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('the key is kept in no browser storage, and a reload stays signed in', async ({ page }) => {
  await signIn(page);
  const stored = await page.evaluate(async () => {
    const dump = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    const databases = (await indexedDB.databases?.()) ?? [];
    return { dump, databases: databases.length, cookie: document.cookie };
  });
  expect(stored.dump).not.toContain(KEY);
  expect(stored.databases).toBe(0);
  expect(stored.cookie).not.toContain('kg_session'); // HttpOnly
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
});
