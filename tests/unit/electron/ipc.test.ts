import { describe, expect, it, vi } from 'vitest';
import { IPC, type ShellState } from '../../../electron/api-types.js';
import { createIpcHandlers, isSafeExternalUrl, registerIpcHandlers } from '../../../electron/ipc.js';
import { FakeIpcMain } from '../../helpers/fake-electron.js';

const ORIGIN = 'http://127.0.0.1:20128';
const state: ShellState = {
  endpoint: `${ORIGIN}/v1`,
  port: 20128,
  portMoved: false,
  activeCombo: 'coding',
  combos: [
    { name: 'coding', enabled: true },
    { name: 'old', enabled: false },
  ],
  offline: false,
  offlineReason: 'manual',
  iconState: 'ok',
  quotas: [],
  startAtLogin: false,
  version: '0.1.0',
};

function setup() {
  const deps = {
    getState: () => state,
    switchCombo: vi.fn(),
    setOffline: vi.fn(),
    copyText: vi.fn(),
    openExternal: vi.fn(async () => {}),
    trustedOrigin: () => ORIGIN,
  };
  const ipc = new FakeIpcMain();
  const unregister = registerIpcHandlers(ipc, createIpcHandlers(deps));
  const call = (ch: string, ...args: unknown[]) => ipc.invoke(ch, `${ORIGIN}/combos`, ...args);
  return { deps, ipc, call, unregister };
}

describe('IPC handlers', () => {
  it('registers one handler per channel and removes them all', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(
      [IPC.getState, IPC.switchCombo, IPC.setOffline, IPC.copyEndpoint, IPC.openExternal].sort(),
    );
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('returns the state', async () => {
    const { call } = setup();
    expect(await call(IPC.getState)).toEqual({ ok: true, value: state });
  });

  it('switches to an enabled combo or to none; refuses unknown, disabled and malformed names', async () => {
    const { call, deps } = setup();
    expect(await call(IPC.switchCombo, 'coding')).toEqual({ ok: true, value: { activeCombo: 'coding' } });
    expect(await call(IPC.switchCombo, null)).toEqual({ ok: true, value: { activeCombo: null } });
    expect(deps.switchCombo.mock.calls).toEqual([['coding'], [null]]);
    expect(await call(IPC.switchCombo, 'nope')).toEqual({ ok: false, error: 'No combo "nope".' });
    expect(await call(IPC.switchCombo, 'old')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/disabled/),
    });
    expect(await call(IPC.switchCombo, 42)).toMatchObject({ ok: false });
    expect(await call(IPC.switchCombo, { name: 'coding' })).toMatchObject({ ok: false });
    expect(deps.switchCombo).toHaveBeenCalledTimes(2);
  });

  it('toggles offline with a boolean only', async () => {
    const { call, deps } = setup();
    expect(await call(IPC.setOffline, true)).toEqual({ ok: true, value: { offline: true } });
    expect(await call(IPC.setOffline, 'yes')).toMatchObject({ ok: false });
    expect(deps.setOffline.mock.calls).toEqual([[true]]);
  });

  it('copies the endpoint', async () => {
    const { call, deps } = setup();
    expect(await call(IPC.copyEndpoint)).toEqual({ ok: true, value: { copied: `${ORIGIN}/v1` } });
    expect(deps.copyText).toHaveBeenCalledWith(`${ORIGIN}/v1`);
  });

  it('opens http(s) URLs externally and rejects every other scheme', async () => {
    const { call, deps } = setup();
    expect(await call(IPC.openExternal, 'https://docs.omniroute.dev/x?y=1')).toMatchObject({ ok: true });
    expect(await call(IPC.openExternal, 'http://localhost:11434')).toMatchObject({ ok: true });
    for (const bad of [
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
    ]) {
      expect(await call(IPC.openExternal, bad), String(bad)).toEqual({
        ok: false,
        error: 'only http(s) URLs can be opened',
      });
    }
    expect(deps.openExternal.mock.calls).toEqual([
      ['https://docs.omniroute.dev/x?y=1'],
      ['http://localhost:11434'],
    ]);
  });

  it('refuses calls from any page that is not the dashboard', async () => {
    const { ipc, deps } = setup();
    expect(await ipc.invoke(IPC.setOffline, 'https://evil.example/', true)).toEqual({
      ok: false,
      error: 'untrusted sender',
    });
    expect(await ipc.invoke(IPC.getState, 'http://127.0.0.1:20129/', true)).toMatchObject({ ok: false });
    expect(deps.setOffline).not.toHaveBeenCalled();
  });

  it('turns a thrown error into { ok: false } instead of rejecting', async () => {
    const { call, deps } = setup();
    deps.switchCombo.mockImplementation(() => {
      throw new Error('database is locked');
    });
    expect(await call(IPC.switchCombo, 'coding')).toEqual({ ok: false, error: 'database is locked' });
  });

  it('isSafeExternalUrl', () => {
    expect(isSafeExternalUrl('https://a.b')).toBe(true);
    expect(isSafeExternalUrl('HTTPS://A.B/')).toBe(true);
    expect(isSafeExternalUrl('https://')).toBe(false);
    expect(isSafeExternalUrl('about:blank')).toBe(false);
  });
});
