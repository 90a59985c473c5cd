import { describe, expect, it } from 'vitest';
import { acquireSingleInstance, focusWindow, launchedHidden } from '../../../electron/single-instance.js';
import { createFakeElectron, FakeBrowserWindow } from '../../helpers/fake-electron.js';

const opts = {
  width: 800,
  height: 600,
  show: false,
  title: 't',
  webPreferences: {
    contextIsolation: true,
    nodeIntegration: false,
    sandbox: true,
    webSecurity: true,
  },
};

describe('single instance', () => {
  it('the first instance gets the lock; a second launch focuses its hidden, minimised window', () => {
    const fx = createFakeElectron();
    const win = new FakeBrowserWindow(opts);
    win.minimized = true;
    win.visible = false;
    const seen: string[][] = [];
    expect(
      acquireSingleInstance(fx.app, (argv) => {
        seen.push(argv);
        focusWindow(win);
      }),
    ).toBe(true);
    fx.app.launchSecondInstance(['omniroute', '--hidden']);
    expect(seen).toEqual([['omniroute', '--hidden']]);
    expect(win).toMatchObject({ minimized: false, visible: true, focusCount: 1 });
  });

  it('a second instance does not get the lock and registers nothing', () => {
    const fx = createFakeElectron();
    fx.app.lockAvailable = false;
    expect(acquireSingleInstance(fx.app, () => {})).toBe(false);
    expect(fx.app.listenerCount('second-instance')).toBe(0);
  });

  it('focusWindow refuses destroyed or missing windows', () => {
    const win = new FakeBrowserWindow(opts);
    win.destroyed = true;
    expect(focusWindow(win)).toBe(false);
    expect(win.focusCount).toBe(0);
    expect(focusWindow(undefined)).toBe(false);
  });

  it('starts hidden with --hidden or when the OS opened it at login', () => {
    expect(launchedHidden(['electron', '.'])).toBe(false);
    expect(launchedHidden(['omniroute', '--hidden'])).toBe(true);
    expect(launchedHidden([], { wasOpenedAsHidden: true })).toBe(true);
    expect(launchedHidden([], { wasOpenedAtLogin: true })).toBe(true);
    expect(launchedHidden([], { wasOpenedAsHidden: false, wasOpenedAtLogin: false })).toBe(false);
  });
});
