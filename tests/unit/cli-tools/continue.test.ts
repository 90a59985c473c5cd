import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyCliTool, listCliTools } from '../../../core/cli-tools/index.js';
import { backupsOf, put, read, tempHome, V1 } from './helpers.js';

const USER = `# my continue config
name: Local Assistant # the name
version: 1.0.0
schema: v1
models:
  - name: Llama
    provider: ollama # local one
    model: llama3
context:
  - provider: code
`;

describe('Continue', () => {
  it('adds an openai model with apiBase to config.yaml; comments and other models stay', async () => {
    const { home, ctx, tick } = tempHome();
    const file = path.join(home, '.continue', 'config.yaml');
    put(file, USER);
    await applyCliTool('continue', { model: 'auto', apiKey: 'sk-y' }, ctx);
    const text = read(file);
    expect(text).toContain('# my continue config');
    expect(text).toContain('provider: ollama # local one');
    expect(parse(text)).toEqual({
      name: 'Local Assistant',
      version: '1.0.0',
      schema: 'v1',
      models: [
        { name: 'Llama', provider: 'ollama', model: 'llama3' },
        {
          name: 'OmniRoute auto',
          provider: 'openai',
          model: 'auto',
          apiBase: V1,
          apiKey: 'sk-y',
          roles: ['chat', 'edit', 'apply'],
        },
      ],
      context: [{ provider: 'code' }],
    });
    tick();
    expect((await applyCliTool('continue', { model: 'auto' }, ctx)).changed).toBe(false);
    // Another model updates our entry instead of adding a second one; the key is kept.
    await applyCliTool('continue', { model: 'fast' }, ctx);
    const models = parse(read(file)).models;
    expect(models).toHaveLength(2);
    expect(models[1]).toMatchObject({ name: 'OmniRoute fast', model: 'fast', apiKey: 'sk-y' });
    expect(backupsOf(file)).toHaveLength(2);
    const s = (await listCliTools(ctx, 'auto')).find((t) => t.id === 'continue')!;
    expect(s).toMatchObject({ configured: true, currentModel: 'fast' });
  });

  it('keeps an unindented sequence style', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.continue', 'config.yaml');
    put(file, 'name: x\nversion: 0.0.1\nschema: v1\nmodels:\n- name: a\n  provider: ollama\n  model: a\n');
    await applyCliTool('continue', { model: 'auto' }, ctx);
    expect(read(file)).toMatch(
      /^models:\n- name: a\n {2}provider: ollama\n {2}model: a\n- name: OmniRoute auto\n/m,
    );
  });

  it('creates config.yaml when there is none; refuses (409) when only the old config.json exists', async () => {
    const fresh = tempHome();
    await applyCliTool('continue', { model: 'auto' }, fresh.ctx);
    expect(parse(read(path.join(fresh.home, '.continue', 'config.yaml')))).toMatchObject({
      name: 'Local Config',
      schema: 'v1',
      models: [{ provider: 'openai', apiBase: V1 }],
    });
    const legacy = tempHome();
    put(path.join(legacy.home, '.continue', 'config.json'), '{"models": []}');
    await expect(applyCliTool('continue', { model: 'auto' }, legacy.ctx)).rejects.toMatchObject({
      status: 409,
    });
    const s = (await listCliTools(legacy.ctx, 'auto')).find((t) => t.id === 'continue')!;
    expect(s).toMatchObject({ canApply: false, installed: true });
    expect(s.notes.map((n) => n.id)).toContain('continueJson');
  });

  it('refuses a YAML file it cannot parse', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.continue', 'config.yaml');
    put(file, 'models: [\n');
    await expect(applyCliTool('continue', { model: 'auto' }, ctx)).rejects.toMatchObject({ status: 409 });
    expect(read(file)).toBe('models: [\n');
  });
});
