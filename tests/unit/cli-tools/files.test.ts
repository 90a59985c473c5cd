import { existsSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stamp, which, writeWithBackup } from '../../../core/cli-tools/files.js';
import { backupsOf, modeOf, put, read, tempHome } from './helpers.js';

describe('writing a tool config file', () => {
  const now = new Date(2025, 0, 2, 3, 4, 5);

  it('backs up the old file (same mode) and writes the new one atomically, keeping its mode', async () => {
    const { home } = tempHome();
    const file = path.join(home, '.tool', 'config.json');
    put(file, 'old', 0o640);
    const r = await writeWithBackup(file, 'new', now);
    expect(r).toEqual({ path: file, backupPath: `${file}.omniroute-backup-20250102-030405`, changed: true });
    expect(read(file)).toBe('new');
    expect(read(r.backupPath!)).toBe('old');
    expect(modeOf(file)).toBe(0o640);
    expect(modeOf(r.backupPath!)).toBe(0o640);
    expect(readdirSync(path.dirname(file)).filter((n) => n.includes('omniroute-tmp'))).toEqual([]);
  });

  it('creates the folders and a 0600 file, with no backup, when there was none', async () => {
    const { home } = tempHome();
    const file = path.join(home, 'a', 'b', 'settings.json');
    const r = await writeWithBackup(file, '{}', now);
    expect(r).toEqual({ path: file, changed: true });
    expect(modeOf(file)).toBe(0o600);
  });

  it('writes nothing and keeps no backup when the content is the same', async () => {
    const { home } = tempHome();
    const file = path.join(home, 'same.toml');
    put(file, 'x = 1\n');
    expect(await writeWithBackup(file, 'x = 1\n', now)).toEqual({ path: file, changed: false });
    expect(backupsOf(file)).toEqual([]);
  });

  it('never overwrites an earlier backup made in the same second', async () => {
    const { home } = tempHome();
    const file = path.join(home, 'f.json');
    put(file, 'v1');
    await writeWithBackup(file, 'v2', now);
    const second = await writeWithBackup(file, 'v3', now);
    expect(second.backupPath).toBe(`${file}.omniroute-backup-20250102-030405-2`);
    expect(backupsOf(file).map((b) => read(path.join(home, b)))).toEqual(['v1', 'v2']);
  });

  it('writes through a symlink and keeps the link', async () => {
    const { home } = tempHome();
    const real = path.join(home, 'dotfiles', 'settings.json');
    put(real, 'old');
    const link = path.join(home, '.claude', 'settings.json');
    put(path.join(home, '.claude', 'x'), '');
    symlinkSync(real, link);
    const r = await writeWithBackup(link, 'new', now);
    expect(readlinkSync(link)).toBe(real);
    expect(read(real)).toBe('new');
    expect(r.backupPath).toBe(`${real}.omniroute-backup-20250102-030405`);
    expect(existsSync(r.backupPath!)).toBe(true);
  });

  it('names backups with local time and finds commands on PATH', async () => {
    expect(stamp(new Date(2024, 11, 31, 23, 59, 7))).toBe('20241231-235907');
    const { home } = tempHome();
    put(path.join(home, 'bin', 'codex'), '#!/bin/sh\n', 0o755);
    put(path.join(home, 'bin', 'notexec'), '', 0o644);
    const env = { PATH: path.join(home, 'bin') };
    expect(await which('codex', env, 'linux')).toBe(path.join(home, 'bin', 'codex'));
    expect(await which('notexec', env, 'linux')).toBeUndefined();
    expect(await which('claude', env, 'linux')).toBeUndefined();
  });
});
