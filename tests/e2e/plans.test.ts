// "Your plans" and login providers in real Chromium: a core with a Claude Code login provider
// pointed at a tiny fake Anthropic, one request per fake login through the gateway (the vendor's
// quota headers are read off each answer), then the Usage page shows the plan windows and the
// Providers page creates a login provider of its own. No real CLI, no request off 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { loadJson } from '../helpers/fixtures.js';
import { chromiumSuite, DASHBOARD_DIR, launchForDashboard, openSession, type Session } from './browser.js';

// A login whose plan serves (62 % of its 5-hour window used) and one whose 5-hour window the
// vendor rejects: the first shows its windows, the second "Exhausted until …".
const CLAUDE_TOKEN = 'sk-ant-oat01-fake-plans-e2e-token-0123456789abcdef';
const SPENT_TOKEN = 'sk-ant-oat01-fake-plans-e2e-spent-0123456789abcdef';

const nowS = () => Math.floor(Date.now() / 1000);

interface FakeVendor {
  url: string;
  /** The authorization header of every /v1/messages call it got. */
  seen: string[];
  close(): Promise<void>;
}

/** A fake api.anthropic.com: answers /v1/messages with a real capture and plan headers. */
async function startFakeAnthropic(): Promise<FakeVendor> {
  const seen: string[] = [];
  const reset5h = nowS() + 2 * 3600;
  const reset7d = nowS() + 3 * 86_400;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: req.url } }));
        return;
      }
      const auth = String(req.headers.authorization ?? '');
      seen.push(auth);
      if (auth === `Bearer ${SPENT_TOKEN}`) {
        const reset = nowS() + 3600;
        res.writeHead(429, {
          'content-type': 'application/json',
          'anthropic-ratelimit-unified-status': 'rejected',
          'anthropic-ratelimit-unified-reset': String(reset),
          'anthropic-ratelimit-unified-representative-claim': 'five_hour',
          'anthropic-ratelimit-unified-5h-utilization': '1.0',
          'anthropic-ratelimit-unified-5h-reset': String(reset),
          'anthropic-ratelimit-unified-5h-status': 'rejected',
          'anthropic-ratelimit-unified-7d-utilization': '0.85',
          'anthropic-ratelimit-unified-7d-reset': String(reset7d),
          'anthropic-ratelimit-unified-7d-status': 'allowed_warning',
        });
        res.end(
          JSON.stringify({
            type: 'error',
            error: { type: 'rate_limit_error', message: 'This request would exceed your rate limit.' },
          }),
        );
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'anthropic-ratelimit-unified-status': 'allowed',
        'anthropic-ratelimit-unified-5h-utilization': '0.62',
        'anthropic-ratelimit-unified-5h-reset': String(reset5h),
        'anthropic-ratelimit-unified-5h-status': 'allowed',
        'anthropic-ratelimit-unified-7d-utilization': '0.3',
        'anthropic-ratelimit-unified-7d-reset': String(reset7d),
        'anthropic-ratelimit-unified-7d-status': 'allowed',
      });
      res.end(JSON.stringify(loadJson('anthropic/anthropic-text.json')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One Claude Code request through the gateway, on the caller's own login. */
function claudeCodeRequest(core: TestCore, token: string): Promise<Response> {
  return fetch(`${core.url}/v1/messages`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'anthropic-beta': 'oauth-2025-04-20',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      model: 'claude-login/claude-sonnet-4-6',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
}

chromiumSuite('plans and login providers in Chromium', () => {
  let browser: Browser;
  let vendor: FakeVendor;
  let core: TestCore;
  let session: Session | undefined;

  beforeAll(async () => {
    browser = await launchForDashboard();
    vendor = await startFakeAnthropic();
    core = await startTestCore({ dashboardDir: DASHBOARD_DIR });
    await core.addProvider('claude-login', { login: 'anthropic', baseUrl: vendor.url });

    const ok = await claudeCodeRequest(core, CLAUDE_TOKEN);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { content: Array<{ text: string }> }).content[0]!.text).toMatch(/^Hello!/);
    const spent = await claudeCodeRequest(core, SPENT_TOKEN);
    expect(spent.status).toBe(429);
    await spent.text();
    // The caller's own credential reached the vendor, unchanged.
    expect(vendor.seen).toEqual([`Bearer ${CLAUDE_TOKEN}`, `Bearer ${SPENT_TOKEN}`]);
  });
  afterAll(async () => {
    await core?.close();
    await vendor?.close();
    await browser?.close();
  });
  afterEach(async () => {
    try {
      session?.assertLocalOnly();
      expect(session?.errors.filter((e) => !/Failed to load resource/.test(e)) ?? []).toEqual([]);
    } finally {
      await session?.context.close();
      session = undefined;
    }
  });

  const visit = async (page: Page, route: string) => {
    await page.goto(core.url + route);
    await page.waitForSelector('html[data-ready="1"]');
  };

  it('the Usage page shows each login’s plan windows, their resets and forecasts', async () => {
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page } = session;
    const plans = (await (await core.api('/api/quota/plans')).json()) as Array<{
      identity: string;
      exhaustedUntil?: number;
    }>;
    expect(plans).toHaveLength(2);
    const servingId = plans.find((p) => p.exhaustedUntil === undefined)!.identity;

    await visit(page, '/usage');
    const card = page.getByTestId('plans-card');
    await card.getByRole('heading', { name: 'Your plans' }).waitFor();
    await expect.poll(() => card.getByTestId('plan').count()).toBe(2);

    const serving = card.locator(`[data-testid="plan"]:not(:has(.notice))`);
    await expect(serving.getByRole('heading').textContent()).resolves.toBe('Claude Code login');
    const fiveHours = serving.locator('[data-window="5h"]');
    const fiveText = (await fiveHours.textContent())!;
    expect(fiveText).toContain('5 h');
    expect(fiveText).toContain('62% used');
    // A reset on another day (the test run near midnight) also names the weekday: "resets Mon 12:01 AM".
    expect(fiveText).toMatch(/resets (?:\p{L}+ )?\d{1,2}:\d{2}/u);
    // 62 % in the 3 h since the window began: at that pace it runs out before its reset in 2 h.
    expect(fiveText).toMatch(/runs out ≈ (?:\p{L}+ )?\d{1,2}:\d{2}/u);
    expect(await fiveHours.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('62');
    const weekly = serving.locator('[data-window="7d"]');
    const weeklyText = (await weekly.textContent())!;
    expect(weeklyText).toContain('Weekly');
    expect(weeklyText).toContain('30% used');
    expect(weeklyText).toContain('lasts until reset');
    expect(await weekly.getByRole('progressbar').getAttribute('data-level')).toBe('ok');

    const spent = card.locator(`[data-testid="plan"]:has(.notice)`);
    await expect(spent.getByRole('alert').textContent()).resolves.toMatch(
      /Exhausted until (?:\p{L}+ )?\d{1,2}:\d{2}.* — requests fall back to the next combo step/u,
    );
    const spent5h = spent.locator('[data-window="5h"]');
    expect(await spent5h.getByRole('progressbar').getAttribute('data-level')).toBe('exhausted');
    expect(await spent5h.textContent()).toContain('100% used');
    expect(
      await spent.locator('[data-window="7d"]').getByRole('progressbar').getAttribute('data-level'),
    ).toBe('warning');
    // The serving login is listed by its fingerprint only: no credential on the page.
    expect(servingId).toMatch(/^[0-9a-f]{16}$/);
    expect(await page.content()).not.toContain(CLAUDE_TOKEN);

    await session.shot('usage-plans');
    await card.screenshot({ path: '/tmp/plans.png' });
  });

  it('in Russian: translated card and window names, 24-hour times', async () => {
    session = await openSession(browser, {
      skipOnboarding: true,
      locale: 'ru-RU',
      signIn: core.core.dashboardLink(),
    });
    const { page } = session;
    await visit(page, '/usage');
    const card = page.getByTestId('plans-card');
    await card.getByRole('heading', { name: 'Ваши планы' }).waitFor();
    const fiveHours = card.locator(`[data-testid="plan"]:not(:has(.notice)) [data-window="5h"]`);
    const text = (await fiveHours.textContent())!;
    expect(text).toContain('5 ч');
    expect(text).toMatch(/использовано 62\s?%/);
    // 24-hour times: the hour has one digit before 10:00 ("сброс 2:36").
    expect(text).toMatch(/сброс (?:\p{L}+ )?\d{1,2}:\d{2}/u);
    expect(text).not.toMatch(/AM|PM/);
    await expect(card.getByRole('alert').textContent()).resolves.toContain('Исчерпан до');
    await card.screenshot({ path: '/tmp/plans-ru.png' });
  });

  it('without plan data: the empty state explains where plans come from and links to the CLI tools', async () => {
    const empty = await startTestCore({ dashboardDir: DASHBOARD_DIR });
    try {
      session = await openSession(browser, { skipOnboarding: true, signIn: empty.core.dashboardLink() });
      const { page } = session;
      await page.goto(empty.url + '/usage');
      await page.waitForSelector('html[data-ready="1"]');
      const none = page.getByTestId('plans-empty');
      await expect(none.textContent()).resolves.toContain(
        'Plan quotas appear here after Claude Code, Codex or the Gemini CLI sent a request through a login provider.',
      );
      await none.getByRole('button', { name: 'Point a coding tool at this gateway' }).click();
      await page.locator('main[data-page="cli"]').waitFor();
      session.assertLocalOnly();
      expect(session.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await session?.context.close();
      session = undefined;
      await empty.close();
    }
  });

  it('the Providers page creates a login provider: no format, no accounts, the login badge', async () => {
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page } = session;
    await visit(page, '/providers');

    // the provider configured through the API already shows as a login provider
    const existing = page.locator('li[data-provider="claude-login"]');
    await expect(existing.getByTestId('login-badge').textContent()).resolves.toBe(
      'uses the caller’s own login — no key stored',
    );

    await page.getByRole('button', { name: 'Add your own provider' }).click();
    const form = page.getByTestId('custom-provider-form');
    await form.getByRole('radio', { name: /Keep a coding tool.s login/ }).check();
    // format and the local switch are gone; the base URL shows the vendor's default
    expect(await form.getByLabel('Wire format', { exact: true }).count()).toBe(0);
    expect(await form.getByRole('switch').count()).toBe(0);
    await form.getByLabel('Coding tool’s login', { exact: true }).selectOption('chatgpt');
    expect(await form.getByLabel('Id', { exact: true }).inputValue()).toBe('codex-login');
    expect(await form.getByLabel('Base URL').getAttribute('placeholder')).toBe(
      'https://chatgpt.com/backend-api/codex',
    );
    expect(await form.getByLabel('Base URL').getAttribute('required')).toBeNull();
    await session.shot('providers-login-form');
    await form.getByRole('button', { name: 'Create provider' }).click();

    const mine = page.locator('li[data-provider="codex-login"]');
    await mine.waitFor();
    await expect(mine.getByTestId('login-badge').textContent()).resolves.toBe(
      'uses the caller’s own login — no key stored',
    );
    // created open: no accounts, no "Add account", the vendor's default host
    await mine.getByTestId('login-explainer').waitFor();
    expect(await mine.getByRole('button', { name: 'Add account' }).count()).toBe(0);
    expect(await mine.getByLabel('Account strategy').count()).toBe(0);
    expect(await mine.locator('.kv').textContent()).toContain('https://chatgpt.com/backend-api/codex');
    expect(await mine.locator('.kv').textContent()).toContain('Codex ChatGPT login');
    await session.shot('providers-login');

    const api = async () => (await (await core.api('/api/providers/codex-login')).json()) as any;
    expect(await api()).toMatchObject({
      login: 'chatgpt',
      formats: ['openai-responses'],
      baseUrl: 'https://chatgpt.com/backend-api/codex',
      connections: 0,
      enabled: true,
    });

    // the provider's own switches send a login body (no format): disabling it works
    await mine.getByRole('switch', { name: 'Provider enabled' }).click({ force: true });
    await expect.poll(async () => (await api()).enabled).toBe(false);
    expect(await api()).toMatchObject({ login: 'chatgpt', baseUrl: 'https://chatgpt.com/backend-api/codex' });
  });
});
