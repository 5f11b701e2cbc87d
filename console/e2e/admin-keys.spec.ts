import { expect, test } from '@playwright/test';
import { snap } from './helpers';
import { MODEL, chat, openAdmin } from './admin-helpers';

test('a key made in the page works at once, and stops when revoked in the page', async ({
  page,
  request,
}, testInfo) => {
  await openAdmin(page, 'keys');
  const alias = `e2e-${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'New key' }).click();
  await page.getByLabel('Name').fill(alias);
  await page.getByLabel('Every model, including ones added later').uncheck();
  await page.getByRole('checkbox', { name: MODEL, exact: true }).check();
  await page.getByLabel('Requests per minute').fill('30');
  await page.getByLabel('Amount in USD').fill('2');
  await page.getByRole('button', { name: 'Create key' }).click();

  const dialog = page.getByRole('dialog', { name: `Key created: ${alias}` });
  await expect(dialog).toContainText('It will not be shown again');
  const secret = await dialog.getByLabel('The key').inputValue();
  expect(secret.length).toBeGreaterThan(16);
  await snap(page, testInfo, 'secret shown once');
  await dialog.getByRole('button', { name: 'I have saved it' }).click();

  const ok = await chat(request, secret);
  expect(ok.status()).toBe(200);

  const row = page.locator('.keys-table tbody tr', { hasText: alias });
  await expect(row).toContainText('30 req/min');
  await expect(row).toContainText('$2.00 per month');
  await row.getByRole('button', { name: `More for ${alias}` }).click();
  await page.getByRole('menuitem', { name: 'Revoke…' }).click();
  await page.getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByText(`Revoked ${alias}`)).toBeVisible();

  const refused = await chat(request, secret);
  expect(refused.status()).toBe(401);
});

test('the key form says what is wrong, field by field, and edits send only what changed', async ({
  page,
}, testInfo) => {
  await openAdmin(page, 'keys');
  await page.getByRole('button', { name: 'New key' }).click();
  await page.getByLabel('Tokens per minute').fill('lots');
  await page.getByLabel('Amount in USD').fill('-4');
  await page.getByLabel('Every model, including ones added later').uncheck();
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('Tokens per minute must be a whole number')).toBeVisible();
  await expect(page.getByText('The budget is an amount in dollars')).toBeVisible();
  await expect(page.getByText('Pick at least one model')).toBeVisible();
  // The first field in error, in reading order, takes the focus.
  await expect(page.locator('.model-checklist input[type="checkbox"]').first()).toBeFocused();
  await snap(page, testInfo, 'key form errors');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'New team' }).click();
  const team = `e2e${Date.now().toString(36)}`;
  await page.getByLabel('Name').fill(team);
  await page.getByLabel('Amount in USD').fill('15');
  await page.getByRole('button', { name: 'Create team' }).click();
  const row = page.locator('.keys-table tbody tr', { hasText: team });
  await expect(row).toContainText('$15.00 per month');

  const patches: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH') patches.push(r.postData() ?? '');
  });
  await row.getByRole('button', { name: `Edit team ${team}` }).click();
  await page.getByLabel('Requests per minute').fill('90');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(row).toContainText('90 req/min');
  expect(patches).toEqual(['{"rpm":90}']);
});
