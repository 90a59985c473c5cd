import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCliTool, listCliTools } from '../../../core/cli-tools/index.js';
import { readDotenv } from '../../../core/cli-tools/edit/dotenv.js';
import { readJsonc } from '../../../core/cli-tools/edit/jsonc.js';
import { readTomlString, scanToml } from '../../../core/cli-tools/edit/toml.js';
import { ORIGIN, put, read, tempHome, V1 } from './helpers.js';

// "Keep my login" (docs/subscriptions.md): the tool keeps its own vendor login, so apply writes
// the base URL and the gateway key as x-omniroute-key — and removes whatever would replace the
// login — but never a vendor token.

describe('keep-login mode', () => {
  it('Claude Code: base URL and the key header; the token variables that win over /login are removed', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.claude', 'settings.json');
    put(
      file,
      '{\n  // mine\n  "env": {\n    "ANTHROPIC_AUTH_TOKEN": "omr-old",\n    "ANTHROPIC_CUSTOM_HEADERS": "x-team: a",\n    "ANTHROPIC_API_KEY": "sk-ant-api-old",\n    "DISABLE_TELEMETRY": "1"\n  },\n  "theme": "dark"\n}\n',
    );
    await applyCliTool(
      'claude-code',
      { model: 'claude-first', apiKey: 'omr-key-1', mode: 'keep-login' },
      ctx,
    );
    const text = read(file);
    expect(text).toContain('// mine');
    const s = readJsonc(text) as any;
    expect(s.theme).toBe('dark');
    expect(s.env).toEqual({
      ANTHROPIC_CUSTOM_HEADERS: 'x-team: a\nx-omniroute-key: omr-key-1',
      DISABLE_TELEMETRY: '1',
      ANTHROPIC_BASE_URL: ORIGIN,
      ANTHROPIC_MODEL: 'claude-first',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-first',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-first',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'claude-first',
    });
    // Re-applying without a key keeps the header's key; nothing changes.
    const again = await applyCliTool('claude-code', { model: 'claude-first', mode: 'keep-login' }, ctx);
    expect(again.changed).toBe(false);
  });

  it('Claude Code without a key while keys are optional: no header at all; required: refused', async () => {
    const { home, ctx } = tempHome();
    await applyCliTool('claude-code', { model: 'auto', mode: 'keep-login' }, ctx);
    const env = (readJsonc(read(path.join(home, '.claude', 'settings.json'))) as any).env;
    expect(env.ANTHROPIC_CUSTOM_HEADERS).toBeUndefined();
    expect(env.ANTHROPIC_AUTH_TOKEN).toBeUndefined();
    const required = tempHome({ keyRequired: true });
    await expect(
      applyCliTool('claude-code', { model: 'auto', mode: 'keep-login' }, required.ctx),
    ).rejects.toMatchObject({
      status: 400,
      param: 'apiKey',
    });
  });

  it('Codex: requires_openai_auth and http_headers; env_key goes, so Codex sends its ChatGPT login', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.codex', 'config.toml');
    put(
      file,
      'model = "gpt-5" # mine\n\n[model_providers.omniroute]\nname = "OmniRoute"\nbase_url = "http://127.0.0.1:20128/v1"\nenv_key = "OMNIROUTE_API_KEY"\nwire_api = "responses"\n',
    );
    put(path.join(home, '.codex', '.env'), 'OMNIROUTE_API_KEY=omr-key-2\n');
    const r = await applyCliTool(
      'codex',
      { model: 'codex-first', apiKey: 'omr-key-2', mode: 'keep-login' },
      ctx,
    );
    expect(r.files.map((f) => f.path)).toEqual([file]); // .env is not touched
    const text = read(file);
    scanToml(text);
    expect(text).toBe(
      'model = "codex-first" # mine\nmodel_provider = "omniroute"\n\n[model_providers.omniroute]\nname = "OmniRoute"\n' +
        'base_url = "http://127.0.0.1:20128/v1"\nwire_api = "responses"\nrequires_openai_auth = true\n' +
        'http_headers = { "x-omniroute-key" = "omr-key-2" }\n',
    );
    expect(readTomlString(text, ['model_providers', 'omniroute'], 'base_url')).toBe(V1);
    expect((await applyCliTool('codex', { model: 'codex-first', mode: 'keep-login' }, ctx)).changed).toBe(
      false,
    );
  });

  it('Gemini CLI: CODE_ASSIST_ENDPOINT, the key header and the Google login; the API-key variables go', async () => {
    const { home, ctx } = tempHome();
    const env = path.join(home, '.gemini', '.env');
    put(env, `# mine\nGOOGLE_GEMINI_BASE_URL=${ORIGIN}\nGEMINI_API_KEY=omr-old\nOTHER=1\n`);
    put(
      path.join(home, '.gemini', 'settings.json'),
      '{"security": {"auth": {"selectedType": "gemini-api-key"}}}',
    );
    await applyCliTool('gemini-cli', { model: 'gemini-first', apiKey: 'omr-key-3', mode: 'keep-login' }, ctx);
    expect(read(env)).toBe(
      `# mine\nOTHER=1\nCODE_ASSIST_ENDPOINT=${ORIGIN}\nGEMINI_CLI_CUSTOM_HEADERS='x-omniroute-key: omr-key-3'\n`,
    );
    expect(readDotenv(read(env)).GEMINI_CLI_CUSTOM_HEADERS).toBe('x-omniroute-key: omr-key-3');
    expect(readJsonc(read(path.join(home, '.gemini', 'settings.json')))).toEqual({
      security: { auth: { selectedType: 'oauth-personal' } },
      model: { name: 'gemini-first' },
    });
  });

  it('the status lists what keep-login writes for the three tools that have it', async () => {
    const { ctx } = tempHome();
    const list = await listCliTools(ctx, 'auto');
    const withLogin = list.filter((t) => t.keepLogin).map((t) => [t.id, t.keepLogin!.login]);
    expect(withLogin).toEqual([
      ['claude-code', 'anthropic'],
      ['codex', 'chatgpt'],
      ['gemini-cli', 'code-assist'],
    ]);
    const claude = list.find((t) => t.id === 'claude-code')!;
    expect(claude.keepLogin!.settings.map((s) => s.label)).toContain('ANTHROPIC_CUSTOM_HEADERS');
    expect(claude.keepLogin!.settings.map((s) => s.label)).not.toContain('ANTHROPIC_AUTH_TOKEN');
    await expect(applyCliTool('opencode', { model: 'auto', mode: 'keep-login' }, ctx)).rejects.toMatchObject({
      status: 400,
      param: 'mode',
    });
  });
});
