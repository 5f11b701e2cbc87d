import { expect, test } from '@playwright/test';
import { SPENT_KEY, send, signIn, snap, usingMock } from './helpers';

test('a spent budget is explained with when it resets, never as JSON', async ({
  page,
}, testInfo) => {
  await signIn(page, SPENT_KEY);
  await send(page, 'Hello');
  const error = page.locator('.message-error');
  await expect(error).toContainText('Budget spent');
  await expect(error).toContainText(/resets .* \(in /);
  await expect(error).not.toContainText('{');
  await expect(page.getByRole('meter', { name: 'Budget spent' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await snap(page, testInfo, 'budget refusal');
});

test('a rate limit says how long to wait', async ({ page }) => {
  test.skip(!usingMock, 'needs the mock’s scripted rate limit');
  await signIn(page);
  await send(page, 'ratelimit');
  await expect(page.locator('.message-error')).toContainText('Try again in 20 s');
});

test('an error mid-stream keeps the text so far and explains the failure', async ({ page }) => {
  test.skip(!usingMock, 'needs the mock’s scripted failure');
  await signIn(page);
  await send(page, 'A table, but fail midway');
  const answer = page.locator('.message-assistant').last();
  await expect(answer.locator('.message-error')).toContainText('The answer stopped', {
    timeout: 30_000,
  });
  await expect(answer.locator('.markdown')).not.toBeEmpty();
});

test('a dropped connection leaves the answer incomplete with Retry', async ({ page }) => {
  test.skip(!usingMock, 'needs the mock’s scripted drop');
  await signIn(page);
  await send(page, 'Please drop connection midway');
  await expect(page.getByText('This answer was cut off before it ended.')).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Retry', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Answer' })).toContainText('2/2');
});
