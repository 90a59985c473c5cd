import { describe, expect, it, vi } from 'vitest';
import {
  buildTrayModel,
  formatClock,
  formatDuration,
  iconState,
  quotaLine,
  toMenuTemplate,
  tooltip,
  MAX_QUOTA_LINES,
  type TrayInput,
  type TrayItem,
} from '../../../electron/tray-model.js';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const base: TrayInput = {
  url: 'http://127.0.0.1:20128',
  activeCombo: 'coding',
  combos: [
    { name: 'coding', enabled: true },
    { name: 'cheap', enabled: true },
    { name: 'retired', enabled: false },
  ],
  offline: false,
  offlineReason: 'manual',
  quotas: [],
  openCircuits: 0,
  noEligibleProviders: false,
  startAtLogin: true,
  now: NOW,
};

const byId = (items: TrayItem[], id: string) => items.find((i) => 'id' in i && i.id === id);
const radios = (items: TrayItem[]) => items.filter((i) => i.kind === 'radio');

describe('tray menu model', () => {
  it('lists enabled combos as a radio group with the active one checked; disabled combos are absent', () => {
    const items = buildTrayModel(base);
    const r = radios(items);
    expect(r.map((i) => i.label)).toEqual(['None (use model names as sent)', 'coding', 'cheap']);
    expect(r.filter((i) => i.kind === 'radio' && i.checked).map((i) => i.label)).toEqual(['coding']);
    expect(items.some((i) => 'label' in i && i.label.includes('retired'))).toBe(false);
    expect(byId(items, 'combo:cheap')).toMatchObject({ action: { type: 'switch-combo', combo: 'cheap' } });
  });

  it('checks "None" when no combo is active, and says how to create one when there are none', () => {
    const none = radios(buildTrayModel({ ...base, activeCombo: null }));
    expect(none.find((i) => i.kind === 'radio' && i.checked)?.label).toMatch(/^None/);
    const empty = buildTrayModel({ ...base, activeCombo: null, combos: [{ name: 'x', enabled: false }] });
    expect(radios(empty)).toHaveLength(0);
    expect(byId(empty, 'combos-empty')).toMatchObject({
      kind: 'label',
      label: expect.stringMatching(/create one/),
    });
  });

  it('has the endpoint (copy), offline toggle, dashboard, start at login and quit', () => {
    const items = buildTrayModel(base);
    expect(byId(items, 'copy-endpoint')).toMatchObject({
      label: expect.stringContaining('http://127.0.0.1:20128/v1'),
      action: { type: 'copy-endpoint' },
    });
    expect(byId(items, 'offline')).toMatchObject({
      kind: 'checkbox',
      checked: false,
      action: { offline: true },
    });
    expect(byId(items, 'open-dashboard')).toMatchObject({ action: { type: 'open-dashboard' } });
    expect(byId(items, 'start-at-login')).toMatchObject({ checked: true, action: { enabled: false } });
    expect(items.at(-1)).toMatchObject({ id: 'quit', action: { type: 'quit' } });
    const off = buildTrayModel({ ...base, offline: true, offlineReason: 'auto' });
    expect(byId(off, 'offline')).toMatchObject({
      checked: true,
      label: 'Offline mode (automatic)',
      action: { offline: false },
    });
  });

  it('summarises quota per connection, lowest first, with the time to reset', () => {
    const items = buildTrayModel({
      ...base,
      quotas: [
        {
          connectionId: 'a',
          label: 'openai · work',
          remainingPct: 64.7,
          resetsAt: NOW + (2 * 60 + 10) * 60_000,
        },
        {
          connectionId: 'b',
          label: 'anthropic · max',
          remainingPct: 12,
          resetsAt: NOW + 3 * 86_400_000 + 4 * 3600_000,
        },
        { connectionId: 'c', label: 'gemini', remainingPct: 0.4 },
      ],
    });
    const lines = items
      .filter((i) => i.kind === 'label' && i.id.startsWith('quota:'))
      .map((i) => 'label' in i && i.label);
    expect(lines).toEqual([
      'gemini: remaining <1%',
      'anthropic · max: remaining 12%, resets in 3d 4h',
      'openai · work: remaining 64%, resets in 2h 10m',
    ]);
    expect(byId(buildTrayModel(base), 'quota-header')).toBeUndefined();
  });

  it('caps the quota lines and points to the dashboard for the rest', () => {
    const quotas = Array.from({ length: MAX_QUOTA_LINES + 3 }, (_, i) => ({
      connectionId: `c${i}`,
      label: `conn ${i}`,
      remainingPct: 50 + i,
    }));
    const items = buildTrayModel({ ...base, quotas });
    expect(items.filter((i) => i.kind === 'label' && i.id.startsWith('quota:'))).toHaveLength(
      MAX_QUOTA_LINES,
    );
    expect(byId(items, 'quota-more')).toMatchObject({ label: '…and 3 more in the dashboard' });
  });

  it('formats durations and past resets', () => {
    expect(formatDuration(30_000)).toBe('under a minute');
    expect(formatDuration(5 * 60_000)).toBe('5m');
    expect(formatDuration(2 * 3600_000)).toBe('2h');
    expect(formatDuration(26 * 3600_000)).toBe('1d 2h');
    expect(quotaLine({ connectionId: 'x', label: 'x', remainingPct: 0, resetsAt: NOW - 1 }, NOW)).toBe(
      'x: remaining 0%, resetting now',
    );
  });

  it('an account that must sign in again gets a line that opens the dashboard, and degrades the icon', () => {
    const input = { ...base, signInNeeded: [{ id: 'conn_1', label: 'ChatGPT plan · dev@example.com' }] };
    expect(byId(buildTrayModel(input), 'sign-in:conn_1')).toMatchObject({
      kind: 'action',
      label: 'Sign in again: ChatGPT plan · dev@example.com',
      action: { type: 'open-dashboard' },
    });
    expect(iconState(input)).toBe('degraded');
  });

  it('a plan window reads as the vendor reports it: used, reset and forecast', () => {
    const q = {
      connectionId: 'login:abc',
      label: 'Claude Code login',
      remainingPct: 38,
      window: '5 h',
      resetsAt: NOW + 2 * 3600_000,
      runsOutAt: NOW + 110 * 60_000,
    };
    expect(quotaLine(q, NOW)).toBe(
      `Claude Code login · 5 h: 62% used, resets ${formatClock(NOW + 2 * 3600_000)}, runs out ≈ ${formatClock(NOW + 110 * 60_000)}`,
    );
    expect(formatClock(new Date(2026, 0, 1, 14, 32).getTime())).toBe('14:32');
    const { runsOutAt: _r, ...noForecast } = q;
    expect(quotaLine(noForecast, NOW)).toBe(
      `Claude Code login · 5 h: 62% used, resets ${formatClock(NOW + 2 * 3600_000)}`,
    );
  });
});

describe('tray icon state', () => {
  it('is offline > quota-low > degraded > ok', () => {
    expect(iconState(base)).toBe('ok');
    expect(iconState({ ...base, openCircuits: 1 })).toBe('degraded');
    expect(iconState({ ...base, noEligibleProviders: true })).toBe('degraded');
    const low = [{ connectionId: 'a', label: 'a', remainingPct: 20 }];
    expect(iconState({ ...base, openCircuits: 1, quotas: low })).toBe('quota-low');
    expect(iconState({ ...base, quotas: [{ ...low[0]!, remainingPct: 21 }] })).toBe('ok');
    expect(iconState({ ...base, offline: true, quotas: low, openCircuits: 2 })).toBe('offline');
  });

  it('tooltip says the state, why, the active combo and the endpoint', () => {
    expect(tooltip({ ...base, offline: true, offlineReason: 'auto' })).toBe(
      'OmniRoute — offline (no network) · combo coding\nhttp://127.0.0.1:20128/v1',
    );
  });
});

describe('menu template', () => {
  it('maps items to Electron menu options whose clicks dispatch the item action', () => {
    const dispatch = vi.fn();
    const items = buildTrayModel(base);
    const tpl = toMenuTemplate(items, dispatch);
    expect(tpl).toHaveLength(items.length);
    expect(tpl[0]).toMatchObject({ type: 'normal', enabled: false });
    expect(tpl.filter((t) => t.type === 'separator').length).toBeGreaterThan(0);
    const cheap = tpl.find((t) => t.id === 'combo:cheap')!;
    expect(cheap).toMatchObject({ type: 'radio', checked: false });
    cheap.click!();
    expect(dispatch).toHaveBeenCalledWith({ type: 'switch-combo', combo: 'cheap' });
    expect(tpl.find((t) => t.id === 'offline')).toMatchObject({ type: 'checkbox' });
  });
});
