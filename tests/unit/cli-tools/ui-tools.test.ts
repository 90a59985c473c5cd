import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCliTool, CLI_TOOL_IDS, KEY_PLACEHOLDER, listCliTools } from '../../../core/cli-tools/index.js';
import { put, tempHome, V1 } from './helpers.js';

describe('the tool list', () => {
  it('lists every tool once, in order, with settings for the chosen model', async () => {
    const { ctx } = tempHome();
    const list = await listCliTools(ctx, 'my-combo');
    expect(list.map((t) => t.id)).toEqual([...CLI_TOOL_IDS]);
    for (const t of list) {
      expect(t.settings.some((s) => s.kind === 'url')).toBe(true);
      expect(t.settings.some((s) => s.kind === 'key' && s.value === KEY_PLACEHOLDER)).toBe(true);
      expect(t.settings.some((s) => s.kind === 'model' && s.value.endsWith('my-combo'))).toBe(true);
      expect(t).toMatchObject({ installed: false, configured: false });
    }
  });

  it('Cursor, Cline and Kilo Code: values to paste, apply refused with how-to', async () => {
    const { home, ctx } = tempHome();
    put(path.join(home, '.vscode', 'extensions', 'saoudrizwan.claude-dev-3.20.0', 'package.json'), '{}');
    put(path.join(home, 'bin', 'cursor'), '#!/bin/sh\n', 0o755);
    const c = { ...ctx, env: { PATH: path.join(home, 'bin') } };
    const list = await listCliTools(c, 'auto');
    for (const id of ['cursor', 'cline', 'kilo-code'] as const) {
      const s = list.find((t) => t.id === id)!;
      expect(s).toMatchObject({ canApply: false, files: [] });
      expect(s.configPath).toBeUndefined();
      await expect(applyCliTool(id, { model: 'auto' }, c)).rejects.toMatchObject({ status: 409 });
    }
    expect(list.find((t) => t.id === 'cline')!.installed).toBe(true);
    expect(list.find((t) => t.id === 'cursor')!.installed).toBe(true);
    expect(list.find((t) => t.id === 'kilo-code')!.installed).toBe(false);
    expect(list.find((t) => t.id === 'cursor')!.settings).toContainEqual({
      label: 'Override OpenAI Base URL',
      value: V1,
      kind: 'url',
    });
    await expect(applyCliTool('cursor', { model: 'auto' }, c)).rejects.toThrow(/Override OpenAI Base URL/);
  });

  it('unknown tools are 404', async () => {
    const { ctx } = tempHome();
    await expect(applyCliTool('vim', { model: 'auto' }, ctx)).rejects.toMatchObject({ status: 404 });
  });
});
