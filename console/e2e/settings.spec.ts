import { expect, test } from '@playwright/test';
import { answersDone, send, signIn, usingMock } from './helpers';

test('a title model, chosen in settings, names a new chat after its first answer', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  // The mock's title model title-cases the first words of the prompt; keygate's title-writer
  // answers those words whatever it is asked.
  await page
    .getByLabel('Automatic titles')
    .selectOption(usingMock ? 'gpt-4.1-mini' : 'title-writer');
  await page.getByRole('link', { name: 'New chat' }).click();
  await send(page, 'how do penguins keep warm in winter');
  await answersDone(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How Do Penguins Keep Warm');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Automatic titles').selectOption('');
});

test('a system-prompt preset saved in settings is offered in a chat’s settings', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Terse');
  await page.getByLabel('System prompt', { exact: true }).fill('Answer in one sentence.');
  await page.getByRole('button', { name: 'Add preset' }).click();
  await expect(page.locator('.preset')).toContainText('Terse');
  await page.reload(); // kept by the server, not the page
  await expect(page.locator('.preset')).toContainText('Terse');

  await page.getByRole('link', { name: 'New chat' }).click();
  await page.getByRole('button', { name: 'Chat settings' }).click();
  await page.getByLabel('Use a preset').selectOption({ label: 'Terse' });
  await expect(page.getByLabel('System prompt', { exact: true })).toHaveValue(
    'Answer in one sentence.',
  );
  await page.getByLabel('Temperature').fill('0.2');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await send(page, 'Hello with a preset');
  await answersDone(page);
  await page.getByRole('button', { name: 'Chat settings' }).click();
  await expect(page.getByLabel('System prompt', { exact: true })).toHaveValue(
    'Answer in one sentence.',
  );
  await expect(page.getByLabel('Temperature')).toHaveValue('0.2');
});

test('a text file attaches and is inlined into the prompt', async ({ page }) => {
  await signIn(page);
  let sent = '';
  page.on('request', (request) => {
    if (request.url().endsWith('/v1/chat/completions')) sent = request.postData() ?? '';
  });
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('# Notes\nremember the milk'),
    });
  await send(page, 'Summarise my notes');
  await answersDone(page);
  await expect(page.locator('.message-user .attachment-file')).toContainText('notes.md');
  const body = JSON.parse(sent) as { messages: { content: string }[]; stream: boolean };
  expect(body.stream).toBe(true);
  expect(body.messages.at(-1)?.content).toContain('File: notes.md');
  expect(body.messages.at(-1)?.content).toContain('remember the milk');
});
