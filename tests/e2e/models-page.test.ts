// The Models page in real Chromium: reached from the sidebar, it lists the active providers'
// models by kind (GET /api/models/details) with the price the request log bills — a user's
// override as soon as it is set, "your plan" for a login provider — and its Filter narrows the
// list. No request off 127.0.0.1.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import {
  chromiumSuite,
  DASHBOARD_DIR,
  endSession,
  launchForDashboard,
  openSession,
  type Session,
} from './browser.js';

chromiumSuite('the Models page, in Chromium', () => {
  let browser: Browser;
  let core: TestCore;
  let session: Session | undefined;

  beforeAll(async () => {
    browser = await launchForDashboard();
    core = await startTestCore({ dashboardDir: DASHBOARD_DIR });
    await core.addProvider('openai', {}, { name: 'k', apiKey: 'sk-openai-test-000000' });
    await core.addProvider('claude-login', { login: 'anthropic' });
    const row = { model: 'gpt-4.1-mini', providerId: 'openai', inputPerMTok: 123, outputPerMTok: 456 };
    expect((await core.api('/api/prices', { method: 'PUT', body: JSON.stringify(row) })).status).toBe(200);
  });
  afterAll(async () => {
    await core?.close();
    await browser?.close();
  });
  afterEach(async () => {
    const ended = session;
    session = undefined;
    await endSession(ended);
  });

  const open = async (): Promise<Page> => {
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page } = session;
    await page.getByTestId('sidebar').locator('a[data-route="models"]').click();
    await page.waitForURL(core.url + '/models');
    await page.locator('section[data-kind="chat"]').waitFor();
    return page;
  };
  const row = (page: Page, id: string) => page.locator(`tr[data-model="${id}"]`);

  it('lists the models by kind, chat first, with the override price and a plan at $0', async () => {
    const page = await open();
    await expect
      .poll(() =>
        page.locator('section[data-kind]').evaluateAll((s) => s.map((x) => x.getAttribute('data-kind'))),
      )
      .toEqual(expect.arrayContaining(['chat', 'image', 'embedding']));
    expect(await page.locator('section[data-kind]').first().getAttribute('data-kind')).toBe('chat');
    const mini = (await row(page, 'openai/gpt-4.1-mini').locator('td').allInnerTexts()).map((s) => s.trim());
    expect(mini.slice(2, 4)).toEqual(['$123.00', '$456.00']);
    expect(mini[5]).toContain('Override');
    expect(await row(page, 'openai/dall-e-3').count()).toBe(1);
    expect(await page.locator('section[data-kind="image"] tr[data-model="openai/dall-e-3"]').count()).toBe(1);
    const login = page.locator('tr[data-model^="claude-login/"]').first();
    expect(await login.locator('td').last().innerText()).toBe('Your plan: logged at $0');
    await session!.shot('models');
  });

  it('the Filter keeps the models whose name holds every word', async () => {
    const page = await open();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('openai mini');
    await expect
      .poll(() =>
        page.locator('tr[data-model]').evaluateAll((r) => r.map((x) => x.getAttribute('data-model'))),
      )
      .toContain('openai/gpt-4.1-mini');
    const ids = await page
      .locator('tr[data-model]')
      .evaluateAll((r) => r.map((x) => x.getAttribute('data-model')!));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^openai\/.*mini/);
  });
});
