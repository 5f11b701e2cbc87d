// End-to-end tests in a real browser (Debian's Chromium). By default they run against
// dev/mock-server.mjs serving dist/ (run `npm run build` first, or `npm run e2e`, which does).
// Set KEYGATE_URL to run them against a keygate binary instead; then KEYGATE_KEY (and
// KEYGATE_SPENT_KEY for the budget test) name keys that exist there, and tests that need the
// mock's scripted failures are skipped.
import { defineConfig } from '@playwright/test';

const external = process.env.KEYGATE_URL;
const port = Number(process.env.MOCK_PORT ?? 8793);
const baseURL = external ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 820 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: external
    ? undefined
    : {
        command: 'node dev/mock-server.mjs',
        url: `${baseURL}/console/session`,
        reuseExistingServer: false,
        env: { MOCK_PORT: String(port), MOCK_SEED: '1', MOCK_TPS: '80', MOCK_LIVE_RATE: '0' },
      },
});
