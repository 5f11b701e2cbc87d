// Streams a ~1,500-token answer at 100 tokens a second into the built app and reports how the
// page kept up: frames painted, long tasks (> 50 ms), and the longest gap between frames.
// Run `npm run build` first.
import { launchBrowser, startMock } from './browser.mjs';

const mock = await startMock(8794, { MOCK_TPS: '100' });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(mock.url + '/');
  await page.getByLabel('Key').fill('sk-test');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Message', { exact: true }).fill('benchmark');
  await page.evaluate(() => {
    const stats = {
      frames: 0,
      longTasks: 0,
      longestTaskMs: 0,
      worstGapMs: 0,
      last: performance.now(),
    };
    window.__perf = stats;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        stats.longTasks++;
        stats.longestTaskMs = Math.max(stats.longestTaskMs, entry.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
    const tick = (now) => {
      stats.frames++;
      stats.worstGapMs = Math.max(stats.worstGapMs, now - stats.last);
      stats.last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.keyboard.press('Enter');
  await page.locator('.is-streaming').waitFor();
  await page.locator('.is-streaming').waitFor({ state: 'detached', timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  const stats = await page.evaluate(() => window.__perf);
  const tokens = await page
    .locator('.message-assistant .markdown')
    .last()
    .evaluate((el) => el.textContent.length);
  console.log(
    JSON.stringify({
      seconds: Number(seconds.toFixed(1)),
      renderedChars: tokens,
      framesPerSecond: Number((stats.frames / seconds).toFixed(1)),
      longTasks: stats.longTasks,
      longestTaskMs: Math.round(stats.longestTaskMs),
      worstFrameGapMs: Math.round(stats.worstGapMs),
    }),
  );
} finally {
  await browser.close();
  mock.stop();
}
