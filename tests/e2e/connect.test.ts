// The connection test, model discovery, the Routing settings and the combo templates in real
// Chromium against a real core and a fake provider on 127.0.0.1.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { closedPort, startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';
import { chromiumSuite, DASHBOARD_DIR, launchForDashboard, openSession, type Session } from './browser.js';

chromiumSuite('connect: test, discovery, fallback, templates in Chromium', () => {
  let browser: Browser;
  let core: TestCore | undefined;
  let session: Session | undefined;
  let up: ReplayUpstream | undefined;
  let proxies: ConnectProxy[] = [];
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
      for (const p of proxies) await p.close();
      proxies = [];
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

  it('provider page: Test tells apart no credit, a rate limit, a missing model, a down host, a dead and a refusing proxy; a proxy alone is tested where it is edited', async () => {
    // One fake provider, one account per outcome; the fake answers each account by its key.
    const MISSING = 'The model `m1` does not exist or you do not have access to it.';
    const byKey: Record<string, { status: number; error: Record<string, string> }> = {
      'Bearer sk-nocredit-0001': { status: 402, error: { message: 'Insufficient Balance' } },
      'Bearer sk-ratelimit-0001': {
        status: 429,
        error: { message: 'Rate limit reached for requests', code: 'rate_limit_exceeded' },
      },
      'Bearer sk-nomodel-0001': { status: 404, error: { message: MISSING, code: 'model_not_found' } },
    };
    const { core, s } = await start();
    up!.setDefault((req) => {
      const fail = byKey[String(req.headers.authorization)];
      if (req.method === 'GET')
        return {
          kind: 'error',
          status: 200,
          body: { object: 'list', data: [{ id: 'm1', object: 'model' }] },
        };
      return fail
        ? { kind: 'error', status: fail.status, body: { error: fail.error } }
        : { kind: 'fixture', file: 'openai-chat/openai-text.json' };
    });
    const refusing = await startConnectProxy({ refuse: 403 });
    proxies.push(refusing);
    const deadProxy = `http://user:pw-never-shown@127.0.0.1:${await closedPort()}`;
    const provider = { format: 'openai-chat', baseUrl: up!.baseUrl('openai-chat'), models: ['m1'] };
    const accounts: ({ name: string; apiKey: string } & Record<string, unknown>)[] = [
      { name: 'nocredit', apiKey: 'sk-nocredit-0001' },
      { name: 'ratelimit', apiKey: 'sk-ratelimit-0001' },
      { name: 'nomodel', apiKey: 'sk-nomodel-0001' },
      { name: 'down', apiKey: 'sk-down-0001', baseUrl: `http://127.0.0.1:${await closedPort()}/v1` },
      { name: 'deadproxy', apiKey: 'sk-deadproxy-0001', proxy: deadProxy },
      { name: 'refusingproxy', apiKey: 'sk-refusing-0001', proxy: refusing.url },
    ];
    for (const a of accounts) await core.addProvider('fake', provider, a);
    await visit(s.page, core, '/providers');
    await s.page.locator('[data-provider="fake"] .provider-head').click();

    /** Presses the account's Test; what its result line then says (verdict, latency, details). */
    const testAccount = async (name: string, verdict: string) => {
      const row = s.page.locator(`[data-testid="connection"][data-name="${name}"]`);
      await row.getByTestId('connection-test').click();
      const result = row.getByTestId('connection-test-result');
      await expect.poll(() => result.getAttribute('data-verdict')).toBe(verdict);
      const text = (await result.textContent()) ?? '';
      expect(text).toMatch(/ — \d+ ms/);
      return text;
    };

    let text = await testAccount('nocredit', 'no_credit');
    expect(text).toContain('No credit left');
    expect(text).toContain('The provider said: Insufficient Balance');

    text = await testAccount('ratelimit', 'rate_limited');
    expect(text).toContain('Rate limited');
    expect(text).toContain('The provider said: Rate limit reached for requests');

    text = await testAccount('nomodel', 'model_not_available');
    expect(text).toContain('Model not available');
    expect(text).toContain('m1');
    expect(text).toContain(`The provider said: ${MISSING}`);

    // Nothing came from the provider: the transport's words, not "the provider said".
    text = await testAccount('down', 'unreachable');
    expect(text).toContain('Unreachable (connection refused)');
    expect(text).toContain('Could not reach fake');
    expect(text).not.toContain('The provider said');

    text = await testAccount('deadproxy', 'unreachable');
    expect(text).toContain('Unreachable (proxy)');
    expect(text).toMatch(/proxy http:\/\/127\.0\.0\.1:\d+/);
    expect(text).not.toContain('pw-never-shown');

    text = await testAccount('refusingproxy', 'unreachable');
    expect(text).toContain('Unreachable (proxy)');
    expect(text).toContain('the proxy answered 403 to CONNECT');
    expect(text).not.toContain('HTTP Tunneling');
    await s.shot('connect-test-verdicts');

    // The fake saw only the accounts it should: none came through a broken proxy or to a down host.
    const keys = new Set(up!.requests.map((r) => r.headers.authorization));
    expect([...keys].sort()).toEqual(Object.keys(byKey).sort());
    // Discovery (on add) and the test: each asked the refusing proxy for the provider's host.
    expect(new Set(refusing.targets)).toEqual(new Set([new URL(up!.url).host]));

    // A proxy alone, where it is edited and before it is saved: the account's own, in its edit
    // form (the test reaches the provider's host through it), then the provider's.
    const good = await startConnectProxy();
    const refusing407 = await startConnectProxy({ refuse: 407 });
    proxies.push(good, refusing407);
    await s.page.getByRole('button', { name: 'Edit account nocredit' }).click();
    const form = s.page.getByTestId('connection-form');
    await form.getByLabel('Proxy').fill(good.url);
    await form.getByTestId('proxy-test').click();
    const result = form.getByTestId('proxy-test-result');
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('ok');
    const host = new URL(up!.url).host;
    expect(await result.textContent()).toMatch(
      new RegExp(`^Works — \\d+ ms.*reached ${host}, which answered 200`),
    );
    expect(good.targets).toEqual([host]);
    await s.shot('connect-proxy-test-ok');

    const dead = `http://u:pw-not-shown@127.0.0.1:${await closedPort()}`;
    await form.getByLabel('Proxy').fill(dead);
    await form.getByTestId('proxy-test').click();
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('unreachable');
    expect(await result.textContent()).toContain('Unreachable (proxy)');
    expect(await result.textContent()).not.toContain('pw-not-shown');
    await form.getByRole('button', { name: 'Cancel' }).click();
    // Tested, not saved: the account still has no proxy.
    const conns = (await (await core.api('/api/connections')).json()) as { name: string; proxy?: string }[];
    expect(conns.find((c) => c.name === 'nocredit')?.proxy).toBeUndefined();

    const routing = s.page.locator('[data-provider="fake"]').getByTestId('provider-routing');
    await routing.getByLabel('Proxy').fill(refusing407.url);
    await routing.getByTestId('proxy-test').click();
    const r2 = routing.getByTestId('proxy-test-result');
    await expect.poll(() => r2.getAttribute('data-verdict')).toBe('unreachable');
    expect(await r2.textContent()).toContain('the proxy answered 407 to CONNECT');
    await s.shot('connect-proxy-test-refused');
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
