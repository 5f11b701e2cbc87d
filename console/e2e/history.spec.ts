import { expect, test } from '@playwright/test';
import { answersDone, send, signIn, snap } from './helpers';

test('search finds a message and jumps to it', async ({ page }, testInfo) => {
  await signIn(page);
  await send(page, 'The quokka is a small marsupial');
  await answersDone(page);
  await page.getByRole('link', { name: 'New chat' }).click();
  await page.keyboard.press('Control+K');
  const box = page.getByRole('combobox', { name: 'Search words' });
  await box.fill('quokka');
  const result = page.getByRole('option').first();
  await expect(result.locator('mark')).toHaveText(/quokka/i);
  await snap(page, testInfo, 'search results');
  await box.press('Enter');
  await expect(page).toHaveURL(/\?m=/);
  await expect(page.locator('.message-user').first()).toContainText('quokka');

  await page.keyboard.press('Control+K');
  await box.fill('nothingmatchesthisword');
  await expect(page.getByText('Nothing matches')).toBeVisible();
});

test('rename and delete (after confirming) from the sidebar', async ({ page }) => {
  await signIn(page);
  await send(page, 'A conversation to rename');
  await answersDone(page);
  const row = page.locator('.conversation-row', { hasText: 'A conversation to rename' });
  await row.hover();
  await row.getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await page.getByLabel('New title').fill('Renamed chat');
  await page.getByLabel('New title').press('Enter');
  const renamed = page.locator('.conversation-row', { hasText: 'Renamed chat' });
  await expect(renamed).toBeVisible();
  const deleteRenamed = async () => {
    await renamed.hover();
    await renamed.getByRole('button', { name: /^Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
  };
  await deleteRenamed();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(renamed).toBeVisible();
  await deleteRenamed();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(renamed).toHaveCount(0);
});

test('export as Markdown and JSON', async ({ page }) => {
  await signIn(page);
  await send(page, 'Something to export');
  await answersDone(page);
  for (const [label, extension] of [
    ['Export as Markdown', /\.md$/],
    ['Export as JSON', /\.json$/],
  ] as const) {
    await page.getByRole('button', { name: 'Conversation actions' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: label }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(extension);
  }
});

test('import a ChatGPT export; a malformed one says where it is wrong', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  const exportFile = [
    {
      title: 'Imported from ChatGPT',
      create_time: 1700000000,
      current_node: 'a',
      mapping: {
        u: {
          id: 'u',
          parent: null,
          children: ['a'],
          message: {
            author: { role: 'user' },
            content: { parts: ['Hi there'] },
            create_time: 1700000000,
          },
        },
        a: {
          id: 'a',
          parent: 'u',
          children: [],
          message: {
            author: { role: 'assistant' },
            content: { parts: ['Hello!'] },
            create_time: 1700000001,
          },
        },
      },
    },
  ];
  const input = page.locator('#import-file');
  await input.setInputFiles({
    name: 'conversations.json',
    mimeType: 'application/json',
    buffer: Buffer.from('[{"title": "x", "mapping": 3}]'),
  });
  await expect(page.getByRole('alert')).toContainText('conversation 1.mapping');

  await input.setInputFiles({
    name: 'conversations.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exportFile)),
  });
  await expect(page.getByText('1 conversation, 2 messages')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported 1 conversation')).toBeVisible();
  await expect(page.getByRole('link', { name: /Imported from ChatGPT/ })).toBeVisible();
});
