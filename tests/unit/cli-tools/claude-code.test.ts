import { chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCliTool, listCliTools, NO_KEY } from '../../../core/cli-tools/index.js';
import { readJsonc } from '../../../core/cli-tools/edit/jsonc.js';
import { backupsOf, ORIGIN, put, read, tempHome } from './helpers.js';

const USER = `{
  // my own settings
  "permissions": { "allow": ["Bash(npm test)"] },
  "env": {
    "DISABLE_TELEMETRY": "1", // keep
    "ANTHROPIC_BASE_URL": "https://api.example.com"
  },
  "model": "opus"
}
`;

describe('Claude Code', () => {
  it('merges the env block into settings.json and keeps everything else', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.claude', 'settings.json');
    put(file, USER);
    const r = await applyCliTool('claude-code', { model: 'auto', apiKey: 'sk-omni-1' }, ctx);
    expect(r).toMatchObject({ path: file, changed: true });
    expect(r.backupPath).toMatch(/settings\.json\.omniroute-backup-20250102-030405$/);
    expect(read(r.backupPath!)).toBe(USER);
    const text = read(file);
    expect(text).toContain('// my own settings');
    expect(text).toContain('"DISABLE_TELEMETRY": "1", // keep');
    expect(readJsonc(text)).toEqual({
      permissions: { allow: ['Bash(npm test)'] },
      env: {
        DISABLE_TELEMETRY: '1',
        ANTHROPIC_BASE_URL: ORIGIN,
        ANTHROPIC_AUTH_TOKEN: 'sk-omni-1',
        ANTHROPIC_MODEL: 'auto',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'auto',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'auto',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'auto',
      },
      model: 'opus',
    });
    expect(JSON.stringify(r)).not.toContain('sk-omni-1');
  });

  it('is idempotent: the same apply twice writes once and keeps one backup', async () => {
    const { home, ctx, tick } = tempHome();
    const file = path.join(home, '.claude', 'settings.json');
    put(file, USER);
    await applyCliTool('claude-code', { model: 'fast', apiKey: 'k1' }, ctx);
    tick();
    const again = await applyCliTool('claude-code', { model: 'fast', apiKey: 'k1' }, ctx);
    expect(again).toMatchObject({ changed: false });
    expect(again.backupPath).toBeUndefined();
    expect(backupsOf(file)).toHaveLength(1);
    // A new model changes the file: a second backup, and the key already there is kept.
    tick();
    const other = await applyCliTool('claude-code', { model: 'smart' }, ctx);
    expect(other.changed).toBe(true);
    expect(backupsOf(file)).toHaveLength(2);
    expect((readJsonc(read(file)) as any).env).toMatchObject({
      ANTHROPIC_AUTH_TOKEN: 'k1',
      ANTHROPIC_MODEL: 'smart',
    });
  });

  it('writes ANTHROPIC_API_KEY when that is what the file uses; a placeholder when there is no key', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.claude', 'settings.json');
    put(file, '{"env": {"ANTHROPIC_API_KEY": "sk-ant-real"}}');
    await applyCliTool('claude-code', { model: 'auto' }, ctx);
    const env = (readJsonc(read(file)) as any).env;
    // The old key belonged to another endpoint: it is not sent to this gateway.
    expect(env.ANTHROPIC_API_KEY).toBe(NO_KEY);
    expect(env.ANTHROPIC_AUTH_TOKEN).toBeUndefined();
  });

  it('follows CLAUDE_CONFIG_DIR and reports installed / configured', async () => {
    const { home, ctx } = tempHome({ env: {} });
    const alt = path.join(home, 'alt-claude');
    const withDir = { ...ctx, env: { CLAUDE_CONFIG_DIR: alt } };
    let s = (await listCliTools(withDir, 'auto')).find((t) => t.id === 'claude-code')!;
    expect(s).toMatchObject({ installed: false, configured: false, canApply: true });
    expect(s.configPath).toBe(path.join(alt, 'settings.json'));
    await applyCliTool('claude-code', { model: 'm1' }, withDir);
    s = (await listCliTools(withDir, 'auto')).find((t) => t.id === 'claude-code')!;
    expect(s).toMatchObject({ installed: true, configured: true, currentModel: 'm1' });
    expect(s.settings).toContainEqual({ label: 'ANTHROPIC_BASE_URL', value: ORIGIN, kind: 'url' });
  });

  it('refuses a settings file it cannot read and leaves it alone', async () => {
    const { home, ctx } = tempHome();
    const file = path.join(home, '.claude', 'settings.json');
    put(file, '{"env": {');
    await expect(applyCliTool('claude-code', { model: 'auto' }, ctx)).rejects.toMatchObject({ status: 409 });
    expect(read(file)).toBe('{"env": {');
    expect(backupsOf(file)).toEqual([]);
  });

  it('answers 409, not a crash, when the file cannot be read; the list still answers', async () => {
    const { home, ctx } = tempHome();
    // ~/.claude is a file here, so ~/.claude/settings.json cannot be read (ENOTDIR).
    put(path.join(home, '.claude'), 'not a folder');
    await expect(applyCliTool('claude-code', { model: 'auto' }, ctx)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('could not be read'),
    });
    const s = (await listCliTools(ctx, 'auto')).find((t) => t.id === 'claude-code')!;
    expect(s).toMatchObject({ configured: false });
    expect(read(path.join(home, '.claude'))).toBe('not a folder');
  });

  // root may write anywhere, so the refusal cannot be provoked there.
  it.skipIf(process.getuid?.() === 0)(
    'answers 409, not a crash, when the folder cannot be written',
    async () => {
      const { home, ctx } = tempHome();
      const dir = path.join(home, '.claude');
      put(path.join(dir, 'settings.json'), '{}');
      chmodSync(dir, 0o500);
      try {
        await expect(applyCliTool('claude-code', { model: 'auto' }, ctx)).rejects.toMatchObject({
          status: 409,
          message: expect.stringContaining('could not be written'),
        });
        expect(read(path.join(dir, 'settings.json'))).toBe('{}');
      } finally {
        chmodSync(dir, 0o700);
      }
    },
  );

  it('requires a key when the gateway does and none is known', async () => {
    const { ctx } = tempHome({ keyRequired: true });
    await expect(applyCliTool('claude-code', { model: 'auto' }, ctx)).rejects.toMatchObject({
      status: 400,
      param: 'apiKey',
    });
    await expect(applyCliTool('claude-code', { model: 'auto', apiKey: 'k' }, ctx)).resolves.toMatchObject({
      changed: true,
    });
  });
});
