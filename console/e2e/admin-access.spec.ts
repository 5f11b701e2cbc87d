import { expect, test } from '@playwright/test';
import { KEY, snap } from './helpers';
import { OTHER_KEY_ID, openAdmin } from './admin-helpers';

test('a virtual key sees only its own pages, and editing the address for another key is refused', async ({
  page,
}, testInfo) => {
  await openAdmin(page, 'requests', KEY);
  const tabs = page.getByRole('navigation', { name: 'Admin pages' });
  await expect(tabs.getByRole('link')).toHaveText(['Spend', 'Budgets', 'Requests', 'Live']);

  // Its own requests only: the API forces the filter to itself.
  const own = await page.request.get('/admin/requests?limit=20');
  expect(own.ok()).toBe(true);
  const me = (await page.request.get('/console/session').then((r) => r.json())) as {
    key: { id: string };
  };
  for (const row of ((await own.json()) as { data: { key: string }[] }).data)
    expect(row.key).toBe(me.key.id);

  await page.goto(`/#/admin/requests?key=${OTHER_KEY_ID}`);
  await expect(page.getByRole('alert')).toContainText('Not yours to see');
  await snap(page, testInfo, 'requests refused');
  await page.getByRole('button', { name: 'Show this key’s own requests' }).click();
  await expect(page).toHaveURL(/#\/admin\/requests$/);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.goto(`/#/admin/spend?key=${OTHER_KEY_ID}`);
  await expect(page.getByRole('alert')).toContainText('Not yours to see');
  await page.goto('/#/admin/spend?team=a-team-that-is-not-mine');
  await expect(page.getByRole('alert')).toContainText('Not yours to see');

  await page.goto('/#/admin/keys');
  await expect(
    page.getByRole('heading', { name: 'Only the master key can open this' }),
  ).toBeVisible();
  expect((await page.request.get('/admin/keys')).status()).toBe(403);
  expect((await page.request.get(`/admin/requests?key=${OTHER_KEY_ID}`)).status()).toBe(403);
  await snap(page, testInfo, 'keys refused');
});
