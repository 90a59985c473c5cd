import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCliTool, listCliTools } from '../../../core/cli-tools/index.js';
import { readJsonc } from '../../../core/cli-tools/edit/jsonc.js';
import { backupsOf, put, read, tempHome, V1 } from './helpers.js';

const USER = `// OpenClaw config (JSON5)
{
  gateway: { port: 18789, bind: 'loopback' },
  channels: { telegram: { enabled: true } },
  agents: {
    defaults: {
      workspace: '~/clawd',
      model: { primary: 'anthropic/claude-opus-4-5', fallbacks: ['openai/gpt-5.2'] },
      models: { 'anthropic/claude-opus-4-5': { alias: 'opus' } },
    },
  },
}
`;

describe('OpenClaw', () => {
  it('adds models.providers.omniroute, makes it primary and allow-lists it; JSON5 comments stay', async () => {
    const { home, ctx, tick } = tempHome();
    const file = path.join(home, '.openclaw', 'openclaw.json');
    put(file, USER);
    await applyCliTool('openclaw', { model: 'auto', apiKey: 'sk-c' }, ctx);
    const text = read(file);
    expect(text).toContain('// OpenClaw config (JSON5)');
    expect(text).toContain("gateway: { port: 18789, bind: 'loopback' },");
    expect(readJsonc(text)).toEqual({
      gateway: { port: 18789, bind: 'loopback' },
      channels: { telegram: { enabled: true } },
      agents: {
        defaults: {
          workspace: '~/clawd',
          model: { primary: 'omniroute/auto', fallbacks: ['openai/gpt-5.2'] },
          models: { 'anthropic/claude-opus-4-5': { alias: 'opus' }, 'omniroute/auto': {} },
        },
      },
      models: {
        mode: 'merge',
        providers: {
          omniroute: {
            baseUrl: V1,
            apiKey: 'sk-c',
            api: 'openai-completions',
            models: [{ id: 'auto', name: 'auto' }],
          },
        },
      },
    });
    tick();
    expect((await applyCliTool('openclaw', { model: 'auto' }, ctx)).changed).toBe(false);
    expect(backupsOf(file)).toHaveLength(1);
    const s = (await listCliTools(ctx, 'auto')).find((t) => t.id === 'openclaw')!;
    expect(s).toMatchObject({ configured: true, currentModel: 'auto', installed: true });
  });

  it('follows OPENCLAW_CONFIG_PATH and OPENCLAW_STATE_DIR', async () => {
    const { home, ctx } = tempHome();
    const byState = await applyCliTool(
      'openclaw',
      { model: 'a' },
      { ...ctx, env: { OPENCLAW_STATE_DIR: path.join(home, 's') } },
    );
    expect(byState.path).toBe(path.join(home, 's', 'openclaw.json'));
    const explicit = path.join(home, 'c', 'my.json5');
    const byPath = await applyCliTool(
      'openclaw',
      { model: 'a' },
      { ...ctx, env: { OPENCLAW_CONFIG_PATH: explicit, OPENCLAW_STATE_DIR: path.join(home, 's') } },
    );
    expect(byPath.path).toBe(explicit);
    expect((readJsonc(read(explicit)) as any).agents.defaults.model.primary).toBe('omniroute/a');
  });
});
