import { expect, test } from '@playwright/test';
import { SPENT_KEY, pickModel, send, signIn, snap, usingMock } from './helpers';

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
  await signIn(page);
  // keygate's rate-limited model is a deployment answering 429 with retry-after: 20.
  if (!usingMock) await pickModel(page, 'rate-limited');
  await send(page, 'ratelimit');
  await expect(page.locator('.message-error')).toContainText('Try again in 20 s');
});

test('an error mid-stream keeps the text so far and explains the failure', async ({ page }) => {
  await signIn(page);
  // keygate's stops-midway model loses its upstream connection halfway through the stream.
  if (!usingMock) await pickModel(page, 'stops-midway');
  await send(page, 'A table, but fail midway');
  const answer = page.locator('.message-assistant').last();
  await expect(answer.locator('.message-error')).toContainText('The answer stopped', {
    timeout: 30_000,
  });
  await expect(answer.locator('.markdown')).not.toBeEmpty();
});

test('a dropped connection leaves the answer incomplete with Retry', async ({ page }) => {
  await signIn(page);
  if (!usingMock) {
    // keygate never ends a stream early without saying why, so the drop is made on the way: the
    // first answer's body is cut before its end, as a lost connection would leave it.
    await page.route(
      '**/v1/chat/completions',
      async (route) => {
        const response = await route.fetch();
        const body = await response.text();
        await route.fulfill({
          response,
          body: body.slice(0, body.indexOf('data:', body.length / 2)),
        });
      },
      { times: 1 },
    );
  }
  await send(page, 'Please drop connection midway');
  await expect(page.getByText('This answer was cut off before it ended.')).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Retry', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Answer' })).toContainText('2/2');
});
