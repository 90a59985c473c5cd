// The connection test, model discovery, the Routing settings and the combo templates in real
// Chromium against a real core and a fake provider on 127.0.0.1.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';
import { chromiumSuite, DASHBOARD_DIR, launchForDashboard, openSession, type Session } from './browser.js';

chromiumSuite('connect: test, discovery, fallback, templates in Chromium', () => {
  let browser: Browser;
  let core: TestCore | undefined;
  let session: Session | undefined;
  let up: ReplayUpstream | undefined;
  /** What the fake provider's GET /models lists, and how it answers a key. */
  let listed: string[] = [];
  let keyOk = true;

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
      await up?.close();
      session = undefined;
      core = undefined;
      up = undefined;
    }
  });

  async function start(): Promise<{ core: TestCore; s: Session }> {
    up = await startReplayUpstream();
    up.setDefault((req) =>
      !keyOk
        ? {
            kind: 'error',
            status: 401,
            body: { error: { message: 'Incorrect API key provided.', code: 'invalid_api_key' } },
          }
        : req.method === 'GET'
          ? {
              kind: 'error',
              status: 200,
              body: { object: 'list', data: listed.map((id) => ({ id, object: 'model', owned_by: 'x' })) },
            }
          : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    core = await startTestCore({ dashboardDir: DASHBOARD_DIR, modelDiscovery: {} });
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    return { core, s: session };
  }
  const visit = async (page: Page, c: TestCore, route: string) => {
    await page.goto(c.url + route);
    await page.waitForSelector('html[data-ready="1"]');
  };

  it('provider page: Test tells a working key from a bad one; discovery shows new and vanished models', async () => {
    listed = ['m1', 'fresh-model'];
    keyOk = true;
    const { core, s } = await start();
    await core.addProvider(
      'fake',
      { format: 'openai-chat', baseUrl: up!.baseUrl('openai-chat'), models: ['m1'] },
      { name: 'main', apiKey: 'sk-fake-000000000001' },
    );
    await visit(s.page, core, '/providers');
    await s.page.locator('[data-provider="fake"] .provider-head').click();
    const row = s.page.locator('[data-testid="connection"][data-name="main"]');
    await row.getByTestId('connection-test').click();
    const result = row.getByTestId('connection-test-result');
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('ok');
    expect(await result.textContent()).toContain('Works');
    await s.shot('connect-test-ok');

    keyOk = false;
    await row.getByTestId('connection-test').click();
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('bad_key');
    expect(await result.textContent()).toContain('Incorrect API key provided.');
    await s.shot('connect-test-bad-key');

    // Discovery ran when the account was added; a new list on demand shows what changed.
    keyOk = true;
    listed = ['m1', 'newer-model'];
    await row.getByTestId('connection-discover').click();
    await expect.poll(() => row.getByTestId('discovery-added').textContent()).toBe('newer-model');
    expect(await row.getByTestId('discovery-removed').textContent()).toBe('fresh-model');
    // The provider's panel lists what its accounts discovered beyond its own models.
    await expect.poll(() => s.page.getByTestId('discovered-models').textContent()).toBe('newer-model');
    await s.shot('connect-discovery');
  });

  it('onboarding: the first account can be tested right after its key is added', async () => {
    listed = ['llama-3.3-70b-versatile'];
    keyOk = true;
    up = await startReplayUpstream();
    up.setDefault((req) =>
      req.method === 'GET'
        ? {
            kind: 'error',
            status: 200,
            body: { object: 'list', data: listed.map((id) => ({ id, object: 'model', owned_by: 'x' })) },
          }
        : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    core = await startTestCore({ dashboardDir: DASHBOARD_DIR });
    session = await openSession(browser, { signIn: core.core.dashboardLink() });
    const { page } = session;
    await page.goto(core.url + '/');
    await page.getByTestId('onboarding').waitFor();
    await page.getByLabel('Stay on this machine only').check();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-provider').waitFor();
    await page.getByLabel('Provider', { exact: true }).selectOption('groq');
    await page.getByLabel('API key').fill('gsk-test-onboarding-0001');
    await page.getByLabel('Base URL override').fill(up.baseUrl('openai-chat'));
    await page.getByRole('button', { name: 'Add account' }).click();
    const added = page.getByTestId('wizard-account-added');
    await added.getByTestId('connection-test').click();
    await expect
      .poll(() => added.getByTestId('connection-test-result').getAttribute('data-verdict'))
      .toBe('ok');
    await session.shot('connect-onboarding-test');
    expect(up.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer gsk-test-onboarding-0001',
      'Bearer gsk-test-onboarding-0001',
    ]);
    await page.getByTestId('wizard-provider-continue').click();
    await page.getByTestId('wizard-combo').waitFor();
  });

  it('settings: the global fallback and the default strategy; combos: a template becomes a combo', async () => {
    listed = [];
    keyOk = true;
    const { core, s } = await start();
    for (const id of ['groq', 'cerebras'])
      await core.addProvider(
        id,
        { baseUrl: up!.baseUrl('openai-chat') },
        { name: 'k', apiKey: `key-${id}-0001` },
      );

    await visit(s.page, core, '/combos');
    const templates = s.page.getByTestId('combo-templates');
    await templates.waitFor();
    const free = templates.locator('[data-template="free-forever"]');
    expect(await free.textContent()).toMatch(/groq\//);
    await s.shot('connect-templates');
    await s.page.getByTestId('template-create-free-forever').click();
    await expect
      .poll(async () => ((await (await core.api('/api/combos')).json()) as any[]).map((c) => c.name))
      .toContain('free-forever');

    await visit(s.page, core, '/settings');
    const routing = s.page.getByTestId('routing-settings');
    await routing.getByLabel('Global fallback').selectOption('free-forever');
    await routing.getByLabel('Default strategy for new combos').selectOption('round-robin');
    await routing.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => {
        const st = (await (await core.api('/api/settings')).json()) as any;
        return `${st.globalFallback} ${st.defaultComboStrategy}`;
      })
      .toBe('free-forever round-robin');
    await s.shot('connect-routing-settings');

    // A model nobody serves now goes through the fallback; the log's detail says so.
    const res = await fetch(`${core.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'nobody-serves-this', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omniroute-fallback')).toBe('global');
    await visit(s.page, core, '/logs');
    await s.page.getByTestId('logs-table').locator('tbody tr button').first().click();
    await expect
      .poll(() => s.page.getByTestId('log-global-fallback').textContent())
      .toBe('served by the global fallback free-forever');
    await s.shot('connect-log-global-fallback');
  });
});
