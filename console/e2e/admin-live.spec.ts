import { expect, test } from '@playwright/test';
import { KEY, snap } from './helpers';
import { chat, openAdmin } from './admin-helpers';

test('the live tail shows a request made from another client, and pauses', async ({
  page,
  request,
}, testInfo) => {
  await openAdmin(page, 'live');
  await expect(page.locator('.live-state')).toContainText('Live');

  const response = await chat(request, KEY);
  expect(response.status()).toBe(200);
  const id = response.headers()['x-request-id'];
  expect(id).toBeTruthy();
  const row = page.locator(`.live-table tr[data-key="${id}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator('.col-status')).toContainText('200');
  await snap(page, testInfo, 'live tail');

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.locator('.live-state')).toContainText('Paused');
  const second = await chat(request, KEY);
  const secondId = second.headers()['x-request-id'];
  await expect(page.getByRole('button', { name: /Resume \(\d+ new\)/ })).toBeVisible();
  await expect(page.locator(`.live-table tr[data-key="${secondId}"]`)).toHaveCount(0);
  await page.getByRole('button', { name: /Resume/ }).click();
  await expect(page.locator(`.live-table tr[data-key="${secondId}"]`)).toBeVisible();

  await page.getByLabel('Filter', { exact: true }).fill('no-such-thing-anywhere');
  await expect(page.getByText('Nothing matches the filter')).toBeVisible();
  await page.getByLabel('Filter', { exact: true }).fill('');
  await row.click();
  await expect(page.getByRole('dialog', { name: 'Request' })).toContainText(id!);
});
