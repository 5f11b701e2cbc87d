import { expect, test } from '@playwright/test';
import { snap } from './helpers';
import { expectNoSeriousViolations, openAdmin } from './admin-helpers';

const PAGES = ['spend', 'budgets', 'requests', 'live', 'keys', 'models', 'config'] as const;

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('no serious or critical accessibility violations on any admin page', async ({
      page,
    }, testInfo) => {
      await openAdmin(page, 'spend');
      for (const name of PAGES) {
        await page.goto(`/#/admin/${name}`);
        await expect(page.locator('.admin-page')).toBeVisible();
        await page.waitForTimeout(700);
        await expectNoSeriousViolations(page, `${name} (${scheme})`);
        await snap(page, testInfo, `${name} ${scheme}`);
      }
      await page.goto('/#/admin/keys');
      await page.getByRole('button', { name: 'New key' }).click();
      await expectNoSeriousViolations(page, `key form (${scheme})`);
    });
  });
}

test('phone: every admin page fits 390 px wide, tables scroll inside themselves', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await openAdmin(page, 'spend');
  for (const name of PAGES) {
    await page.goto(`/#/admin/${name}`);
    await expect(page.locator('.admin-page')).toBeVisible();
    await page.waitForTimeout(500);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow, `${name} overflows the phone's width`).toBeLessThanOrEqual(0);
    await snap(page, testInfo, `${name} phone`);
  }
  await expectNoSeriousViolations(page, 'config phone');
  await context.close();
});
