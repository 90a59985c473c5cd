// The CLI tools page's API through real HTTP, against a temporary home directory.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDotenv } from '../../core/cli-tools/edit/dotenv.js';
import { readJsonc } from '../../core/cli-tools/edit/jsonc.js';
import { readTomlString } from '../../core/cli-tools/edit/toml.js';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';

let t: TestCore;
let home: string;
beforeAll(async () => {
  home = tempDir('omniroute-cli-home-');
  mkdirSync(path.join(home, 'bin'));
  writeFileSync(path.join(home, 'bin', 'codex'), '#!/bin/sh\n', { mode: 0o755 });
  t = await startTestCore({ homeDir: home, env: { PATH: path.join(home, 'bin') } });
});
afterAll(async () => {
  await t.close();
  rmSync(home, { recursive: true, force: true });
});

const post = (p: string, body: unknown) => t.api(p, { method: 'POST', body: JSON.stringify(body) });
const claudeSettings = () => path.join(home, '.claude', 'settings.json');

describe('GET /api/cli-tools', () => {
  it('lists every tool with install state and the exact values for this gateway', async () => {
    const res = await t.api('/api/cli-tools');
    expect(res.status).toBe(200);
    const list = (await res.json()) as any[];
    expect(list.map((x) => x.id)).toEqual([
      'claude-code',
      'codex',
      'gemini-cli',
      'opencode',
      'cline',
      'cursor',
      'kilo-code',
      'openclaw',
      'continue',
    ]);
    const byId = Object.fromEntries(list.map((x) => [x.id, x]));
    expect(byId.codex).toMatchObject({ installed: true, configured: false, canApply: true });
    expect(byId['claude-code']).toMatchObject({
      installed: false,
      configPath: claudeSettings(),
      canApply: true,
    });
    expect(byId['claude-code'].settings).toContainEqual({
      label: 'ANTHROPIC_BASE_URL',
      value: t.url,
      kind: 'url',
    });
    expect(byId['claude-code'].settings).toContainEqual({
      label: 'ANTHROPIC_MODEL',
      value: 'auto',
      kind: 'model',
    });
    expect(byId.cursor).toMatchObject({ canApply: false, files: [] });
    expect(byId.cursor.settings).toContainEqual({
      label: 'Override OpenAI Base URL',
      value: `${t.url}/v1`,
      kind: 'url',
    });
  });

  it('fills in the model asked for, and refuses a broken one', async () => {
    const list = (await (await t.api('/api/cli-tools?model=fast')).json()) as any[];
    expect(list.find((x) => x.id === 'opencode').settings).toContainEqual({
      label: 'model',
      value: 'omniroute/fast',
      kind: 'model',
    });
    expect((await t.api('/api/cli-tools?model=a%0Ab')).status).toBe(400);
  });
});

describe('POST /api/cli-tools/:id/apply', () => {
  it('merges into an existing file, keeps a backup, never echoes the key; a second apply changes nothing', async () => {
    mkdirSync(path.dirname(claudeSettings()), { recursive: true });
    const before = '{\n  // mine\n  "theme": "dark"\n}\n';
    writeFileSync(claudeSettings(), before);
    // A key the gateway does not know is refused: the tool would only get 401 later.
    const unknown = await post('/api/cli-tools/claude-code/apply', {
      model: 'auto',
      apiKey: 'sk-omni-secret-1',
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as any).error.param).toBe('apiKey');
    expect(readFileSync(claudeSettings(), 'utf8')).toBe(before);
    const { key: secret } = (await (
      await t.api('/api/keys', { method: 'POST', body: JSON.stringify({ name: 'cli' }) })
    ).json()) as { key: string };
    const res = await post('/api/cli-tools/claude-code/apply', { model: 'auto', apiKey: secret });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(secret);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ id: 'claude-code', path: claudeSettings(), changed: true });
    expect(readFileSync(body.backupPath, 'utf8')).toBe(before);
    const written = readFileSync(claudeSettings(), 'utf8');
    expect(written).toContain('// mine');
    expect(readJsonc(written)).toMatchObject({
      theme: 'dark',
      env: { ANTHROPIC_BASE_URL: t.url, ANTHROPIC_AUTH_TOKEN: secret, ANTHROPIC_MODEL: 'auto' },
    });

    const again = await post('/api/cli-tools/claude-code/apply', {
      model: 'auto',
      apiKey: secret,
    });
    expect(await again.json()).toMatchObject({ changed: false });
    const backups = readdirSync(path.dirname(claudeSettings())).filter((n) => n.includes('omniroute-backup'));
    expect(backups).toHaveLength(1);

    const status = (await (await t.api('/api/cli-tools')).json()) as any[];
    expect(status.find((x) => x.id === 'claude-code')).toMatchObject({
      installed: true,
      configured: true,
      currentModel: 'auto',
    });
  });

  it('writes a Codex config the gateway accepts: its base URL and key answer /models', async () => {
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ requireApiKey: true }) });
    try {
      const noKey = await post('/api/cli-tools/codex/apply', { model: 'auto' });
      expect(noKey.status).toBe(400);
      expect(((await noKey.json()) as any).error.param).toBe('apiKey');

      const { key } = (await (await post('/api/keys', { name: 'codex' })).json()) as { key: string };
      const res = await post('/api/cli-tools/codex/apply', { model: 'auto', apiKey: key });
      expect(res.status).toBe(200);
      const toml = readFileSync(path.join(home, '.codex', 'config.toml'), 'utf8');
      const baseUrl = readTomlString(toml, ['model_providers', 'omniroute'], 'base_url')!;
      const envKey = readTomlString(toml, ['model_providers', 'omniroute'], 'env_key')!;
      expect(readTomlString(toml, [], 'model_provider')).toBe('omniroute');
      const apiKey = readDotenv(readFileSync(path.join(home, '.codex', '.env'), 'utf8'))[envKey];
      const models = await fetch(`${baseUrl}/models`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(models.status).toBe(200);
      expect((await fetch(`${baseUrl}/models`)).status).toBe(401);
    } finally {
      await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ requireApiKey: false }) });
    }
  });

  it('answers 404 for an unknown tool and 409 for tools set up in their own UI', async () => {
    const unknown = await post('/api/cli-tools/vim/apply', { model: 'auto' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).error.message).toContain('No CLI tool "vim"');
    for (const id of ['cursor', 'cline', 'kilo-code']) {
      const res = await post(`/api/cli-tools/${id}/apply`, { model: 'auto' });
      expect(res.status, id).toBe(409);
      expect(((await res.json()) as any).error.message).toContain(`${t.url}/v1`);
    }
  });

  it('answers 409 and writes nothing when the existing file cannot be read', async () => {
    const file = path.join(home, '.gemini', 'settings.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{ "ui": ');
    const res = await post('/api/cli-tools/gemini-cli/apply', { model: 'auto' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.message).toContain('nothing was written');
    expect(readFileSync(file, 'utf8')).toBe('{ "ui": ');
    expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
  });

  it('refuses models and keys with newlines or control characters, and unknown fields (400)', async () => {
    for (const body of [
      {},
      { model: '' },
      { model: 'auto\n[evil]' },
      { model: 'auto\u0000' },
      { model: 'auto', apiKey: 'k\nMORE=1' },
      { model: 'auto', apiKey: 'k\u001b' },
      { model: 'auto', extra: true },
    ]) {
      const res = await post('/api/cli-tools/opencode/apply', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(readdirSync(home).sort()).not.toContain('.config');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as any;
    expect(doc.paths['/api/cli-tools'].get).toBeDefined();
    const apply = doc.paths['/api/cli-tools/{id}/apply'].post;
    expect(Object.keys(apply.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    expect(apply.requestBody.content['application/json'].schema.required).toEqual(['model']);
  });
});

describe('apply in keep-login mode', () => {
  it('writes no vendor token, sends one request with the key as the tool will, and says whether a login step serves the model', async () => {
    const { key } = (await (await post('/api/keys', { name: 'login-cli' })).json()) as { key: string };
    await t.api('/api/providers/claude-login', {
      method: 'PUT',
      body: JSON.stringify({ login: 'anthropic' }),
    });
    await t.api('/api/combos/claude-first', {
      method: 'PUT',
      body: JSON.stringify({ models: ['claude-login/claude-sonnet-4-6', 'openai/gpt-4.1'] }),
    });
    await t.api('/api/combos/no-login', {
      method: 'PUT',
      body: JSON.stringify({ models: ['openai/gpt-4.1'] }),
    });
    await post('/api/connections', { providerId: 'openai', name: 'k', apiKey: 'sk-openai-test-000000' });

    const res = await post('/api/cli-tools/claude-code/apply', {
      model: 'claude-first',
      apiKey: key,
      mode: 'keep-login',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(JSON.stringify(body)).not.toContain(key);
    expect(body.check.ok).toBe(true);
    expect(body.check.messages.join('\n')).toContain('GET /v1/models through the gateway with the key: 200');
    expect(body.check.messages.join('\n')).toContain('claude-login/claude-sonnet-4-6 → openai/gpt-4.1');
    const env = (readJsonc(readFileSync(claudeSettings(), 'utf8')) as any).env;
    expect(env.ANTHROPIC_CUSTOM_HEADERS).toBe(`x-omniroute-key: ${key}`);
    expect(env.ANTHROPIC_AUTH_TOKEN).toBeUndefined();

    const without = (await (
      await post('/api/cli-tools/claude-code/apply', { model: 'no-login', mode: 'keep-login' })
    ).json()) as any;
    expect(without.check.ok).toBe(false);
    expect(without.check.messages.join('\n')).toContain(
      'No step of "no-login" uses a provider with "login: anthropic"',
    );

    const refused = await post('/api/cli-tools/opencode/apply', { model: 'auto', mode: 'keep-login' });
    expect(refused.status).toBe(400);
  });
});
