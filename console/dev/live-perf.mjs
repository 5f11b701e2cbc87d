// The live tail under load: the mock sends 400 requests a second to an open /admin/live, and
// this reports, over ten seconds, the frames painted, long tasks (> 50 ms) and the longest gap
// between frames, and how many rows the page drew. Run `npm run build` first.
import { launchBrowser, startMock } from './browser.mjs';

const RATE = Number(process.env.LIVE_RATE ?? 400);
const mock = await startMock(8797, {
  MOCK_LIVE_RATE: String(RATE),
  MOCK_SEED: '1',
  MOCK_LEDGER_ROWS: '20000',
});
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(mock.url + '/');
  await page.getByLabel('Key').fill('sk-master');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.sidebar').waitFor({ state: 'attached' });
  await page.goto(mock.url + '/#/admin/live');
  await page.locator('.live-table').waitFor();
  await page.waitForTimeout(1000);
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
  await page.waitForTimeout(10_000);
  const stats = await page.evaluate(() => window.__perf);
  const drawn = await page.locator('.live-table tr.vrow').count();
  const rate = await page.locator('.live-figures strong').first().textContent();
  console.log(
    JSON.stringify({
      sentPerSecond: RATE,
      shownRatePerMinute: rate,
      framesPerSecond: Number((stats.frames / 10).toFixed(1)),
      longTasks: stats.longTasks,
      longestTaskMs: Math.round(stats.longestTaskMs),
      worstFrameGapMs: Math.round(stats.worstGapMs),
      rowsInTheDom: drawn,
    }),
  );
} finally {
  await browser.close();
  mock.stop();
}
