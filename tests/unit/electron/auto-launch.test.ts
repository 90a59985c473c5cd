import { describe, expect, it, vi } from 'vitest';
import { createLoginItem, setLoginItem, type AutoLaunchLike } from '../../../electron/auto-launch.js';
import { FakeApp } from '../../helpers/fake-electron.js';

function fakeAutoLaunch() {
  const made: Array<{ name: string; path: string; isHidden: boolean }> = [];
  let enabled = false;
  const instance: AutoLaunchLike = {
    enable: vi.fn(async () => void (enabled = true)),
    disable: vi.fn(async () => void (enabled = false)),
    isEnabled: vi.fn(async () => enabled),
  };
  const factory = vi.fn((o: { name: string; path: string; isHidden: boolean }) => {
    made.push(o);
    return instance;
  });
  return { factory, made, instance };
}

describe('start at login', () => {
  it('Linux: wraps the auto-launch package, hidden, registering $APPIMAGE rather than the mount path', async () => {
    const al = fakeAutoLaunch();
    const item = createLoginItem({
      platform: 'linux',
      name: 'OmniRoute',
      execPath: '/tmp/.mount_OmniRxyz/omniroute',
      env: { APPIMAGE: '/home/me/Apps/OmniRoute.AppImage' },
      app: new FakeApp(),
      autoLaunch: al.factory,
    });
    expect(item.mechanism).toBe('auto-launch');
    expect(al.made).toEqual([
      { name: 'OmniRoute', path: '/home/me/Apps/OmniRoute.AppImage', isHidden: true },
    ]);
    expect(await item.isEnabled()).toBe(false);
    expect(await setLoginItem(item, true)).toBe(true);
    expect(al.instance.enable).toHaveBeenCalledTimes(1);
    // already on: no second enable
    expect(await setLoginItem(item, true)).toBe(true);
    expect(al.instance.enable).toHaveBeenCalledTimes(1);
    expect(await setLoginItem(item, false)).toBe(false);
    expect(al.instance.disable).toHaveBeenCalledTimes(1);
  });

  it('Linux without AppImage: registers the executable', () => {
    const al = fakeAutoLaunch();
    createLoginItem({
      platform: 'linux',
      name: 'OmniRoute',
      execPath: '/opt/OmniRoute/omniroute',
      env: {},
      app: new FakeApp(),
      autoLaunch: al.factory,
    });
    expect(al.made[0]!.path).toBe('/opt/OmniRoute/omniroute');
  });

  it('Windows: Electron login item with the exe path and --hidden; auto-launch is never loaded', async () => {
    const al = fakeAutoLaunch();
    const app = new FakeApp();
    const item = createLoginItem({
      platform: 'win32',
      name: 'OmniRoute',
      execPath: 'C:\\OmniRoute\\OmniRoute.exe',
      app,
      autoLaunch: al.factory,
    });
    expect(item.mechanism).toBe('login-item-settings');
    expect(await setLoginItem(item, true)).toBe(true);
    expect(app.loginItemCalls).toEqual([
      { openAtLogin: true, path: 'C:\\OmniRoute\\OmniRoute.exe', args: ['--hidden'] },
    ]);
    expect(await setLoginItem(item, false)).toBe(false);
    expect(al.factory).not.toHaveBeenCalled();
  });

  it('macOS: Electron login item, opened as hidden', async () => {
    const app = new FakeApp();
    const al = fakeAutoLaunch();
    const item = createLoginItem({
      platform: 'darwin',
      name: 'OmniRoute',
      execPath: '/Applications/OmniRoute.app/Contents/MacOS/OmniRoute',
      app,
      autoLaunch: al.factory,
    });
    await item.setEnabled(true);
    expect(app.loginItemCalls).toEqual([{ openAtLogin: true, openAsHidden: true }]);
    expect(await item.isEnabled()).toBe(true);
    expect(al.factory).not.toHaveBeenCalled();
  });

  it('reports what the OS says after the change (the OS entry is the truth)', async () => {
    const al = fakeAutoLaunch();
    vi.mocked(al.instance.enable).mockImplementation(async () => {}); // e.g. autostart dir not writable
    const item = createLoginItem({
      platform: 'linux',
      name: 'OmniRoute',
      execPath: '/x',
      env: {},
      app: new FakeApp(),
      autoLaunch: al.factory,
    });
    expect(await setLoginItem(item, true)).toBe(false);
  });
});
