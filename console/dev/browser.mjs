// Debian's Chromium driven by playwright-core, plus a mock server on a free port, for
// screenshots and quick checks by hand.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Starts dev/mock-server.mjs; resolves once it listens. */
export function startMock(port, env = {}) {
  const script = fileURLToPath(new URL('./mock-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, MOCK_PORT: String(port), MOCK_PARENT_PID: String(process.pid), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.on('data', (data) => {
      if (String(data).includes('mock keygate on'))
        resolve({ url: `http://127.0.0.1:${port}`, stop: () => child.kill() });
    });
  });
}
