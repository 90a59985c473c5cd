import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCliTool, listCliTools } from '../../../core/cli-tools/index.js';
import { readJsonc } from '../../../core/cli-tools/edit/jsonc.js';
import { backupsOf, put, read, tempHome, V1 } from './helpers.js';

const USER = `{
  "$schema": "https://opencode.ai/config.json",
  // my theme
  "theme": "tokyonight",
  "provider": {
    "anthropic": { "options": { "apiKey": "{env:ANTHROPIC_API_KEY}" } },
  },
  "model": "anthropic/claude-sonnet-4-5",
}
`;

describe('OpenCode', () => {
  it('adds an openai-compatible provider to the existing opencode.jsonc and selects omniroute/<model>', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.config', 'opencode', 'opencode.jsonc');
    put(file, USER);
    const r = await applyCliTool('opencode', { model: 'openai/gpt-4o-mini', apiKey: 'sk-o' }, ctx);
    expect(r.path).toBe(file);
    const text = read(file);
    expect(text).toContain('// my theme');
    expect(readJsonc(text)).toEqual({
      $schema: 'https://opencode.ai/config.json',
      theme: 'tokyonight',
      provider: {
        anthropic: { options: { apiKey: '{env:ANTHROPIC_API_KEY}' } },
        omniroute: {
          npm: '@ai-sdk/openai-compatible',
          name: 'OmniRoute',
          options: { baseURL: V1, apiKey: 'sk-o' },
          models: { 'openai/gpt-4o-mini': { name: 'openai/gpt-4o-mini' } },
        },
      },
      model: 'omniroute/openai/gpt-4o-mini',
    });
    const s = (await listCliTools(ctx, 'auto')).find((t) => t.id === 'opencode')!;
    expect(s).toMatchObject({ configPath: file, configured: true, currentModel: 'openai/gpt-4o-mini' });
  });

  it('creates opencode.json under XDG_CONFIG_HOME; a second model is added, the first kept', async () => {
    const { home, ctx, tick } = tempHome();
    const c = { ...ctx, env: { XDG_CONFIG_HOME: path.join(home, 'xdg') } };
    const r = await applyCliTool('opencode', { model: 'auto' }, c);
    expect(r.path).toBe(path.join(home, 'xdg', 'opencode', 'opencode.json'));
    tick();
    expect((await applyCliTool('opencode', { model: 'auto' }, c)).changed).toBe(false);
    await applyCliTool('opencode', { model: 'fast' }, c);
    const cfg = readJsonc(read(r.path)) as any;
    expect(Object.keys(cfg.provider.omniroute.models)).toEqual(['auto', 'fast']);
    expect(cfg.model).toBe('omniroute/fast');
    expect(cfg.$schema).toBe('https://opencode.ai/config.json');
    expect(backupsOf(r.path)).toHaveLength(1);
  });

  it('writes the file OPENCODE_CONFIG names', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, 'custom', 'oc.json');
    const r = await applyCliTool('opencode', { model: 'auto' }, { ...ctx, env: { OPENCODE_CONFIG: file } });
    expect(r.path).toBe(file);
  });
});
