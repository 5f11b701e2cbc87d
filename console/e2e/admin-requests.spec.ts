import { expect, test } from '@playwright/test';
import { snap } from './helpers';
import { openAdmin } from './admin-helpers';

test('filters live in the address; rows load a page at a time; a request opens whole', async ({
  page,
}, testInfo) => {
  const pages: string[] = [];
  page.on('request', (r) => {
    if (/\/admin\/requests\?/.test(r.url())) pages.push(r.url());
  });
  await openAdmin(page, 'requests');
  const rows = page.locator('.requests-table tr.vrow');
  await expect(rows.first()).toBeVisible();
  // A virtual table draws what is in view, never every loaded row.
  expect(await rows.count()).toBeLessThan(60);

  await page.getByLabel('Status').selectOption('error');
  await expect(page).toHaveURL(/status=error/);
  await expect(rows.first()).toBeVisible();
  for (const status of await page.locator('.requests-table .col-status .badge').allTextContents())
    expect(status).not.toMatch(/^2\d\d/);
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('error');
  await expect(rows.first()).toBeVisible();

  // Scrolling to the end asks for the next page, with the cursor, and only one page.
  await expect
    .poll(async () => {
      await page.locator('.requests-table').evaluate((el) => (el.scrollTop = el.scrollHeight));
      return pages.filter((u) => u.includes('before=')).length;
    })
    .toBeGreaterThan(0);
  for (const url of pages)
    expect(Number(new URL(url).searchParams.get('limit'))).toBeLessThanOrEqual(200);

  // Keyboard: the rows are one stop; arrows move, Enter opens, Esc closes.
  // The table draws the top rows again once it has handled the scroll: wait for them.
  await page.locator('.requests-table').evaluate((el) => (el.scrollTop = 0));
  const row = (index: number) => page.locator(`.requests-table tr.vrow[data-index="${index}"]`);
  await expect(row(0)).toBeVisible();
  await row(0).focus();
  await page.keyboard.press('ArrowDown');
  await expect(row(1)).toBeFocused();
  const id = await row(1).getAttribute('data-key');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Request' });
  await expect(panel).toContainText(id!);
  await expect(page).toHaveURL(new RegExp(`request=${id}`));
  const api = (await page.request.get(`/admin/requests/${id}`).then((r) => r.json())) as {
    cost_nanos: number | null;
    tokens: { prompt: number };
  };
  await expect(panel.locator('.detail-table')).toContainText(
    api.tokens.prompt.toLocaleString('en-US'),
  );
  await snap(page, testInfo, 'request panel');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page).not.toHaveURL(/request=/);
});
