import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Prefs } from '../../../electron/prefs.js';
import { TrayController, trayIconFile } from '../../../electron/tray.js';
import type { TrayInput } from '../../../electron/tray-model.js';
import {
  createMainWindow,
  DASHBOARD_CSP,
  isSafeExternalUrl,
  navigationDecision,
  withCsp,
} from '../../../electron/window.js';
import {
  createFakeElectron,
  FakeMenu,
  memoryPrefsBackend,
  type FakeBrowserWindow,
} from '../../helpers/fake-electron.js';

const DASH = 'http://127.0.0.1:20128/';

describe('dashboard window', () => {
  function open(quitting = false) {
    const fx = createFakeElectron();
    const prefs = new Prefs(memoryPrefsBackend());
    const win = createMainWindow({
      electron: fx.electron,
      dashboardUrl: DASH,
      prefs,
      isQuitting: () => quitting,
    }) as unknown as FakeBrowserWindow;
    return { fx, win, prefs };
  }

  it('is sandboxed, context-isolated, without node integration, with no preload', () => {
    const { win } = open();
    expect(win.options.webPreferences).toEqual({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    });
    expect(win.options.show).toBe(false);
  });

  it('keeps navigation on the dashboard origin; http(s) elsewhere opens in the system browser; other schemes go nowhere', () => {
    const { win, fx } = open();
    expect(win.webContents.navigate('http://127.0.0.1:20128/combos')).toBe(false);
    expect(win.webContents.navigate('https://github.com/omniroute')).toBe(true);
    expect(win.webContents.navigate('file:///etc/passwd')).toBe(true);
    expect(win.webContents.navigate('http://127.0.0.1:9999/', 'will-redirect')).toBe(true);
    expect(fx.shell.opened).toEqual(['https://github.com/omniroute', 'http://127.0.0.1:9999/']);
  });

  it('never opens a second window: window.open goes to the system browser (http(s) only)', () => {
    const { win, fx } = open();
    expect(win.webContents.windowOpenHandler!({ url: 'https://openai.com/pricing' })).toEqual({
      action: 'deny',
    });
    expect(win.webContents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fx.shell.opened).toEqual(['https://openai.com/pricing']);
  });

  it('closing hides to the tray and saves the bounds; when quitting it really closes', () => {
    const { win, prefs } = open();
    win.show();
    win.bounds = { x: 5, y: 6, width: 900, height: 700 };
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    expect(prefs.get('windowBounds')).toEqual({ x: 5, y: 6, width: 900, height: 700 });
    const q = open(true);
    q.win.close();
    expect(q.win.destroyed).toBe(true);
  });

  it('adds the CSP to dashboard documents that arrive without one', () => {
    const { win } = open();
    const got: Array<Record<string, string[]> | undefined> = [];
    win.webContents.headersListener!(
      { url: DASH, resourceType: 'mainFrame', responseHeaders: { 'Content-Type': ['text/html'] } },
      (r) => got.push(r.responseHeaders),
    );
    expect(got[0]!['Content-Security-Policy']).toEqual([DASHBOARD_CSP]);
    // the core's own header is kept as is; non-documents and other origins are untouched
    const own = { 'content-security-policy': ["default-src 'self'"] };
    expect(withCsp({ url: DASH, resourceType: 'mainFrame', responseHeaders: own }, DASH)).toBe(own);
    const js = { a: ['b'] };
    expect(withCsp({ url: DASH + 'x.js', resourceType: 'script', responseHeaders: js }, DASH)).toBe(js);
    expect(withCsp({ url: 'https://x.dev/', resourceType: 'mainFrame', responseHeaders: js }, DASH)).toBe(js);
  });

  it('navigationDecision', () => {
    expect(navigationDecision('http://127.0.0.1:20128/a#b', DASH)).toBe('allow');
    expect(navigationDecision('http://localhost:20128/', DASH)).toBe('external');
    expect(navigationDecision('chrome://gpu', DASH)).toBe('deny');
  });

  it('isSafeExternalUrl: http(s) with a host, and no other scheme', () => {
    expect(isSafeExternalUrl('https://a.b')).toBe(true);
    expect(isSafeExternalUrl('HTTPS://A.B/')).toBe(true);
    expect(isSafeExternalUrl('http://localhost:11434')).toBe(true);
    for (const bad of [
      'https://',
      'about:blank',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/x',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
      42,
      null,
    ])
      expect(isSafeExternalUrl(bad), String(bad)).toBe(false);
  });
});

describe('tray controller', () => {
  const input = (over: Partial<TrayInput> = {}): TrayInput => ({
    url: 'http://127.0.0.1:20128',
    activeCombo: null,
    combos: [{ name: 'coding', enabled: true }],
    offline: false,
    offlineReason: 'manual',
    quotas: [],
    openCircuits: 0,
    noEligibleProviders: false,
    startAtLogin: false,
    now: 0,
    ...over,
  });

  function make(platform: NodeJS.Platform, state: { current: TrayInput }) {
    const fx = createFakeElectron();
    const dispatch = vi.fn();
    const onClick = vi.fn();
    const ctl = new TrayController({
      electron: fx.electron,
      platform,
      iconDir: '/icons',
      state: () => state.current,
      dispatch,
      onClick,
    });
    return { fx, ctl, tray: fx.trays()[0]!, dispatch, onClick };
  }

  it('Linux: sets the context menu, and follows state changes (menu, icon, tooltip)', () => {
    const state = { current: input() };
    const { tray, ctl, dispatch } = make('linux', state);
    expect(tray.image.path).toBe(path.join('/icons', 'tray-ok.png'));
    const menu = tray.contextMenu!;
    expect(menu.item('combo:coding').checked).toBe(false);
    menu.click('combo:coding');
    expect(dispatch).toHaveBeenCalledWith({ type: 'switch-combo', combo: 'coding' });
    state.current = input({ activeCombo: 'coding', offline: true, offlineReason: 'auto' });
    ctl.refresh();
    expect(tray.contextMenu).not.toBe(menu);
    expect(tray.contextMenu!.item('combo:coding').checked).toBe(true);
    expect(tray.contextMenu!.item('offline')).toMatchObject({
      checked: true,
      label: 'Offline mode (automatic)',
    });
    expect(tray.image.path).toBe(path.join('/icons', 'tray-offline.png'));
    expect(tray.tooltip).toMatch(/offline \(no network\)/);
    expect(ctl.iconState).toBe('offline');
  });

  it('Windows: menu on right-click (freshly built), dashboard on click, .ico icons', () => {
    const state = { current: input() };
    const { tray, onClick } = make('win32', state);
    expect(tray.contextMenu).toBeNull();
    expect(tray.image.path).toBe(path.join('/icons', 'tray-ok.ico'));
    state.current = input({ quotas: [{ connectionId: 'a', label: 'openai', remainingPct: 5 }] });
    tray.emit('right-click');
    expect(tray.poppedUp).toHaveLength(1);
    expect((tray.poppedUp[0] as FakeMenu).labels()).toContain('openai: remaining 5%');
    expect(tray.image.path).toBe(path.join('/icons', 'tray-quota-low.ico'));
    tray.emit('click');
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('macOS: menu on click too, template image for the normal state', () => {
    const state = { current: input() };
    const { tray, onClick } = make('darwin', state);
    expect(tray.image).toMatchObject({ path: path.join('/icons', 'trayTemplate.png'), template: true });
    tray.emit('click');
    expect(tray.poppedUp).toHaveLength(1);
    expect(onClick).not.toHaveBeenCalled();
    expect(trayIconFile('/i', 'degraded', 'darwin')).toEqual({
      file: path.join('/i', 'tray-degraded.png'),
      template: false,
    });
  });
});
