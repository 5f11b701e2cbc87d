// Screenshots of every admin page: desktop and phone, light and dark, full and empty, refused
// and failing, into shots/admin/ (not in git). Run `npm run build` first.
//   node dev/admin-screenshots.mjs [scene ...]
import { mkdir } from 'node:fs/promises';
import { launchBrowser, startMock } from './browser.mjs';

const OUT = new URL('../shots/admin/', import.meta.url).pathname;
await mkdir(OUT, { recursive: true });
const only = process.argv.slice(2);

const full = await startMock(8795, { MOCK_SEED: '1', MOCK_LIVE_RATE: '12' });
const empty = await startMock(8796, { MOCK_AUTH: 'off', MOCK_LIVE_RATE: '0' });
const browser = await launchBrowser();
const problems = [];

async function open(path, { key = 'sk-master', dark = false, phone = false, mock = full } = {}) {
  const context = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1360, height: 860 },
    deviceScaleFactor: phone ? 2 : 1,
    colorScheme: dark ? 'dark' : 'light',
    isMobile: phone,
    hasTouch: phone,
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${path}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${path}: page error: ${error.message}`));
  await page.goto(`${mock.url}/`);
  if (mock === full) {
    await page.getByLabel('Key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.sidebar').waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
  }
  await page.goto(`${mock.url}/${path}`);
  await page.locator('.admin-body').waitFor();
  await page.waitForTimeout(1200);
  return page;
}

async function shot(page, name) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}${name}.png` });
  console.log('shot', name);
}

async function each(path, name, options = {}) {
  for (const [suffix, variant] of [
    ['', {}],
    ['-dark', { dark: true }],
    ['-phone', { phone: true }],
    ['-phone-dark', { phone: true, dark: true }],
  ]) {
    const page = await open(path, { ...options, ...variant });
    await shot(page, `${name}${suffix}`);
    await page.context().close();
  }
}

const scenes = {
  async spend() {
    await each('#/admin/spend', 'spend');
    let page = await open('#/admin/spend?range=7d&split=key&metric=tokens');
    await page.getByRole('radio', { name: 'Table' }).check({ force: true });
    await shot(page, 'spend-table-by-key');
    await page.context().close();
    page = await open('#/admin/spend');
    const bar = page.locator('.chart-host canvas').first();
    const box = await bar.boundingBox();
    if (box) await page.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.6);
    await shot(page, 'spend-hover');
    await page.locator('.spend-page').evaluate((el) => el.closest('.admin-body').scrollTo(0, 700));
    await shot(page, 'spend-breakdown');
    await page.context().close();
    page = await open('#/admin/spend?range=custom');
    await page.getByRole('radio', { name: 'Custom' }).check({ force: true });
    await page.getByLabel('From', { exact: true }).fill('2024-03-09');
    await page.getByLabel('To', { exact: true }).fill('2024-03-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await shot(page, 'spend-custom-invalid');
    await page.context().close();
    page = await open('#/admin/spend', { key: 'sk-test' });
    await shot(page, 'spend-virtual-key');
    await page.context().close();
    page = await open('#/admin/spend?key=key_ci01', { key: 'sk-test' });
    await shot(page, 'spend-refused');
    await page.context().close();
    page = await open('#/admin/spend', { mock: empty });
    await shot(page, 'spend-empty');
    await page.context().close();
  },
  async budgets() {
    await each('#/admin/budgets', 'budgets');
    let page = await open('#/admin/budgets', { key: 'sk-nearly' });
    await shot(page, 'budgets-virtual-key');
    await page.context().close();
    page = await open('#/admin/budgets', { mock: empty });
    await shot(page, 'budgets-empty');
    await page.context().close();
  },
  async requests() {
    await each('#/admin/requests', 'requests');
    let page = await open('#/admin/requests?status=error');
    await page.locator('.vrow').nth(2).click();
    await page.locator('.request-detail').waitFor();
    await shot(page, 'request-detail-error');
    await page.context().close();
    page = await open('#/admin/requests');
    await page.locator('.vrow').first().click();
    await page.locator('.request-detail').waitFor();
    await page.waitForTimeout(400);
    await shot(page, 'request-detail');
    await page.context().close();
    page = await open('#/admin/requests', { phone: true });
    await page.locator('.vrow').first().click();
    await page.locator('.request-detail').waitFor();
    await shot(page, 'request-detail-phone');
    await page.context().close();
    page = await open('#/admin/requests?model=nothing-like-this');
    await shot(page, 'requests-no-match');
    await page.context().close();
    page = await open('#/admin/requests', { mock: empty });
    await shot(page, 'requests-empty');
    await page.context().close();
  },
  async live() {
    await each('#/admin/live', 'live');
    let page = await open('#/admin/live');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(2500);
    await page.getByLabel('Filter', { exact: true }).fill('claude');
    await shot(page, 'live-paused-filtered');
    await page.context().close();
    page = await open('#/admin/live', { mock: empty });
    await shot(page, 'live-empty');
    await page.context().close();
  },
  async keys() {
    await each('#/admin/keys', 'keys');
    let page = await open('#/admin/keys');
    await page.getByRole('button', { name: 'New key' }).click();
    await page.getByLabel('Name').fill('kitchen-tablet');
    await page.getByLabel('Every model, including ones added later').uncheck();
    await page.getByLabel('Requests per minute').fill('1.5');
    await page.getByLabel('Amount in USD').fill('ten dollars');
    await page.getByRole('button', { name: 'Create key' }).click();
    await shot(page, 'key-form-errors');
    await page.getByLabel('gpt-4.1-mini').check();
    await page.getByLabel('Requests per minute').fill('30');
    await page.getByLabel('Amount in USD').fill('5');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('It will not be shown again').waitFor();
    await shot(page, 'key-secret');
    await page.context().close();
    page = await open('#/admin/keys', { phone: true });
    await page.getByRole('button', { name: 'New key' }).click();
    await shot(page, 'key-form-phone');
    await page.context().close();
    page = await open('#/admin/keys', { mock: empty });
    await shot(page, 'keys-empty');
    await page.context().close();
    page = await open('#/admin/keys', { key: 'sk-test' });
    await shot(page, 'keys-refused');
    await page.context().close();
  },
  async models() {
    await each('#/admin/models', 'models');
    const page = await open('#/admin/models');
    await page.getByRole('radio', { name: 'With problems' }).check({ force: true });
    await shot(page, 'models-problems');
    await page.context().close();
  },
  async config() {
    await each('#/admin/config', 'config');
    const page = await open('#/admin/config');
    await page.getByLabel('Find in the configuration').fill('api_key');
    await page.keyboard.press('Enter');
    await shot(page, 'config-search');
    await page.evaluate(() =>
      fetch('/mock/config-broken', { method: 'POST', body: JSON.stringify({ broken: true }) }),
    );
    await page.getByRole('button', { name: 'Reload from file' }).click();
    await page.getByText('nothing was applied').waitFor();
    await shot(page, 'config-reload-problems');
    await page.evaluate(() =>
      fetch('/mock/config-broken', { method: 'POST', body: JSON.stringify({ broken: false }) }),
    );
    await page.context().close();
  },
  async errors() {
    const page = await open('#/admin/budgets');
    await page.route('**/admin/spend**', (route) =>
      route.fulfill({
        status: 503,
        body: '{"error":{"message":"The ledger is busy.","code":"ledger_busy"}}',
      }),
    );
    await page.goto(`${full.url}/#/admin/spend`);
    await page.waitForTimeout(1200);
    await shot(page, 'spend-server-error');
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
  full.stop();
  empty.stop();
}
if (problems.length) console.log(`console errors:\n${[...new Set(problems)].join('\n')}`);
