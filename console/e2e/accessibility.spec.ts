import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answersDone, send, signIn, snap } from './helpers';

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map(
      (v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('no serious or critical accessibility violations on any screen', async ({
      page,
    }, testInfo) => {
      await page.goto('/');
      await page.getByLabel('Key').waitFor();
      await expectNoSeriousViolations(page, 'sign-in');

      await signIn(page);
      await expectNoSeriousViolations(page, 'empty chat');

      await send(page, 'Show code and a table and math');
      await answersDone(page);
      await expectNoSeriousViolations(page, 'conversation');
      await snap(page, testInfo, `conversation ${scheme}`);

      await page.getByRole('button', { name: /^Model:/ }).click();
      await expectNoSeriousViolations(page, 'model picker');
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+K');
      await page.getByRole('combobox', { name: 'Search words' }).fill('table');
      await expect(page.getByRole('option').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'search');
      await page.keyboard.press('Escape');

      await page.getByRole('link', { name: 'Compare models' }).click();
      await expectNoSeriousViolations(page, 'compare');

      await page.getByRole('link', { name: 'Settings' }).click();
      await expectNoSeriousViolations(page, 'settings');
    });
  });
}

test('phone: the sidebar is a drawer', async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Conversations' });
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Open conversations' }).click();
  await expect(nav).toBeVisible();
  await snap(page, testInfo, 'phone drawer');
  await expectNoSeriousViolations(page, 'phone drawer');
  await context.close();
});
