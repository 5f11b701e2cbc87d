// Screenshots of every screen, light and dark, desktop and phone, into shots/ (not in git).
// Run `npm run build` first: the mock server serves dist/ under the real CSP.
import { mkdir } from 'node:fs/promises';
import { launchBrowser, startMock } from './browser.mjs';

const OUT = new URL('../shots/', import.meta.url).pathname;
await mkdir(OUT, { recursive: true });
const only = process.argv.slice(2);

const mock = await startMock(8791, { MOCK_SEED: '1', MOCK_TPS: '30' });
const browser = await launchBrowser();
const cspViolations = [];

async function newPage({ dark = false, phone = false } = {}) {
  const context = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1360, height: 860 },
    deviceScaleFactor: phone ? 2 : 1,
    colorScheme: dark ? 'dark' : 'light',
    isMobile: phone,
    hasTouch: phone,
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') cspViolations.push(`${msg.text()}`);
  });
  page.on('pageerror', (error) => cspViolations.push(`page error: ${error.message}`));
  return page;
}

async function signIn(page, key = 'sk-test') {
  await page.goto(mock.url + '/');
  await page.getByLabel('Key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByLabel('Message', { exact: true })
    .or(page.getByText('No models for this key'))
    .first()
    .waitFor();
  await page.waitForTimeout(300);
}

async function shot(page, name) {
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${OUT}${name}.png` });
  console.log('shot', name);
}

async function openSeeded(page, title) {
  await page.getByRole('link', { name: title }).first().click();
  await page.locator('.message').first().waitFor();
  await page.waitForTimeout(600); // lazy highlight.js / KaTeX
}

const scenes = {
  async signin() {
    const page = await newPage();
    await page.goto(mock.url + '/');
    await page.getByLabel('Key').waitFor();
    await shot(page, 'signin');
    await page.getByLabel('Key').fill('sk-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, 'signin-error');
    await page.context().close();
  },
  async empty() {
    const page = await newPage();
    await signIn(page, 'sk-master');
    await shot(page, 'empty-chat');
    await page.getByRole('button', { name: /^Model:/ }).click();
    await page.keyboard.type('gpt');
    await page.keyboard.press('ArrowDown');
    await shot(page, 'model-picker');
    await page.context().close();
  },
  async conversation() {
    const page = await newPage();
    await signIn(page);
    await openSeeded(page, 'Plan costs, retries and softmax');
    await shot(page, 'conversation');
    await page.locator('.message-scroller').evaluate((el) => (el.scrollTop = 0));
    await page.locator('.reasoning summary').first().click();
    await shot(page, 'conversation-top');
    await page.context().close();
  },
  async streaming() {
    const page = await newPage();
    await signIn(page);
    await page.getByLabel('Message', { exact: true }).fill('Give me a long answer please');
    await page.keyboard.press('Enter');
    await page.locator('.is-streaming').waitFor();
    await page.waitForTimeout(2500);
    await shot(page, 'streaming');
    await page.keyboard.press('Escape');
    await page.getByText('Stopped before the answer ended.').waitFor();
    await shot(page, 'stopped');
    await page.context().close();
  },
  async compare() {
    const page = await newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Compare models' }).click();
    await shot(page, 'compare-empty');
    await page.getByLabel('Message', { exact: true }).fill('Write a retry helper in TypeScript');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    await page.waitForFunction(
      () => document.querySelectorAll('.is-streaming').length === 0,
      null,
      { timeout: 30000 },
    );
    await page.waitForTimeout(600);
    await shot(page, 'compare');
    await page.context().close();
  },
  async search() {
    const page = await newPage();
    await signIn(page);
    await page.keyboard.press('Control+K');
    await page.getByRole('combobox', { name: 'Search words' }).fill('traffic deployment');
    await page.locator('.search-result').first().waitFor();
    await shot(page, 'search');
    await page.getByRole('combobox', { name: 'Search words' }).fill('zebra');
    await page.getByText('Nothing matches').waitFor();
    await shot(page, 'search-empty');
    await page.context().close();
  },
  async settings() {
    const page = await newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await shot(page, 'settings');
    await page.goto(mock.url + '/#/');
    await page.getByRole('button', { name: 'Chat settings' }).click();
    await shot(page, 'chat-settings');
    await page.context().close();
  },
  async errors() {
    let page = await newPage();
    await signIn(page, 'sk-broke');
    await page.getByLabel('Message', { exact: true }).fill('Hello there');
    await page.keyboard.press('Enter');
    await page.locator('.message-error').waitFor();
    await shot(page, 'error-budget');
    await page.getByLabel('Message', { exact: true }).fill('');
    await page.context().close();

    page = await newPage();
    await signIn(page);
    await page.getByLabel('Message', { exact: true }).fill('ratelimit test');
    await page.keyboard.press('Enter');
    await page.locator('.message-error').waitFor();
    await page.getByLabel('Message', { exact: true }).fill('Show a table, then fail midway');
    await page.keyboard.press('Enter');
    await page.locator('.message-error').nth(1).waitFor({ timeout: 20000 });
    await shot(page, 'error-rate-and-midstream');
    await page.context().close();

    page = await newPage();
    await signIn(page, 'sk-nomodels');
    await page.getByText('No models for this key').waitFor();
    await shot(page, 'error-no-models');
    await page.context().close();

    page = await newPage();
    await signIn(page, 'sk-nearly');
    await shot(page, 'budget-warning');
    await page.context().close();
  },
  async dark() {
    const page = await newPage({ dark: true });
    await signIn(page);
    await openSeeded(page, 'Plan costs, retries and softmax');
    await shot(page, 'dark-conversation');
    await page.keyboard.press('Control+K');
    await page.getByRole('combobox', { name: 'Search words' }).fill('traffic');
    await page.locator('.search-result').first().waitFor();
    await shot(page, 'dark-search');
    await page.context().close();
    const signin = await newPage({ dark: true });
    await signin.goto(mock.url + '/');
    await signin.getByLabel('Key').waitFor();
    await shot(signin, 'dark-signin');
    await signin.context().close();
  },
  async phone() {
    const page = await newPage({ phone: true });
    await signIn(page);
    await shot(page, 'phone-empty');
    await page.getByRole('button', { name: 'Open conversations' }).click();
    await page.waitForTimeout(300);
    await shot(page, 'phone-drawer');
    await openSeeded(page, 'Plan costs, retries and softmax');
    await shot(page, 'phone-conversation');
    await page.context().close();
  },
  async readme() {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page);
    await openSeeded(page, 'Plan costs, retries and softmax');
    await page.locator('.message-scroller').evaluate((el) => {
      const answer = el.querySelectorAll('.message-assistant')[0];
      el.scrollTop = answer.offsetTop - 24;
    });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${OUT}readme.png` });
    console.log('shot readme');
    await page.context().close();
  },
  async long() {
    const page = await newPage();
    await signIn(page);
    const started = Date.now();
    await openSeeded(page, 'Long thread (1,000 messages)');
    console.log(`long conversation opened in ${Date.now() - started} ms`);
    await shot(page, 'long');
    await page.context().close();
  },
};

try {
  for (const [name, scene] of Object.entries(scenes)) {
    if (only.length && !only.includes(name)) continue;
    await scene();
  }
} finally {
  await browser.close();
  mock.stop();
}
if (cspViolations.length) {
  console.log('console errors:\n' + [...new Set(cspViolations)].join('\n'));
}
