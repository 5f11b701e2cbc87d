import { expect, test } from '@playwright/test';
import { daysOf, presetRange } from '../src/admin/range/date-range';
import { parseCsv } from '../src/admin/format/csv';
import { formatNanosBrief } from '../src/admin/format/money';
import { snap } from './helpers';
import { openAdmin } from './admin-helpers';

interface Row {
  group: string | null;
  group2?: string | null;
  cost_nanos: number | null;
  requests: number;
}

interface SavedRow extends Row {
  cache_hits?: number;
  saved_nanos?: number | null;
}

test('the spend chart and table agree with /admin/spend, and the CSV is the same rows', async ({
  page,
}, testInfo) => {
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await openAdmin(page, 'spend?range=7d');
  const range = presetRange('7d', Date.now());
  const get = async (groupBy: string) => {
    const response = await page.request.get(
      `/admin/spend?group_by=${groupBy}&from=${range.from}&to=${range.to}`,
    );
    expect(response.ok()).toBe(true);
    return ((await response.json()) as { data: Row[] }).data;
  };
  const byModel = await get('model');
  const daily = await get('day,model');
  test.skip(byModel.length === 0, 'no spend in the last 7 days on this keygate');

  // The table: one row per model, the exact cost of each.
  const rows = page.locator('.breakdown-table tbody tr');
  await expect(rows).toHaveCount(byModel.length);
  for (const row of byModel) {
    const cell = page.locator(`.breakdown-table tr[data-group="${row.group}"] td.money`);
    await expect(cell).toHaveAttribute('data-cost-nanos', String(row.cost_nanos ?? 0));
  }

  // The chart's legend: each series' total is the sum of its days.
  const totals = new Map<string, bigint>();
  for (const row of daily) {
    const name = row.group2 ?? '(no model)';
    totals.set(name, (totals.get(name) ?? 0n) + BigInt(row.cost_nanos ?? 0));
  }
  const legend = page.locator('.chart-legend li');
  const count = await legend.count();
  expect(count).toBeGreaterThan(0);
  let legendSum = 0n;
  for (let i = 0; i < count; i++) {
    const item = legend.nth(i);
    const name = (await item.getAttribute('data-series')) ?? '';
    const nanos = BigInt(
      (await item.locator('.legend-value').getAttribute('data-cost-nanos')) ?? '0',
    );
    legendSum += nanos;
    if (name !== 'Other') expect(nanos).toBe(totals.get(name));
  }
  expect(legendSum).toBe([...totals.values()].reduce((a, b) => a + b, 0n));
  await expect(page.locator('.chart-host canvas').first()).toBeVisible();
  // uPlot sizes through the CSSOM and its stylesheet is a file: nothing the CSP refuses.
  expect(csp).toEqual([]);
  await snap(page, testInfo, 'spend chart');

  // The same figures as a table: a row per day of the range.
  await page.getByText('Table', { exact: true }).click();
  await expect(page.locator('.daily-table tbody tr')).toHaveCount(daysOf(range).length);
  await snap(page, testInfo, 'spend daily table');

  // The CSV is the server's, with the same rows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .locator('section[aria-labelledby="groups-heading"]')
      .getByRole('link', { name: 'CSV' })
      .click(),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const csv = parseCsv(Buffer.concat(chunks).toString('utf8')).filter((r) => r.length > 1);
  expect(csv[0]).toContain('cost_nanos');
  expect(csv[0]).toContain('saved_nanos');
  expect(csv.length - 1).toBe(byModel.length);
});

test('presets, split and measure live in the address', async ({ page }, testInfo) => {
  await openAdmin(page, 'spend');
  await page.getByText('This month', { exact: true }).click();
  await expect(page).toHaveURL(/range=month/);
  await page.getByLabel('Split by', { exact: true }).selectOption('provider');
  await expect(page).toHaveURL(/split=provider/);
  await page.getByText('Tokens', { exact: true }).click();
  await expect(page).toHaveURL(/metric=tokens/);
  await expect(page.getByRole('heading', { name: /Tokens by day/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: /Tokens by day/ })).toBeVisible();
  await expect(page.getByLabel('Split by', { exact: true })).toHaveValue('provider');

  await page.getByText('Custom', { exact: true }).click();
  await page.getByLabel('From', { exact: true }).fill('2024-03-09');
  await page.getByLabel('To', { exact: true }).fill('2024-03-01');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('#range-problem')).toContainText('The end is before the start.');
  await snap(page, testInfo, 'custom range refused');
});

test('what the caches saved shows beside what was spent, and a hit says so', async ({
  page,
}, testInfo) => {
  await openAdmin(page, 'spend?range=7d');
  const range = presetRange('7d', Date.now());
  const response = await page.request.get(
    `/admin/spend?group_by=model&from=${range.from}&to=${range.to}`,
  );
  expect(response.ok()).toBe(true);
  const byModel = ((await response.json()) as { data: SavedRow[] }).data;
  const hitModels = byModel.filter((r) => (r.cache_hits ?? 0) > 0 && r.group);
  test.skip(hitModels.length === 0, 'no answer from the response cache in the last 7 days');

  // A Saved column beside Cost, exact per model, and a Saved figure over them all.
  const saved = byModel.reduce((n, r) => n + BigInt(r.saved_nanos ?? 0), 0n);
  for (const row of byModel) {
    const cell = page.locator(`.breakdown-table tr[data-group="${row.group}"] td.saved-cell`);
    await expect(cell).toHaveAttribute('data-saved-nanos', String(row.saved_nanos ?? 0));
  }
  const stat = page.locator('.stat', { has: page.locator('.stat-label', { hasText: 'Saved' }) });
  await expect(stat.locator('.stat-value')).toHaveText(formatNanosBrief(saved));
  const hits = byModel.reduce((n, r) => n + (r.cache_hits ?? 0), 0);
  await expect(stat.locator('.stat-note')).toContainText(hits.toLocaleString('en-US'));
  await snap(page, testInfo, 'spend with savings');

  // One of those hits, opened: no deployment, no cost, and what it saved.
  const hitModel = hitModels[0]?.group ?? '';
  const list = (await page.request
    .get(`/admin/requests?model=${encodeURIComponent(hitModel)}&limit=200`)
    .then((r) => r.json())) as {
    data: { request_id: string; cache_hit?: boolean; saved_nanos?: number | null }[];
  };
  const hit = list.data.find((r) => r.cache_hit);
  expect(hit).toBeDefined();
  await page.goto(`/#/admin/requests?request=${hit!.request_id}`);
  const panel = page.getByRole('dialog', { name: 'Request' });
  await expect(panel).toContainText('Answered from the response cache');
  await expect(panel).toContainText('the response cache');
  await expect(panel.locator('.detail-saving')).toHaveAttribute(
    'data-saved-nanos',
    String(hit!.saved_nanos ?? 0),
  );
  await expect(panel.locator('.detail-cost [data-cost-nanos]')).toHaveAttribute(
    'data-cost-nanos',
    '0',
  );
  await snap(page, testInfo, 'request answered from the cache');
});
