import { expect, test } from '@playwright/test';
import { signIn, usingMock } from './helpers';

test('a 1,000-message conversation opens at once and mounts earlier messages on scroll', async ({
  page,
}) => {
  test.skip(!usingMock, 'needs the mock’s seeded conversation');
  await signIn(page);
  const started = Date.now();
  await page.getByRole('link', { name: /Long thread/ }).click();
  await expect(page.locator('.message').last()).toContainText('Step 500');
  expect(Date.now() - started).toBeLessThan(5000);
  const mounted = await page.locator('.message').count();
  expect(mounted).toBeLessThan(100);
  await page.locator('.message-scroller').evaluate((el) => (el.scrollTop = 0));
  await expect.poll(() => page.locator('.message').count()).toBeGreaterThan(mounted);
});
