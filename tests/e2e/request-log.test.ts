// The request log's limits in the dashboard, in real Chromium against a real core: the Health
// page shows the database size, rows and oldest row; Settings edits the request-log limits,
// the timeouts and the browser-access lists.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { chromiumSuite, DASHBOARD_DIR, launchForDashboard, openSession, type Session } from './browser.js';

chromiumSuite('request log limits in Chromium', () => {
  let browser: Browser;
  let core: TestCore | undefined;
  let session: Session | undefined;

  beforeAll(async () => {
    browser = await launchForDashboard();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    try {
      session?.assertLocalOnly();
      expect(session?.errors.filter((e) => !/Failed to load resource/.test(e)) ?? []).toEqual([]);
    } finally {
      await session?.context.close();
      await core?.close();
      session = undefined;
      core = undefined;
    }
  });

  async function start(): Promise<{ core: TestCore; s: Session }> {
    core = await startTestCore({ dashboardDir: DASHBOARD_DIR });
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    return { core, s: session };
  }
  const visit = async (page: Page, c: TestCore, route: string) => {
    await page.goto(c.url + route);
    await page.waitForSelector('html[data-ready="1"]');
  };
  const json = async <T = any>(c: TestCore, p: string): Promise<T> => (await (await c.api(p)).json()) as T;

  it('health: the database size on disk, request-log rows and the oldest request', async () => {
    const { core, s } = await start();
    const oldest = Date.UTC(2026, 0, 2, 12);
    const log = core.core.runtime.store.requestLog;
    for (const [id, ts] of [
      ['a', oldest],
      ['b', oldest + 60_000],
      ['c', Date.now()],
    ] as const)
      log.record({ id, ts, callerFormat: 'openai-chat', attempts: 1, status: 200, stream: false });
    log.flush();
    const { storage } = await json(core, '/api/health');

    await visit(s.page, core, '/status');
    const card = s.page.getByTestId('storage-card');
    await card.waitFor();
    const size = (await card.getByTestId('db-size').textContent())!;
    // fmtBytes: "1.2 MB", "96 kB"…: a number and a unit, about the size the API reports.
    expect(size).toMatch(/^[\d.,]+\s?(byte|B|kB|KB|MB|GB)/);
    const [n, unit] = [parseFloat(size.replace(/,/g, '')), size.replace(/^[\d.,\s]+/, '')];
    const scale = { B: 1, byte: 1, kB: 1024, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[unit] ?? 0;
    expect(Math.abs(n * scale - storage.totalBytes)).toBeLessThan(storage.totalBytes * 0.1 + 1024);
    expect(await card.getByTestId('log-rows').textContent()).toBe('3');
    expect(await card.getByTestId('oldest-row').textContent()).toMatch(/2026/);
    await card.getByText('1 GB').waitFor(); // the default limit, logMaxDbMb 1024
    await s.shot('health-storage');
  });

  it('settings: request-log limits, timeouts and browser access save and persist', async () => {
    const { core, s } = await start();
    const { page } = s;
    const settings = () => json<any>(core, '/api/settings');
    await visit(page, core, '/settings');

    const log = page.getByTestId('request-log-settings');
    await log.waitFor();
    await log.getByLabel('Keep rows for (days)').fill('7');
    await log.getByLabel('Database size limit (MB)').fill('512');
    await log.getByLabel('Kept request body (KB)').fill('64');
    await log.getByLabel('Kept error text (characters)').fill('2000');
    await log.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => {
        const v = await settings();
        return [v.logRetentionDays, v.logMaxDbMb, v.logBodyMaxKb, v.logErrorMaxChars];
      })
      .toEqual([7, 512, 64, 2000]);
    // The writer caps with the new limits at once.
    expect(core.core.runtime.store.requestLog.limits).toEqual({
      bodyMaxBytes: 64 * 1024,
      errorMaxChars: 2000,
    });

    const timeouts = page.getByTestId('timeout-settings');
    await timeouts.getByLabel('First byte of a stream (ms)').fill('30000');
    await timeouts.getByLabel('Silence within an answer (ms)').fill('120000');
    await timeouts.getByLabel('Connections at once').fill('256');
    await timeouts.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => {
        const v = await settings();
        return [v.firstByteTimeoutMs, v.stallTimeoutMs, v.maxConnections];
      })
      .toEqual([30000, 120000, 256]);

    const browserAccess = page.getByTestId('browser-settings');
    const origins = browserAccess.getByTestId('cors-origins');
    await origins.getByRole('textbox').fill('https://app.example.com/path');
    await origins.getByRole('button', { name: 'Add' }).click();
    await origins.getByText('is not an origin').waitFor();
    await origins.getByRole('textbox').fill('https://app.example.com');
    await origins.getByRole('button', { name: 'Add' }).click();
    const hosts = browserAccess.getByTestId('allowed-hosts');
    await hosts.getByRole('textbox').fill('laptop.lan');
    await hosts.getByRole('textbox').press('Enter');
    await browserAccess.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => {
        const v = await settings();
        return [v.allowedHosts, v.corsOrigins];
      })
      .toEqual([['laptop.lan'], ['https://app.example.com']]);
    await s.shot('settings-request-log');

    // After a reload the page shows what was saved.
    await visit(page, core, '/settings');
    expect(
      await page.getByTestId('request-log-settings').getByLabel('Keep rows for (days)').inputValue(),
    ).toBe('7');
    await page.getByTestId('allowed-hosts').getByText('laptop.lan').waitFor();
  });
});
