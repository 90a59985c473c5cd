import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCliTool, listCliTools } from '../../../core/cli-tools/index.js';
import { readJsonc } from '../../../core/cli-tools/edit/jsonc.js';
import { backupsOf, ORIGIN, put, read, tempHome } from './helpers.js';

describe('Gemini CLI', () => {
  it('writes model and API-key auth to settings.json, base URL and key to .env', async () => {
    const { home, ctx } = tempHome();
    const settings = path.join(home, '.gemini', 'settings.json');
    const env = path.join(home, '.gemini', '.env');
    put(
      settings,
      '{\n  // ui\n  "ui": { "theme": "GitHub" },\n  "security": { "auth": { "selectedType": "oauth-personal" } }\n}\n',
    );
    put(env, 'GOOGLE_CLOUD_PROJECT=my-proj\n');
    const r = await applyCliTool('gemini-cli', { model: 'gemini-pro-combo', apiKey: 'sk-g' }, ctx);
    expect(r.path).toBe(settings);
    expect(r.files.every((f) => f.backupPath)).toBe(true);
    expect(read(settings)).toContain('// ui');
    expect(readJsonc(read(settings))).toEqual({
      ui: { theme: 'GitHub' },
      security: { auth: { selectedType: 'gemini-api-key' } },
      model: { name: 'gemini-pro-combo' },
    });
    expect(read(env)).toBe(
      `GOOGLE_CLOUD_PROJECT=my-proj\nGOOGLE_GEMINI_BASE_URL=${ORIGIN}\nGEMINI_API_KEY=sk-g\n`,
    );
    const s = (await listCliTools(ctx, 'auto')).find((t) => t.id === 'gemini-cli')!;
    expect(s).toMatchObject({ configured: true, currentModel: 'gemini-pro-combo', canApply: true });
    expect(s.notes.map((n) => n.id)).toEqual(['geminiEnv', 'geminiAuth']);
  });

  it('nests an old string "model", follows an existing GEMINI_MODEL, and is idempotent', async () => {
    const { home, ctx, tick } = tempHome();
    const settings = path.join(home, '.gemini', 'settings.json');
    const env = path.join(home, '.gemini', '.env');
    put(settings, '{"model": "gemini-2.5-pro", "theme": "Dracula"}');
    put(env, 'GEMINI_MODEL=gemini-2.5-pro\n');
    await applyCliTool('gemini-cli', { model: 'auto', apiKey: 'k' }, ctx);
    expect(readJsonc(read(settings))).toMatchObject({ model: { name: 'auto' }, theme: 'Dracula' });
    expect(read(env)).toContain('GEMINI_MODEL=auto\n');
    tick();
    expect((await applyCliTool('gemini-cli', { model: 'auto' }, ctx)).changed).toBe(false);
    expect(backupsOf(settings)).toHaveLength(1);
    expect(backupsOf(env)).toHaveLength(1);
  });

  it('follows GEMINI_CLI_HOME', async () => {
    const { home, ctx } = tempHome();
    const alt = path.join(home, 'profile');
    const r = await applyCliTool('gemini-cli', { model: 'auto' }, { ...ctx, env: { GEMINI_CLI_HOME: alt } });
    expect(r.path).toBe(path.join(alt, '.gemini', 'settings.json'));
  });
});
