import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkNativeModule,
  electronBindingPath,
  loadSqlite,
  resolveNativeBinding,
} from '../../../electron/native-check.js';
import { DEFAULT_PREFS, Prefs, restorableBounds } from '../../../electron/prefs.js';
import { memoryPrefsBackend } from '../../helpers/fake-electron.js';

describe('prefs', () => {
  it('returns defaults, stores values, and falls back per key on corrupt data', () => {
    const backend = memoryPrefsBackend({
      startAtLogin: 'yes',
      windowBounds: { width: 'wide' },
      notifications: { fallback: false, bogus: true },
    });
    const p = new Prefs(backend);
    expect(p.get('startAtLogin')).toBe(DEFAULT_PREFS.startAtLogin);
    expect(p.get('windowBounds')).toBeNull();
    expect(p.notificationEnabled('fallback')).toBe(false);
    expect(p.notificationEnabled('quota-80')).toBe(true);
    p.setNotification('quota-80', false);
    expect(p.get('notifications')).toMatchObject({ fallback: false, 'quota-80': false, offline: true });
    p.set('windowBounds', { x: 10, y: 20, width: 100, height: 100 });
    expect(p.get('windowBounds')).toEqual({ x: 10, y: 20, width: 480, height: 360 }); // clamped to the minimum
  });

  it('restores bounds only when the window would be visible on some display', () => {
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restorableBounds({ x: 100, y: 100, width: 800, height: 600 }, screens)).toEqual({
      x: 100,
      y: 100,
      width: 800,
      height: 600,
    });
    // saved on a monitor that is gone: keep the size, let the OS place it
    expect(restorableBounds({ x: 3000, y: 100, width: 800, height: 600 }, screens)).toEqual({
      width: 800,
      height: 600,
    });
    expect(restorableBounds(null, screens)).toBeNull();
  });
});

describe('native module check', () => {
  const ctx = { isPackaged: false, electronVersion: '41.7.1', modulesAbi: '145' };

  it('passes when better-sqlite3 loads (here: the Node build, with the default binding)', () => {
    expect(checkNativeModule(() => loadSqlite(undefined), ctx)).toEqual({ ok: true });
  });

  it('explains a wrong-ABI build and what to do, for source and packaged installs', () => {
    const abi = () => {
      throw new Error(
        "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 145.",
      );
    };
    const dev = checkNativeModule(abi, ctx);
    expect(dev.ok).toBe(false);
    if (dev.ok) return;
    expect(dev.message).toMatch(/built for a different runtime than this Electron 41\.7\.1/);
    expect(dev.message).toMatch(/node scripts\/native\.mjs electron/);
    expect(dev.message).toMatch(/NODE_MODULE_VERSION 115/);
    const packaged = checkNativeModule(abi, { ...ctx, isPackaged: true });
    expect(!packaged.ok && packaged.message).toMatch(/Reinstall OmniRoute/);
  });

  it('a missing binding file is reported as missing (real better-sqlite3 with a bogus nativeBinding)', () => {
    const binding = '/nonexistent/better_sqlite3.node';
    const r = checkNativeModule(() => loadSqlite(binding), { ...ctx, binding });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/is missing from this installation/);
    expect(!r.ok && r.message).toMatch(/Binding: \/nonexistent/);
  });

  it('uses the .native/ Electron build in development when present, the default binding when packaged', () => {
    const expected = path.join('/repo', '.native', 'electron-41.7.1-linux-x64', 'better_sqlite3.node');
    expect(electronBindingPath('/repo', '41.7.1', 'linux', 'x64')).toBe(expected);
    const o = { appRoot: '/repo', electronVersion: '41.7.1', platform: 'linux', arch: 'x64' };
    expect(resolveNativeBinding({ ...o, isPackaged: false, exists: (p) => p === expected })).toBe(expected);
    expect(resolveNativeBinding({ ...o, isPackaged: false, exists: () => false })).toBeUndefined();
    expect(resolveNativeBinding({ ...o, isPackaged: true, exists: () => true })).toBeUndefined();
  });
});
