// "Sign in with ChatGPT" from the dashboard in real Chromium: a local authorization server that
// implements the documented endpoints (registration inside the authorize request, PKCE, the
// loopback callback, a signed ID token) and a local API that lists the account's models. The
// Providers page opens the sign-in in a new tab, the fake server approves at once and sends the
// tab back to the gateway's /auth/callback, and the page — polling the sign-in — shows the
// first-time notice and the account. No request leaves 127.0.0.1.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';
import { ISSUED_CLIENT, SCOPES, startFakeAuth, type FakeAuth } from '../helpers/fake-chatgpt-auth.js';
import { chromiumSuite, DASHBOARD_DIR, launchForDashboard, openSession, type Session } from './browser.js';

const EMAIL = 'dev@example.com';
const WELCOME = /You[’']re using your ChatGPT plan/;

chromiumSuite('Sign in with ChatGPT in Chromium', () => {
  let browser: Browser;
  let auth: FakeAuth;
  let api: ReplayUpstream;
  let core: TestCore;
  let dir: string;
  let session: Session | undefined;

  beforeAll(async () => {
    browser = await launchForDashboard();
    auth = await startFakeAuth();
    api = await startReplayUpstream();
    // The plan's API: the model list, for the current access tokens only.
    api.setDefault((r) => {
      const token = String(r.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!auth.validAccess.has(token))
        return { kind: 'error', status: 401, body: { error: { code: 'subscription_sharing_invalid_user' } } };
      if (r.path.startsWith('/v1/models'))
        return { kind: 'error', status: 200, body: { models: [{ slug: 'gpt-5.5', visibility: 'list' }] } };
      return { kind: 'error', status: 404, body: { error: { message: r.path } } };
    });
    dir = tempDir();
    writeFileSync(
      path.join(dir, 'omniroute.yaml'),
      `providers:
  - id: chatgpt-plan
    baseUrl: ${api.url}/v1
    authUrl: ${auth.url}
`,
    );
    core = await startTestCore({
      dataDir: dir,
      configFile: path.join(dir, 'omniroute.yaml'),
      dashboardDir: DASHBOARD_DIR,
    });
  });
  afterAll(async () => {
    await core?.close();
    await auth?.close();
    await api?.close();
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
  const openPlanProvider = async (page: Page) => {
    await visit(page, '/providers');
    const provider = page.locator('li[data-provider="chatgpt-plan"]');
    await provider.locator('.provider-head').click();
    await provider.getByTestId('chatgpt-accounts').waitFor();
    return provider;
  };
  /** Clicks `button`; the page opens the sign-in in a new tab, which comes back to /auth/callback. */
  const signInThroughPopup = async (s: Session, click: () => Promise<void>) => {
    const popup = s.context.waitForEvent('page');
    await click();
    const tab = await popup;
    await tab.waitForLoadState('load');
    await tab.waitForURL(/\/auth\/callback\?/);
    const text = (await tab.textContent('body')) ?? '';
    await tab.close();
    return { url: tab.url(), text };
  };

  it('adds an account: Continue with ChatGPT, the first-time notice, the account with Manage usage', async () => {
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page } = session;
    const provider = await openPlanProvider(page);
    // No API key anywhere for this provider: accounts come from signing in.
    expect(await provider.getByRole('button', { name: 'Add account' }).count()).toBe(0);
    expect(await provider.getByLabel('API key').count()).toBe(0);
    await provider.getByText('No ChatGPT account yet.').waitFor();

    const back = await signInThroughPopup(session, () =>
      provider.getByRole('button', { name: 'Continue with ChatGPT', exact: true }).click(),
    );
    expect(back.url.startsWith(`http://127.0.0.1:${core.core.port}/auth/callback?`)).toBe(true);
    expect(back.text).toMatch(WELCOME);
    // The authorize request the page opened: first-time registration, PKCE.
    const q = auth.authorizeQueries[0]!;
    expect(q.get('client_id')).toBe('dynamic_agent_client');
    expect(q.get('code_challenge_method')).toBe('S256');

    // The page was polling: the first-time notice, modal, with its two actions.
    const dialog = page.getByRole('dialog', { name: WELCOME });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      'Eligible AI requests through OmniRoute now use your ChatGPT plan.',
    );
    expect(await dialog.getByRole('link', { name: 'Manage usage' }).getAttribute('href')).toBe(
      'https://chatgpt.com/settings/usage',
    );
    const gotIt = dialog.getByRole('button', { name: 'Got it' });
    await expect.poll(() => gotIt.evaluate((b: any) => b === b.ownerDocument.activeElement)).toBe(true);

    const row = provider.locator(`[data-testid="connection"][data-name="${EMAIL}"]`);
    await row.waitFor();
    await page.screenshot({ path: '/tmp/chatgpt-signin.png' });
    await session.shot('chatgpt-signin-welcome');

    await gotIt.click();
    await dialog.waitFor({ state: 'hidden' });
    await provider
      .getByRole('status')
      .filter({ hasText: `Signed in as ${EMAIL}.` })
      .waitFor();
    expect(await row.textContent()).toContain('Using ChatGPT plan');
    expect(await row.getAttribute('data-sign-in-state')).toBe('ok');
    const manage = row.getByRole('link', { name: 'Manage usage' });
    expect(await manage.getAttribute('href')).toBe('https://chatgpt.com/settings/usage');
    expect(await manage.getAttribute('target')).toBe('_blank');
    // No key editing for a signed-in account.
    expect(await row.getByRole('button', { name: `Edit account ${EMAIL}` }).count()).toBe(0);

    // Its models were discovered at sign-in; "Refresh models" asks the account again.
    await expect
      .poll(async () => ((await (await core.api('/api/providers/chatgpt-plan')).json()) as any).models)
      .toContain('gpt-5.5');
    await row.getByRole('button', { name: `Refresh models for ${EMAIL}` }).click();
    await row.getByText('Models: gpt-5.5').waitFor();
    await page.screenshot({ path: '/tmp/chatgpt-signin-account.png' });
    await session.shot('chatgpt-signin-account');

    // The Usage page: a note, no numbers, the link.
    await visit(page, '/usage');
    const card = page.getByTestId('chatgpt-plan-card');
    await card.getByRole('heading', { name: 'ChatGPT plan' }).waitFor();
    const account = card.getByTestId('chatgpt-plan-account');
    await expect(account.textContent()).resolves.toBe(`${EMAIL}Using ChatGPT plan`);
    expect(await card.textContent()).toContain(
      'OpenAI does not report this plan’s remaining usage to apps; see it in ChatGPT settings.',
    );
    expect(await card.getByRole('link', { name: 'Manage usage' }).getAttribute('href')).toBe(
      'https://chatgpt.com/settings/usage',
    );
    await card.screenshot({ path: '/tmp/chatgpt-signin-usage.png' });
  });

  it('an account that must sign in again shows it, and Continue with ChatGPT signs it in again', async () => {
    const accounts = (await (await core.api('/api/connections?providerId=chatgpt-plan')).json()) as Array<{
      id: string;
      name: string;
    }>;
    expect(accounts.map((a) => a.name)).toEqual([EMAIL]);
    // What the gateway does when the account's refresh token died.
    core.core.runtime.store.connections.update(accounts[0]!.id, { signInState: 'sign-in-again' });
    core.core.runtime.reload('connections');

    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page } = session;
    await visit(page, '/providers');
    const provider = page.locator('li[data-provider="chatgpt-plan"]');
    // Visible on the closed row too.
    await provider.locator('.provider-head .badge-danger').filter({ hasText: 'Sign in again' }).waitFor();
    await provider.locator('.provider-head').click();
    const row = provider.locator(`[data-testid="connection"][data-name="${EMAIL}"]`);
    await expect(row.getByTestId('sign-in-state').textContent()).resolves.toBe('Sign in again');
    expect(await row.getByTestId('sign-in-state').getAttribute('class')).toContain('badge-danger');
    expect(await row.textContent()).toContain('Requests skip this account until you sign in again.');
    expect(await row.getByRole('button', { name: `Refresh models for ${EMAIL}` }).isDisabled()).toBe(true);
    await session.shot('chatgpt-signin-again');

    const again = row.getByRole('button', { name: `Continue with ChatGPT as ${EMAIL}` });
    const back = await signInThroughPopup(session, () => again.click());
    expect(back.text).toContain('Signed in with ChatGPT');
    // Signing an account in again uses its issued client and names it.
    const q = auth.authorizeQueries.at(-1)!;
    expect(q.get('client_id')).toBe(ISSUED_CLIENT);
    expect(q.get('login_hint')).toBe(EMAIL);

    await expect.poll(() => row.getAttribute('data-sign-in-state')).toBe('ok');
    await provider
      .getByRole('status')
      .filter({ hasText: `Signed in as ${EMAIL}.` })
      .waitFor();
    // Not the first time on this installation: no notice.
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await provider.locator('.provider-head .badge-danger').count()).toBe(0);
    const list = (await (await core.api('/api/connections?providerId=chatgpt-plan')).json()) as any[];
    expect(list).toHaveLength(1);
    expect(list[0].signInState).toBeUndefined();
  });

  it('Cancel stops waiting; a sign-in declined in the browser shows why', async () => {
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page, context } = session;
    const provider = await openPlanProvider(page);
    const start = provider.getByRole('button', { name: 'Continue with ChatGPT', exact: true });
    const authorize = (u: URL) => u.origin === auth.url && u.pathname === '/api/accounts/authorize';

    // The user never finishes: the authorization page just stays open.
    await context.route(authorize, (r) =>
      r.fulfill({ status: 200, contentType: 'text/html', body: '<title>Log in</title><p>Log in</p>' }),
    );
    const opened = context.waitForEvent('page');
    await start.click();
    const tab = await opened;
    const waiting = provider.getByTestId('sign-in-waiting');
    await expect(waiting.textContent()).resolves.toContain('Waiting for you to finish signing in…');
    expect(await start.count()).toBe(0);
    expect(
      await waiting.getByRole('link', { name: 'Open the sign-in page again' }).getAttribute('href'),
    ).toMatch(/\/api\/accounts\/authorize\?/);
    await page.screenshot({ path: '/tmp/chatgpt-signin-waiting.png' });
    await waiting.getByRole('button', { name: 'Cancel' }).click();
    await waiting.waitFor({ state: 'hidden' });
    await start.waitFor();
    await tab.close();
    await context.unroute(authorize);

    // Declined: the authorization server sends the browser back with error=access_denied.
    await context.route(authorize, (r) => {
      const q = new URL(r.request().url()).searchParams;
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('state', q.get('state')!);
      return r.fulfill({ status: 302, headers: { location: back.toString() } });
    });
    const back = await signInThroughPopup(session, () => start.click());
    expect(back.text).toContain('You declined the sign-in.');
    await expect(provider.getByRole('alert').textContent()).resolves.toContain('You declined the sign-in.');
    await start.waitFor();
    expect((await (await core.api('/api/connections?providerId=chatgpt-plan')).json()) as any[]).toHaveLength(
      1,
    );
    await session.shot('chatgpt-signin-declined');
  });

  it('in Arabic, dark: the account row and the sign-in button are translated and mirrored', async () => {
    session = await openSession(browser, {
      skipOnboarding: true,
      locale: 'ar',
      colorScheme: 'dark',
      signIn: core.core.dashboardLink(),
    });
    const { page } = session;
    await visit(page, '/providers');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const provider = page.locator('li[data-provider="chatgpt-plan"]');
    await provider.locator('.provider-head').click();
    const row = provider.locator(`[data-testid="connection"][data-name="${EMAIL}"]`);
    await row.getByRole('link', { name: 'إدارة الاستخدام' }).waitFor();
    expect(await row.textContent()).toContain('يستخدم خطة ChatGPT');
    await provider.getByRole('button', { name: 'المتابعة باستخدام ChatGPT', exact: true }).waitFor();
    await provider.screenshot({ path: '/tmp/chatgpt-signin-ar-dark.png' });
  });

  it('signing in without allowing plan usage: the warning, and the account marked "Plan usage off"', async () => {
    auth.granted = 'openid profile email offline_access';
    try {
      session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
      const { page } = session;
      const provider = await openPlanProvider(page);
      await signInThroughPopup(session, () =>
        provider.getByRole('button', { name: 'Continue with ChatGPT', exact: true }).click(),
      );
      await provider
        .getByRole('status')
        .filter({ hasText: 'Plan usage was not allowed — sign in again and allow it' })
        .waitFor();
      // The same ChatGPT user and registration: the one account, now unused.
      const row = provider.locator(`[data-testid="connection"][data-name="${EMAIL}"]`);
      await expect.poll(() => row.getAttribute('data-sign-in-state')).toBe('plan-usage-off');
      expect(await row.getByTestId('sign-in-state').getAttribute('class')).toContain('badge-warn');
      await expect(row.getByTestId('sign-in-state').textContent()).resolves.toBe('Plan usage off');
      await row.getByRole('button', { name: `Continue with ChatGPT as ${EMAIL}` }).waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      await session.shot('chatgpt-signin-plan-usage-off');
    } finally {
      auth.granted = SCOPES;
    }
  });

  it('deleting an account signs it out: its refresh token is revoked at OpenAI first', async () => {
    const before = (await (await core.api('/api/connections?providerId=chatgpt-plan')).json()) as Array<{
      id: string;
      name: string;
    }>;
    expect(before.length).toBeGreaterThan(0);
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page } = session;
    await visit(page, '/providers');
    const provider = page.locator('li[data-provider="chatgpt-plan"]');
    await provider.locator('.provider-head').click();
    const name = before[0]!.name;
    const row = provider.locator(`[data-testid="connection"][data-name="${name}"]`);
    const revoked = auth.revocations.length;
    await row.getByRole('button', { name: `Delete account ${name}` }).click();
    await row.getByRole('button', { name: 'Delete account', exact: true }).click();
    await expect.poll(() => auth.revocations.length).toBe(revoked + 1);
    expect(auth.revocations.at(-1)!.get('token_type_hint')).toBe('refresh_token');
    await expect
      .poll(
        async () =>
          ((await (await core.api('/api/connections?providerId=chatgpt-plan')).json()) as any[]).length,
      )
      .toBe(before.length - 1);
  });
});
