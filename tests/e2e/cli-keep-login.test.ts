// The CLI tools page's "keep my login" mode in real Chromium, against a core whose CLI tools
// read and write a temporary home: Claude Code applied in keep-login mode with a gateway key and
// a combo that starts with a login provider (the written settings.json sends the key in
// x-omniroute-key and holds no token), a key the gateway does not know refused, and Codex / the
// Gemini CLI without a login provider of their kind. No real CLI, no request off 127.0.0.1.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { readJsonc } from '../../core/cli-tools/edit/jsonc.js';
import { readTomlString } from '../../core/cli-tools/edit/toml.js';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';
import { chromiumSuite, DASHBOARD_DIR, launchForDashboard, openSession, type Session } from './browser.js';

chromiumSuite('CLI tools: keep my login, in Chromium', () => {
  let browser: Browser;
  let home: string;
  let core: TestCore;
  let key: string;
  let session: Session | undefined;

  beforeAll(async () => {
    browser = await launchForDashboard();
    home = tempDir('omniroute-e2e-home-');
    mkdirSync(path.join(home, 'bin'));
    core = await startTestCore({
      dashboardDir: DASHBOARD_DIR,
      homeDir: home,
      env: { PATH: path.join(home, 'bin') },
    });
    const created = await core.api('/api/keys', { method: 'POST', body: JSON.stringify({ name: 'claude' }) });
    expect(created.status).toBe(201);
    key = ((await created.json()) as { key: string }).key;
    await core.addProvider('claude-login', { login: 'anthropic' });
    const conn = await core.api('/api/connections', {
      method: 'POST',
      body: JSON.stringify({ providerId: 'openai', name: 'k', apiKey: 'sk-openai-e2e-000000' }),
    });
    expect(conn.ok).toBe(true);
    const combo = await core.api('/api/combos/claude-first', {
      method: 'PUT',
      body: JSON.stringify({ models: ['claude-login/claude-sonnet-4-6', 'openai/gpt-4.1'] }),
    });
    expect(combo.ok).toBe(true);
  });
  afterAll(async () => {
    await core?.close();
    await browser?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });
  afterEach(async () => {
    try {
      session?.assertLocalOnly();
      // The refused apply (400) logs "Failed to load resource"; nothing else may.
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
  const snippets = async (page: Page) => (await page.locator('pre').allTextContents()).join('\n');
  const applyNow = async (page: Page) => {
    await page.getByTestId('apply').click();
    await page.getByTestId('apply-confirm-button').click();
  };

  it('Claude Code keeps its Claude login: header snippet, apply with the key, check passed, no token written', async () => {
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page } = session;
    const settingsFile = path.join(home, '.claude', 'settings.json');
    await visit(page, '/cli');
    await page.locator('button[data-tool="claude-code"]').click();
    const detail = page.getByTestId('tool-detail');

    // The gateway-key mode stays the default, with today's snippets.
    const gatewayKey = detail.getByRole('radio', { name: /Use a gateway key/ });
    await gatewayKey.waitFor();
    expect(await gatewayKey.isChecked()).toBe(true);
    // The core's snippets: every model variable apply writes.
    const plain = await snippets(page);
    expect(plain).toContain('export ANTHROPIC_AUTH_TOKEN=<your-gateway-key>\n');
    expect(plain).toContain('export ANTHROPIC_DEFAULT_HAIKU_MODEL=');

    await detail.getByRole('radio', { name: /Keep my Claude login \(Pro\/Max\)/ }).check();
    await expect(detail.getByTestId('keep-login-explainer').textContent()).resolves.toBe(
      'Claude Code keeps its own login: OmniRoute forwards its requests to Anthropic unchanged and falls back along your combo when the plan runs out. No vendor token is stored.',
    );
    const manual = await snippets(page);
    expect(manual).toContain(`export ANTHROPIC_BASE_URL=${core.url}\n`);
    expect(manual).toContain('export ANTHROPIC_CUSTOM_HEADERS="x-omniroute-key: <your-gateway-key>"');
    expect(manual).toContain('unset ANTHROPIC_AUTH_TOKEN ANTHROPIC_API_KEY');
    expect(manual).not.toContain('export ANTHROPIC_AUTH_TOKEN');
    expect(manual).toContain('"ANTHROPIC_CUSTOM_HEADERS": "x-omniroute-key: <your-gateway-key>"');
    await expect(detail.getByTestId('keep-login-reminder').textContent()).resolves.toContain(
      'Do not set ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY',
    );
    // The values list and the note are the keep-login ones.
    const values = (await detail.getByTestId('tool-settings').textContent())!;
    expect(values).toContain('ANTHROPIC_CUSTOM_HEADERS');
    expect(values).not.toContain('ANTHROPIC_AUTH_TOKEN');
    await detail.getByText(/Claude Code keeps its \/login/).waitFor();
    // A claude-login provider exists: no "add a login provider" notice.
    expect(await detail.getByTestId('login-provider-missing').count()).toBe(0);

    await detail.getByLabel('Model', { exact: true }).selectOption('claude-first');

    // A key this gateway does not know: refused, explained, nothing written.
    await detail.getByLabel('Gateway key', { exact: true }).fill('sk-omniroute-not-a-key-0000');
    await applyNow(page);
    await expect(detail.getByTestId('apply-error').textContent()).resolves.toContain(
      'The gateway does not know this key, or it is disabled; nothing was written.',
    );
    expect(await detail.getByLabel('Gateway key', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(existsSync(settingsFile)).toBe(false);

    await detail.getByLabel('Gateway key', { exact: true }).fill(key);
    expect(await detail.getByTestId('apply-error').count()).toBe(0);
    expect(await snippets(page)).toContain(`export ANTHROPIC_CUSTOM_HEADERS="x-omniroute-key: ${key}"`);
    await applyNow(page);

    const check = detail.getByTestId('apply-check');
    await check.waitFor();
    expect(await check.getAttribute('data-ok')).toBe('true');
    const checkText = (await check.textContent())!;
    expect(checkText).toContain('Check passed');
    expect(checkText).toContain('GET /v1/models through the gateway with the key: 200');
    expect(checkText).toContain('claude-login/claude-sonnet-4-6 → openai/gpt-4.1');
    await expect(detail.getByTestId('apply-result').textContent()).resolves.toContain(settingsFile);

    const env = (readJsonc(readFileSync(settingsFile, 'utf8')) as { env: Record<string, string> }).env;
    expect(env.ANTHROPIC_CUSTOM_HEADERS).toBe(`x-omniroute-key: ${key}`);
    expect(env.ANTHROPIC_BASE_URL).toBe(core.url);
    expect(env.ANTHROPIC_MODEL).toBe('claude-first');
    expect(env).not.toHaveProperty('ANTHROPIC_AUTH_TOKEN');
    expect(env).not.toHaveProperty('ANTHROPIC_API_KEY');

    await session.shot('cli-keep-login'); // scrolls to the top first
    await page.screenshot({ path: '/tmp/cli-keep-login.png', fullPage: true });
  });

  it('Codex and the Gemini CLI without a login provider of their kind: the notice links to Providers; a combo without a login step warns', async () => {
    session = await openSession(browser, { skipOnboarding: true, signIn: core.core.dashboardLink() });
    const { page } = session;
    await visit(page, '/cli');
    const detail = page.getByTestId('tool-detail');

    await page.locator('button[data-tool="codex"]').click();
    await detail.getByRole('radio', { name: /Keep my ChatGPT login/ }).check();
    const missing = detail.getByTestId('login-provider-missing');
    await expect(missing.textContent()).resolves.toBe(
      'No login provider for Codex CLI yet, so OmniRoute would never use its login. Add one on the Providers page (“Keep a coding tool’s login” → “Codex ChatGPT login”) and put it in the combo you pick here.',
    );
    const toml = await snippets(page);
    expect(toml).toContain(`base_url = "${core.url}/v1"`);
    expect(toml).toContain('requires_openai_auth = true');
    expect(toml).toContain('http_headers = { "x-omniroute-key" = "<your-gateway-key>" }');
    expect(toml).not.toContain('env_key');
    // Keep-login writes config.toml alone: the question names no .env.
    await page.getByTestId('apply').click();
    const question = (await page.getByTestId('apply-confirm').textContent())!;
    expect(question).toContain('config.toml');
    expect(question).not.toContain('.env');
    await page.getByTestId('apply-confirm').getByRole('button', { name: 'Cancel' }).click();

    // claude-first has no login: chatgpt step: written, but the check says so.
    await detail.getByLabel('Model', { exact: true }).selectOption('claude-first');
    await applyNow(page);
    const check = detail.getByTestId('apply-check');
    await check.waitFor();
    expect(await check.getAttribute('data-ok')).toBe('false');
    expect(await check.textContent()).toContain(
      'No step of "claude-first" uses a provider with "login: chatgpt"',
    );
    const config = readFileSync(path.join(home, '.codex', 'config.toml'), 'utf8');
    expect(readTomlString(config, ['model_providers', 'omniroute'], 'base_url')).toBe(`${core.url}/v1`);
    expect(config).toContain('requires_openai_auth = true');
    expect(existsSync(path.join(home, '.codex', '.env'))).toBe(false);
    await session.shot('cli-keep-login-codex');

    await page.locator('button[data-tool="gemini-cli"]').click();
    await detail.getByRole('radio', { name: /Keep my Google login/ }).check();
    await expect(missing.textContent()).resolves.toContain('No login provider for Gemini CLI yet');
    const gemini = await snippets(page);
    expect(gemini).toContain(`export CODE_ASSIST_ENDPOINT=${core.url}\n`);
    expect(gemini).toContain('export GEMINI_CLI_CUSTOM_HEADERS="x-omniroute-key: <your-gateway-key>"');
    expect(gemini).toContain('"selectedType": "oauth-personal"');
    expect(gemini).not.toContain('GEMINI_API_KEY');

    // Back to a gateway key: the normal snippets, no notice.
    await detail.getByRole('radio', { name: /Use a gateway key/ }).check();
    expect(await missing.count()).toBe(0);
    expect(await snippets(page)).toContain(`export GOOGLE_GEMINI_BASE_URL=${core.url}\n`);

    await detail.getByRole('radio', { name: /Keep my Google login/ }).check();
    await missing.locator('..').getByRole('button', { name: 'Add a login provider' }).click();
    await page.locator('main[data-page="providers"]').waitFor();
  });
});
