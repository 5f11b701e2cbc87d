import { expect, test } from '@playwright/test';
import { composer, signIn, snap } from './helpers';

test('one prompt to three models side by side, each with cost and latency', async ({
  page,
}, testInfo) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Compare models' }).click();
  const columns = page.locator('.compare-column');
  await expect(columns).toHaveCount(3);
  await composer(page).fill('Write a retry helper');
  await composer(page).press('Enter');
  await expect(page.locator('.compare-column .is-streaming')).toHaveCount(3);
  await expect(page.locator('.is-streaming')).toHaveCount(0, { timeout: 30_000 });
  for (let i = 0; i < 3; i++) {
    await expect(columns.nth(i).locator('.cost')).toContainText('$');
    await expect(columns.nth(i).locator('.cost-line')).toContainText('total');
  }
  await snap(page, testInfo, 'compare three');
  await columns.nth(1).getByRole('button', { name: 'Continue with this answer' }).click();
  await expect(page).toHaveURL(/#\/c\//);
  await expect(page.getByRole('group', { name: 'Answer' })).toContainText('2/3');
});
