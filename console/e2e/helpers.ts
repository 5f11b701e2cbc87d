import { expect, type Page, type TestInfo } from '@playwright/test';

export const usingMock = !process.env.KEYGATE_URL;
export const KEY = process.env.KEYGATE_KEY ?? 'sk-test';
export const SPENT_KEY = process.env.KEYGATE_SPENT_KEY ?? 'sk-broke';

export async function signIn(page: Page, key = KEY): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(composer(page)).toBeVisible();
}

export function composer(page: Page) {
  return page.getByLabel('Message', { exact: true });
}

export async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** Waits until no answer is streaming. */
export async function answersDone(page: Page): Promise<void> {
  await expect(page.locator('.message-assistant').last()).toBeVisible();
  await expect(page.locator('.is-streaming')).toHaveCount(0, { timeout: 30_000 });
}

export async function pickModel(page: Page, typed: string, label = /^Model:/): Promise<void> {
  await page.getByRole('button', { name: label }).first().click();
  const search = page.getByRole('combobox', { name: 'Search models' });
  await search.fill(typed);
  await search.press('Enter');
  await expect(search).toBeHidden();
}

export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
