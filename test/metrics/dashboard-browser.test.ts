// The live dashboard in a real browser: headless Chromium (Debian's
// `chromium` package; .ci/run installs it) driven by playwright-core, against
// a real `dpt train --workers 2 --dashboard PORT` run. The page loads from
// the coordinator alone (no other host is ever asked), its curves get a new
// point when an epoch ends, its table lists both workers, the heatmaps and
// digits are drawn, and a screenshot is written (to DPT_DASHBOARD_SCREENSHOT
// when set: docs/dashboard.png was made so).
import { execFileSync } from 'node:child_process';
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-files.js';
import { spawnDpt, tempOut } from '../distributed/helpers.js';
import { freePort, get } from './scrape.js';

function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
    } catch {
      // not on PATH: try the next name
    }
  }
  return null;
}

/**
 * The little of the DOM the page functions below use: they run in the browser, but are type-checked here,
 * where the project's compiler settings have no DOM library (it would leak browser globals into Node code).
 */
interface PageElement {
  dataset: Record<string, string | undefined>;
}
declare const document: {
  body: PageElement;
  getElementById(id: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
};

const executablePath = findChromium();
if (!executablePath) {
  console.warn('dashboard browser test skipped: no `chromium` on PATH (Debian: apt-get install -y chromium; .ci/run installs it)');
}

const redis = useTestRedis();

/** The number of points a chart holds (dashboard.js keeps it in data-points). */
const points = (page: Page, id: string) => page.$eval(`#${id}`, (el) => Number((el as unknown as PageElement).dataset.points));

describe.skipIf(!executablePath)('dashboard in headless Chromium', () => {
  it('loads from the coordinator alone, gets a new point per epoch, lists the workers, draws weights and digits', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const run = spawnDpt(['train', '--preset', 'mnist', '--train-limit', '19200', '--test-limit', '2000', '--epochs', '5',
      '--workers', '2', '--redis', redis.url, '--prefix', uniquePrefix('dash'), '--out', tempOut('dash'), '--dashboard', String(port)]);
    let exited = false;
    void run.done.then(() => (exited = true));
    for (let i = 0; i < 600 && !exited && (await get(port, '/healthz'))?.status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    // The dashboard alone: no metrics on its port.
    expect((await get(port, '/metrics'))?.status).toBe(404);

    const browser = await chromium.launch({ executablePath: executablePath!, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const asked: string[] = [];
      page.on('request', (r) => asked.push(r.url()));
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${origin}/`);
      const wait = { timeout: 120_000 };

      // The workers table lists both workers, with their host and shards done.
      await page.waitForFunction(() => document.querySelectorAll('#workers tbody tr').length === 2, null, wait);
      const rows = await page.$$eval('#workers tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      for (const row of rows) {
        expect(row[0]).toMatch(/:\d+$/);
        expect(Number(row[2])).toBeGreaterThan(0);
      }

      // An epoch ends: a point on the error and accuracy curves; the next one ends: one more.
      await page.waitForFunction(() => Number(document.body.dataset.epochs) >= 1, null, wait);
      const before = await points(page, 'chart-error');
      expect(before).toBeGreaterThanOrEqual(1);
      await page.waitForFunction((n) => Number(document.getElementById('chart-error')!.dataset.points) > n, before, wait);
      expect(await points(page, 'chart-accuracy')).toBe(before + 1);
      expect(await points(page, 'chart-throughput')).toBeGreaterThan(0);
      expect(await page.$eval('#progress-text', (el) => el.textContent)).toMatch(/step \d+ \/ 1500 .*ETA/);

      // The first layer as 32 heatmaps (784-32-10), and 16 test digits, misclassified first.
      expect(await page.$$eval('#weights canvas', (cs) => cs.length)).toBe(32);
      const digits = await page.$$eval('#digits .digit', (ds) => ds.map((d) => d.classList.contains('wrong')));
      expect(digits).toHaveLength(16);
      const firstRight = digits.indexOf(false);
      if (firstRight >= 0) expect(digits.slice(firstRight)).not.toContain(true);

      const shot = join(tempDir('dashboard-shot'), 'dashboard.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      if (process.env.DPT_DASHBOARD_SCREENSHOT) copyFileSync(shot, process.env.DPT_DASHBOARD_SCREENSHOT);

      // The run ends: the page says so (the stream's last event).
      const { code, err } = await run.done;
      expect(code, err).toBe(0);
      await page.waitForFunction(() => document.body.dataset.status === 'finished', null, { timeout: 10_000 });
      expect(errors).toEqual([]);
      // Every file came from the coordinator: the page works with no network.
      expect(asked.length).toBeGreaterThan(0);
      for (const url of asked) expect(url.startsWith(`${origin}/`), url).toBe(true);
    } finally {
      await browser.close();
      if (!exited) run.child.kill();
    }
  });
});

