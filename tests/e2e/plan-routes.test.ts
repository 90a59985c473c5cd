// "Using your subscriptions" on the Providers page in real Chromium: the catalog of plan routes
// (GET /api/plan-routes) with the built ones marked "works" and their how-to, the ones not built
// marked "not offered" with the reason and the alternative; the Filter box finds them on their
// name, reason and alternative (all words); a login route opens the provider form with its kind
// chosen, or the login provider already there; Sign in with ChatGPT opens the ChatGPT plan
// provider. No request off 127.0.0.1.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import {
  chromiumSuite,
  DASHBOARD_DIR,
  launchForDashboard,
  openSession,
  SCREENSHOTS,
  type Session,
} from './browser.js';

interface Route {
  id: string;
  name: string;
  status: 'built' | 'not-built' | 'planned';
  login?: string;
  reason: string;
  instead: string;
}

chromiumSuite('plan routes on the Providers page, in Chromium', () => {
  let browser: Browser;
  let core: TestCore;
  let routes: Route[];
  let session: Session | undefined;

  beforeAll(async () => {
    browser = await launchForDashboard();
    core = await startTestCore({ dashboardDir: DASHBOARD_DIR });
    // Claude Code's login provider exists already; Codex's and the Gemini CLI's do not.
    await core.addProvider('claude-login', { login: 'anthropic' });
    const res = await core.api('/api/plan-routes');
    expect(res.status).toBe(200);
    routes = (await res.json()) as Route[];
  });
  afterAll(async () => {
    await core?.close();
    await browser?.close();
  });
  afterEach(async () => {
    try {
      session?.assertLocalOnly();
      expect(session?.errors ?? []).toEqual([]);
    } finally {
      await session?.context.close();
      session = undefined;
    }
  });

  const open = async (): Promise<Page> => {
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page } = session;
    await page.goto(core.url + '/providers');
    await page.waitForSelector('html[data-ready="1"]');
    await page.getByTestId('plan-routes').waitFor();
    return page;
  };
  const shown = async (page: Page) =>
    page
      .getByTestId('plan-routes')
      .locator('li[data-route]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-route')));
  const filter = (page: Page, q: string) => page.getByRole('searchbox', { name: 'Filter' }).fill(q);

  it('lists every route: the built ones "works" with their how-to, the others "not offered" with why and instead', async () => {
    const page = await open();
    const section = page.getByTestId('plan-routes');
    await expect(section.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      `Using your subscriptions ${routes.length}`,
    );
    expect(await shown(page)).toEqual(routes.map((r) => r.id));
    // Right after the Subscriptions tier, before the API-key tier.
    const order = await page
      .locator('section[data-tier], section[data-testid="plan-routes"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-tier') ?? 'routes'));
    expect(order.slice(0, 3)).toEqual(['subscription', 'routes', 'api-key']);

    const built = routes.filter((r) => r.status === 'built');
    const notBuilt = routes.filter((r) => r.status === 'not-built');
    expect(built.map((r) => r.id)).toEqual([
      'claude-code-login',
      'codex-chatgpt-login',
      'gemini-cli-google-login',
      'sign-in-with-chatgpt',
    ]);
    expect(notBuilt.map((r) => r.id)).toEqual(
      expect.arrayContaining(['claude-login-for-other-tools', 'github-copilot-internal', 'qwen-code-oauth']),
    );
    for (const r of routes) {
      const item = section.locator(`li[data-route="${r.id}"]`);
      expect(await item.getAttribute('data-status')).toBe(r.status);
      await expect(item.locator('.route-name').textContent()).resolves.toBe(r.name);
      await expect(item.getByTestId('route-reason').textContent()).resolves.toBe(r.reason);
      const status = item.getByTestId('route-status');
      if (r.status === 'built') {
        await expect(status.textContent()).resolves.toBe('works');
        expect(await status.getAttribute('class')).toContain('badge-ok');
        await expect(item.getByTestId('route-instead').textContent()).resolves.toBe(`How: ${r.instead}`);
      } else {
        await expect(status.textContent()).resolves.toBe('not offered');
        expect(await status.getAttribute('class')).toBe('badge');
        await expect(item.getByTestId('route-instead').textContent()).resolves.toBe(`Instead: ${r.instead}`);
        expect(await item.getByRole('button').count()).toBe(0);
      }
    }

    // The login routes: the one whose provider exists opens it, the others add one.
    const claude = section.locator('li[data-route="claude-code-login"]');
    expect(await claude.getByRole('button', { name: 'Open Claude Code login' }).count()).toBe(1);
    expect(await claude.getByRole('button', { name: 'Point a coding tool at this gateway' }).count()).toBe(1);
    const codex = section.locator('li[data-route="codex-chatgpt-login"]');
    expect(await codex.getByRole('button', { name: 'Add a “Codex ChatGPT login” provider' }).count()).toBe(1);
    const gemini = section.locator('li[data-route="gemini-cli-google-login"]');
    expect(
      await gemini.getByRole('button', { name: 'Add a “Gemini CLI Google login” provider' }).count(),
    ).toBe(1);

    await section.screenshot({ path: path.join(SCREENSHOTS, 'plan-routes.png') });
    copyFileSync(path.join(SCREENSHOTS, 'plan-routes.png'), '/tmp/plan-routes.png');
    await session!.shot('providers-plan-routes');
  });

  it('the Filter finds routes on name, reason and instead: "copilot", "claude login"', async () => {
    const page = await open();
    const section = page.getByTestId('plan-routes');

    await filter(page, 'copilot');
    await expect.poll(() => shown(page)).toEqual(['github-copilot-internal']);
    const copilot = section.locator('li[data-route="github-copilot-internal"]');
    await expect(copilot.locator('.route-name').textContent()).resolves.toBe("GitHub Copilot's internal API");
    await expect(copilot.getByTestId('route-status').textContent()).resolves.toBe('not offered');
    await expect(copilot.getByTestId('route-reason').textContent()).resolves.toContain(
      'It is reached only by posing as VS Code',
    );
    await expect(copilot.getByTestId('route-instead').textContent()).resolves.toMatch(
      /^Instead: GitHub Models/,
    );
    await expect(section.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'Using your subscriptions 1',
    );
    expect(await page.getByText('Claude Pro/Max/Team through Claude Code').count()).toBe(0);
    expect(await page.getByText('Qwen Code free OAuth tier').count()).toBe(0);

    // All words, in any order and case, across name, reason and instead.
    await filter(page, 'Claude  LOGIN');
    await expect.poll(() => shown(page)).toContain('claude-code-login');
    const ids = await shown(page);
    expect(ids).not.toContain('github-copilot-internal');
    expect(ids).not.toContain('codex-chatgpt-login');
    expect(ids).not.toContain('iflow');
    for (const id of ids) {
      const r = routes.find((x) => x.id === id)!;
      const text = `${r.name} ${r.reason} ${r.instead}`.toLowerCase();
      expect(text).toContain('claude');
      expect(text).toContain('login');
    }
    const claude = section.locator('li[data-route="claude-code-login"]');
    await expect(claude.getByTestId('route-status').textContent()).resolves.toBe('works');

    // "Open" clears the filter and opens the login provider's row.
    await claude.getByRole('button', { name: 'Open Claude Code login' }).click();
    expect(await page.getByRole('searchbox', { name: 'Filter' }).inputValue()).toBe('');
    const row = page.locator('li[data-provider="claude-login"]');
    await row.getByTestId('login-explainer').waitFor();
    expect(await row.locator('.provider-head').getAttribute('aria-expanded')).toBe('true');

    // Nothing at all matches: said so.
    await filter(page, 'no such route anywhere');
    await expect(page.getByTestId('filter-no-match').textContent()).resolves.toBe(
      'Nothing matches “no such route anywhere”.',
    );
    expect(await page.getByTestId('plan-routes').count()).toBe(0);
  });

  it('"Add a … provider" opens "Keep a coding tool’s login" with the kind chosen', async () => {
    const page = await open();
    await filter(page, 'codex');
    const codex = page.locator('li[data-route="codex-chatgpt-login"]');
    await codex.getByRole('button', { name: 'Add a “Codex ChatGPT login” provider' }).click();
    const form = page.getByTestId('custom-provider-form');
    await form.waitFor();
    expect(await form.getByRole('radio', { name: /Keep a coding tool.s login/ }).isChecked()).toBe(true);
    expect(await form.getByLabel('Coding tool’s login', { exact: true }).inputValue()).toBe('chatgpt');
    expect(await form.getByLabel('Id', { exact: true }).inputValue()).toBe('codex-login');
    // Another route while the form is open: the form follows it.
    await filter(page, 'gemini cli');
    await page
      .locator('li[data-route="gemini-cli-google-login"]')
      .getByRole('button', { name: 'Add a “Gemini CLI Google login” provider' })
      .click();
    await expect
      .poll(() => form.getByLabel('Coding tool’s login', { exact: true }).inputValue())
      .toBe('code-assist');
    expect(await form.getByLabel('Id', { exact: true }).inputValue()).toBe('gemini-login');
    await form.getByRole('button', { name: 'Create provider' }).click();
    await page.locator('li[data-provider="gemini-login"]').getByTestId('login-explainer').waitFor();
    expect(((await (await core.api('/api/providers/gemini-login')).json()) as { login: string }).login).toBe(
      'code-assist',
    );
    // Now that it exists, the route opens it instead of adding another.
    await filter(page, 'gemini cli');
    await page
      .locator('li[data-route="gemini-cli-google-login"]')
      .getByRole('button', { name: /^Open / })
      .waitFor();
  });

  it('Sign in with ChatGPT opens the ChatGPT plan provider at “Continue with ChatGPT”', async () => {
    const page = await open();
    await filter(page, 'sign in with chatgpt');
    const item = page.locator('li[data-route="sign-in-with-chatgpt"]');
    await item.getByRole('button', { name: /Continue with ChatGPT/ }).click();
    const row = page.locator('li[data-provider="chatgpt-plan"]');
    await row.getByRole('button', { name: 'Continue with ChatGPT' }).waitFor();
    expect(await row.locator('.provider-head').getAttribute('aria-expanded')).toBe('true');
  });
});
