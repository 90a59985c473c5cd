import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCliTool, listCliTools, NO_KEY } from '../../../core/cli-tools/index.js';
import { readDotenv } from '../../../core/cli-tools/edit/dotenv.js';
import { readTomlString, scanToml } from '../../../core/cli-tools/edit/toml.js';
import { backupsOf, modeOf, put, read, tempHome, V1 } from './helpers.js';

const USER = `# Codex settings — mine
model = "gpt-5" # default model
approval_policy = "on-request"
model_reasoning_effort = "high"

[mcp_servers.docs]
command = "npx"
args = ["-y", "docs-mcp"] # comment in a table

[model_providers.other]
name = "Other"
base_url = "https://other.example/v1"
env_key = "OTHER_KEY"
`;

describe('Codex CLI', () => {
  it('sets model, model_provider and a [model_providers.omniroute] table; the key goes to .env', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.codex', 'config.toml');
    put(file, USER);
    put(path.join(home, '.codex', '.env'), '# mine\nOTHER_KEY=abc\n', 0o600);
    const r = await applyCliTool('codex', { model: 'auto', apiKey: 'sk-omni-9' }, ctx);
    expect(r.files.map((f) => f.path)).toEqual([file, path.join(home, '.codex', '.env')]);
    const text = read(file);
    expect(text).toBe(
      USER.replace('model = "gpt-5" # default model', 'model = "auto" # default model').replace(
        'model_reasoning_effort = "high"\n',
        'model_reasoning_effort = "high"\nmodel_provider = "omniroute"\n',
      ) +
        '\n[model_providers.omniroute]\nname = "OmniRoute"\nbase_url = "http://127.0.0.1:20128/v1"\n' +
        'env_key = "OMNIROUTE_API_KEY"\nwire_api = "responses"\n',
    );
    scanToml(text);
    expect(readTomlString(text, ['model_providers', 'omniroute'], 'base_url')).toBe(V1);
    const env = read(path.join(home, '.codex', '.env'));
    expect(env).toBe('# mine\nOTHER_KEY=abc\nOMNIROUTE_API_KEY=sk-omni-9\n');
    expect(modeOf(path.join(home, '.codex', '.env'))).toBe(0o600);
    expect(JSON.stringify(r)).not.toContain('sk-omni-9');
  });

  it('updates an existing omniroute table in place; applying twice changes nothing', async () => {
    const { home, ctx, tick } = tempHome();
    const file = path.join(home, '.codex', 'config.toml');
    put(
      file,
      USER + '\n[model_providers.omniroute]\nbase_url = "http://old:1/v1" # mine\nrequest_max_retries = 2\n',
    );
    await applyCliTool('codex', { model: 'fast' }, ctx);
    const first = read(file);
    expect(first).toContain(
      'base_url = "http://127.0.0.1:20128/v1" # mine\nrequest_max_retries = 2\nname = "OmniRoute"',
    );
    expect(first.match(/\[model_providers\.omniroute\]/g)).toHaveLength(1);
    tick();
    const again = await applyCliTool('codex', { model: 'fast' }, ctx);
    expect(again.changed).toBe(false);
    expect(read(file)).toBe(first);
    expect(backupsOf(file)).toHaveLength(1);
    // No key given and none before: a placeholder so Codex starts; a later real key replaces it.
    expect(readDotenv(read(path.join(home, '.codex', '.env'))).OMNIROUTE_API_KEY).toBe(NO_KEY);
    await applyCliTool('codex', { model: 'fast', apiKey: 'real' }, ctx);
    expect(readDotenv(read(path.join(home, '.codex', '.env'))).OMNIROUTE_API_KEY).toBe('real');
  });

  it('creates a fresh config.toml, follows CODEX_HOME and reports configured', async () => {
    const { home, ctx } = tempHome();
    const codexHome = path.join(home, 'codex-home');
    const c = { ...ctx, env: { CODEX_HOME: codexHome } };
    await applyCliTool('codex', { model: 'auto' }, c);
    expect(read(path.join(codexHome, 'config.toml'))).toBe(
      'model = "auto"\nmodel_provider = "omniroute"\n\n[model_providers.omniroute]\nname = "OmniRoute"\n' +
        'base_url = "http://127.0.0.1:20128/v1"\nenv_key = "OMNIROUTE_API_KEY"\nwire_api = "responses"\n',
    );
    const s = (await listCliTools(c, 'x')).find((t) => t.id === 'codex')!;
    expect(s).toMatchObject({ configured: true, currentModel: 'auto', installed: true });
    expect(s.settings).toContainEqual({
      label: '[model_providers.omniroute] base_url',
      value: V1,
      kind: 'url',
    });
  });

  it('refuses a config.toml it cannot read, and writes neither file', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.codex', 'config.toml');
    put(file, 'model = "unterminated\n');
    await expect(applyCliTool('codex', { model: 'auto', apiKey: 'k' }, ctx)).rejects.toMatchObject({
      status: 409,
    });
    expect(read(file)).toBe('model = "unterminated\n');
    await expect(
      import('node:fs').then((fs) => fs.existsSync(path.join(home, '.codex', '.env'))),
    ).resolves.toBe(false);
  });
});
