import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { snap, usingMock } from './helpers';
import { MASTER_KEY, chat, openAdmin } from './admin-helpers';

// Against a real keygate, KEYGATE_FAILING_MODEL names a model group whose first deployment
// points at an address where nothing answers.
const failing = process.env.KEYGATE_FAILING_MODEL ?? (usingMock ? 'gpt-4.1' : '');

test('a deployment made to fail shows as cooling down, with its failures', async ({
  page,
  request,
}, testInfo) => {
  test.skip(!failing, 'set KEYGATE_FAILING_MODEL to a group with an unreachable deployment');
  await chat(request, MASTER_KEY, usingMock ? 'upstream down, please' : 'hello', failing);
  await openAdmin(page, 'models');
  const group = page.locator(`section.model-group[data-group="${failing}"]`);
  const cooling = group.locator('tr.state-cooling_down');
  await expect(cooling.first()).toBeVisible();
  await expect(cooling.first()).toContainText('Cooling down');
  await expect(cooling.first()).toContainText(/until \d\d:\d\d:\d\d/);
  await expect(cooling.first().locator('.failure-tag').first()).toBeVisible();
  await snap(page, testInfo, 'cooling down');

  await page.getByText('With problems', { exact: true }).click();
  await expect(group).toBeVisible();
});

test('the configuration is shown masked; a broken file is refused with its problems', async ({
  page,
}, testInfo) => {
  await openAdmin(page, 'config');
  const text = page.getByRole('region', { name: 'Configuration file' });
  await expect(text).toContainText('***');
  await page.getByLabel('Find in the configuration').fill('api_key');
  await expect(page.locator('.config-count')).toContainText(/1 of \d+/);
  // The mock breaks its file on request; against keygate the spec edits the running file itself
  // (tests/e2e/console/run.sh names it), one line past its end.
  const configFile = process.env.KEYGATE_CONFIG_FILE ?? '';
  expect(usingMock || configFile !== '', 'KEYGATE_CONFIG_FILE names keygate’s file').toBe(true);
  const original = usingMock ? '' : readFileSync(configFile, 'utf8');
  const brokenLine = original.trimEnd().split('\n').length + 1;
  const breakFile = async (broken: boolean) => {
    if (usingMock) {
      await page.evaluate(
        (b) =>
          fetch('/mock/config-broken', { method: 'POST', body: JSON.stringify({ broken: b }) }),
        broken,
      );
    } else {
      writeFileSync(configFile, broken ? `${original.trimEnd()}\nnot_a_section: true\n` : original);
    }
  };
  await breakFile(true);
  try {
    await page.getByRole('button', { name: 'Reload from file' }).click();
    await expect(page.getByRole('alert')).toContainText('nothing was applied');
    await expect(page.getByRole('alert')).toContainText(
      usingMock ? 'keygate.yaml:41' : `keygate.yaml:${brokenLine}`,
    );
    await snap(page, testInfo, 'reload refused');
  } finally {
    await breakFile(false);
  }
  await page.getByRole('button', { name: 'Reload from file' }).click();
  await expect(page.locator('.reload-ok')).toContainText('Reloaded');
});
