import { describe, expect, it } from 'vitest';
import { presetWindows, QUOTA_PRESETS, quotaPreset } from '../../../../core/routing/quota/presets.js';
import { QuotaTracker, type QuotaEvent } from '../../../../core/routing/quota/tracker.js';
import { fakeClock } from '../fake-clock.js';

const H = 3_600_000;
const Z = (iso: string) => Date.parse(iso);

function setup(start: number) {
  const clock = fakeClock(start);
  const tracker = new QuotaTracker({ now: clock.now });
  const events: QuotaEvent[] = [];
  tracker.onChange((e) => events.push(e));
  return { clock, tracker, events };
}

describe('quota tracker: rolling windows', () => {
  it('Claude Pro preset: 45 requests per rolling 5 h, each ages out on its own', () => {
    const { clock, tracker } = setup(0);
    tracker.configure('claude-1', presetWindows('claude-pro'));
    for (let i = 0; i < 44; i++) tracker.record('claude-1', { requests: 1 });
    expect(tracker.exhausted('claude-1')).toBe(false);
    clock.set(H);
    tracker.record('claude-1', { requests: 1 }, clock.now());
    const [fiveH, weekly] = tracker.status('claude-1');
    expect(fiveH).toMatchObject({
      used: 45,
      limit: 45,
      remaining: 0,
      remainingPct: 0,
      level: 'exhausted',
      resetsAt: 5 * H,
      availableAt: 5 * H,
    });
    expect(weekly).toMatchObject({ used: 45, limit: 900, remaining: 855, remainingPct: 95, level: 'ok' });
    expect(tracker.exhausted('claude-1')).toBe(true);
    expect(tracker.availableAt('claude-1')).toBe(5 * H);
    clock.set(5 * H - 1);
    expect(tracker.exhausted('claude-1')).toBe(true);
    clock.set(5 * H);
    expect(tracker.exhausted('claude-1')).toBe(false);
    expect(tracker.status('claude-1')[0]).toMatchObject({ used: 1, remaining: 44, resetsAt: 6 * H });
    clock.set(6 * H);
    expect(tracker.status('claude-1')[0]).toMatchObject({ used: 0, remaining: 45, remainingPct: 100 });
  });

  it('availableAt walks out just enough old usage', () => {
    const { tracker } = setup(0);
    tracker.configure('c', [{ id: 'r', kind: 'rolling', durationMs: 10 * H, unit: 'tokens', limit: 1000 }]);
    tracker.record('c', { tokens: 300 }, 0);
    tracker.record('c', { tokens: 300 }, 1 * H);
    tracker.record('c', { tokens: 500 }, 2 * H);
    // used 1100: dropping the first 300 leaves 800 < 1000.
    expect(tracker.availableAt('c')).toBe(10 * H);
    tracker.record('c', { tokens: 400 }, 2 * H);
    // used 1500: after the first (1200) still over, after the second (900) under.
    expect(tracker.availableAt('c')).toBe(11 * H);
  });

  it('coalesces bursts without ever freeing usage early', () => {
    const { clock, tracker } = setup(0);
    tracker.configure('c', [
      { id: '5h', kind: 'rolling', durationMs: 5 * H, unit: 'requests', limit: 1_000_000 },
    ]);
    for (let t = 0; t < 120_000; t += 10) {
      clock.set(t);
      tracker.record('c', { requests: 1 });
    }
    const exported = tracker.exportState().c!['5h']!.events!;
    expect(exported.length).toBe(2); // 60 s buckets
    expect(exported.reduce((s, [, a]) => s + a, 0)).toBe(12_000);
    // Exactly, 6001 requests are still inside the window here; the bucket keeps all 12 000
    // (late, never early) until its last request has aged out.
    clock.set(5 * H + 59_989);
    expect(tracker.status('c')[0]!.used).toBe(12_000);
    clock.set(5 * H + 59_990);
    expect(tracker.status('c')[0]!.used).toBe(6000);
    clock.set(5 * H + 119_990);
    expect(tracker.status('c')[0]!.used).toBe(0);
  });
});

describe('quota tracker: calendar windows', () => {
  it('GLM preset resets at 10:00 Asia/Shanghai exactly', () => {
    const { clock, tracker, events } = setup(Z('2025-01-15T01:00:00Z')); // 09:00 CST
    tracker.configure('glm-1', presetWindows('glm', [{ id: 'daily', limit: 10 }]));
    for (let i = 0; i < 10; i++) tracker.record('glm-1', { requests: 1 });
    expect(tracker.status('glm-1')[0]).toMatchObject({
      used: 10,
      level: 'exhausted',
      resetsAt: Z('2025-01-15T02:00:00Z'),
      availableAt: Z('2025-01-15T02:00:00Z'),
    });
    clock.set(Z('2025-01-15T01:59:59.999Z'));
    expect(tracker.exhausted('glm-1')).toBe(true);
    clock.set(Z('2025-01-15T02:00:00Z'));
    expect(tracker.exhausted('glm-1')).toBe(false);
    expect(tracker.status('glm-1')[0]).toMatchObject({ used: 0, resetsAt: Z('2025-01-16T02:00:00Z') });
    expect(events.map((e) => `${e.type}@${e.used}`)).toEqual(['warning@8', 'exhausted@10', 'reset@0']);
    expect(events[2]).toEqual({
      type: 'reset',
      connectionId: 'glm-1',
      windowId: 'daily',
      used: 0,
      limit: 10,
      resetsAt: Z('2025-01-16T02:00:00Z'),
      at: Z('2025-01-15T02:00:00Z'),
    });
  });

  it('a daily window in Europe/Berlin resets at local midnight on both sides of spring-forward', () => {
    const { clock, tracker } = setup(Z('2025-03-29T22:30:00Z')); // Sat 23:30 CET
    tracker.configure('c', [
      { id: 'day', kind: 'daily', hour: 0, timeZone: 'Europe/Berlin', unit: 'requests', limit: 2 },
    ]);
    tracker.record('c', { requests: 2 });
    expect(tracker.availableAt('c')).toBe(Z('2025-03-29T23:00:00Z'));
    clock.set(Z('2025-03-29T23:00:00Z'));
    expect(tracker.exhausted('c')).toBe(false);
    clock.set(Z('2025-03-30T21:30:00Z')); // Sun 23:30 CEST
    tracker.record('c', { requests: 2 });
    expect(tracker.availableAt('c')).toBe(Z('2025-03-30T22:00:00Z')); // midnight CEST: 23 h later
    clock.set(Z('2025-03-30T21:59:59Z'));
    expect(tracker.exhausted('c')).toBe(true);
    clock.set(Z('2025-03-30T22:00:00Z'));
    expect(tracker.exhausted('c')).toBe(false);
  });

  it('Gemini CLI preset: midnight Pacific across the US spring-forward', () => {
    const { clock, tracker } = setup(Z('2025-03-09T07:59:00Z')); // 23:59 PST Mar 8
    tracker.configure('g', presetWindows('gemini-cli', [{ id: 'daily', limit: 1 }]));
    tracker.record('g', { requests: 1 });
    expect(tracker.availableAt('g')).toBe(Z('2025-03-09T08:00:00Z'));
    clock.set(Z('2025-03-10T06:59:00Z')); // 23:59 PDT Mar 9
    tracker.record('g', { requests: 1 });
    expect(tracker.availableAt('g')).toBe(Z('2025-03-10T07:00:00Z'));
  });

  it('Copilot preset: monthly on the 1st at 00:00 UTC', () => {
    const { clock, tracker } = setup(Z('2025-02-27T10:00:00Z'));
    tracker.configure('cp', presetWindows('copilot'));
    tracker.record('cp', { requests: 300 });
    expect(tracker.status('cp')[0]).toMatchObject({
      level: 'exhausted',
      availableAt: Z('2025-03-01T00:00:00Z'),
    });
    clock.set(Z('2025-03-01T00:00:00Z'));
    expect(tracker.status('cp')[0]).toMatchObject({ used: 0, resetsAt: Z('2025-04-01T00:00:00Z') });
  });

  it('usage recorded with a time before the current period does not count', () => {
    const { tracker } = setup(Z('2025-01-15T03:00:00Z'));
    tracker.configure('glm', presetWindows('glm'));
    tracker.record('glm', { requests: 5 }, Z('2025-01-15T01:00:00Z')); // yesterday's period
    tracker.record('glm', { requests: 2 }, Z('2025-01-15T02:30:00Z'));
    expect(tracker.status('glm')[0]!.used).toBe(2);
  });
});

describe('quota tracker: several windows', () => {
  it('exhausted when ANY window is at 100 %, reported per window', () => {
    const { clock, tracker } = setup(Z('2025-01-13T00:00:00Z')); // Monday: weekly period start
    tracker.configure('codex', presetWindows('codex', [{ id: 'weekly', limit: 50 }]));
    for (let i = 0; i < 44; i++) tracker.record('codex', { requests: 1 });
    // 5h at 44/45 and weekly at 44/50: neither binds.
    expect(tracker.exhausted('codex')).toBe(false);
    clock.advance(6 * H);
    // The 5 h window is empty again; the weekly one still counts 44.
    for (let i = 0; i < 6; i++) tracker.record('codex', { requests: 1 });
    const [fiveH, weekly] = tracker.status('codex');
    expect(fiveH).toMatchObject({ used: 6, level: 'ok' });
    expect(weekly).toMatchObject({ used: 50, level: 'exhausted', availableAt: Z('2025-01-20T00:00:00Z') });
    expect(tracker.exhausted('codex')).toBe(true);
    expect(tracker.availableAt('codex')).toBe(Z('2025-01-20T00:00:00Z'));
  });

  it('tokens and requests windows count their own unit', () => {
    const { tracker } = setup(0);
    tracker.configure('c', [
      { id: 'req', kind: 'rolling', durationMs: H, unit: 'requests', limit: 10 },
      { id: 'tok', kind: 'rolling', durationMs: H, unit: 'tokens', limit: 10_000 },
    ]);
    tracker.record('c', { requests: 1, tokens: 10_000 });
    const [req, tok] = tracker.status('c');
    expect(req).toMatchObject({ used: 1, remaining: 9, level: 'ok' });
    expect(tok).toMatchObject({ used: 10_000, remaining: 0, level: 'exhausted' });
    expect(tracker.exhausted('c')).toBe(true);
  });

  it('emits warning at 80 %, exhausted, available and reset as a rolling window drains', () => {
    const { clock, tracker, events } = setup(0);
    tracker.configure('m', presetWindows('minimax', [{ id: '5h', limit: 10 }]));
    for (let i = 0; i < 7; i++) tracker.record('m', { requests: 1 });
    expect(events).toEqual([]);
    tracker.record('m', { requests: 1 });
    clock.set(H);
    tracker.record('m', { requests: 1 });
    clock.set(2 * H);
    tracker.record('m', { requests: 1 });
    expect(events.map((e) => `${e.type}@${e.used}`)).toEqual(['warning@8', 'exhausted@10']);
    clock.set(5 * H); // the first 8 age out together
    tracker.check();
    expect(events.map((e) => e.type)).toEqual(['warning', 'exhausted', 'reset']);
    expect(events[2]).toMatchObject({ used: 2, resetsAt: 6 * H, at: 5 * H });
    expect(tracker.nextChangeAt()).toBe(6 * H);
  });

  it('emits available when an exhausted rolling window frees a little', () => {
    const { clock, tracker, events } = setup(0);
    tracker.configure('m', [{ id: 'r', kind: 'rolling', durationMs: 10 * H, unit: 'requests', limit: 10 }]);
    tracker.record('m', { requests: 1 });
    clock.set(H);
    tracker.record('m', { requests: 9 });
    clock.set(10 * H);
    expect(tracker.exhausted('m')).toBe(false);
    expect(events.map((e) => `${e.type}@${e.used}`)).toEqual(['exhausted@10', 'available@9']);
    clock.set(11 * H);
    tracker.check();
    expect(events.at(-1)).toMatchObject({ type: 'reset', used: 0 });
  });

  it('nextChangeAt is the earliest reset among counted windows', () => {
    const { clock, tracker } = setup(Z('2025-01-15T01:00:00Z'));
    expect(tracker.nextChangeAt()).toBeUndefined();
    tracker.configure('glm', presetWindows('glm'));
    tracker.configure('mm', presetWindows('minimax'));
    expect(tracker.nextChangeAt()).toBeUndefined();
    tracker.record('glm', { requests: 1 });
    expect(tracker.nextChangeAt()).toBe(Z('2025-01-15T02:00:00Z'));
    clock.advance(30 * 60_000);
    tracker.record('mm', { requests: 1 });
    expect(tracker.nextChangeAt()).toBe(Z('2025-01-15T02:00:00Z'));
    clock.set(Z('2025-01-15T02:00:00Z'));
    expect(tracker.nextChangeAt()).toBe(Z('2025-01-15T06:30:00Z'));
  });
});

describe('quota tracker: configuration and persistence', () => {
  it('rejects invalid windows', () => {
    const t = new QuotaTracker();
    expect(() =>
      t.configure('c', [
        { id: 'd', kind: 'daily', hour: 0, timeZone: 'Mars/Olympus', unit: 'requests', limit: 1 },
      ]),
    ).toThrow(/unknown time zone/);
    expect(() =>
      t.configure('c', [{ id: 'd', kind: 'daily', hour: 24, timeZone: 'UTC', unit: 'requests', limit: 1 }]),
    ).toThrow(/hour/);
    expect(() =>
      t.configure('c', [{ id: 'r', kind: 'rolling', durationMs: 1000, unit: 'requests', limit: 0 }]),
    ).toThrow(/limit/);
    expect(() =>
      t.configure('c', [
        { id: 'x', kind: 'rolling', durationMs: 1, unit: 'requests', limit: 1 },
        { id: 'x', kind: 'rolling', durationMs: 1, unit: 'requests', limit: 1 },
      ]),
    ).toThrow(/twice/);
  });

  it('reconfiguring keeps usage of windows that stay', () => {
    const { tracker } = setup(0);
    tracker.configure('c', presetWindows('claude-pro'));
    tracker.record('c', { requests: 40 });
    tracker.configure('c', presetWindows('claude-pro', [{ id: '5h', limit: 40 }]));
    expect(tracker.status('c')[0]).toMatchObject({ used: 40, limit: 40, level: 'exhausted' });
  });

  it('setUsed takes the provider-reported figure', () => {
    const { tracker } = setup(Z('2025-01-15T03:00:00Z'));
    tracker.configure('glm', presetWindows('glm'));
    tracker.record('glm', { requests: 3 });
    tracker.setUsed('glm', 'daily', 590);
    expect(tracker.status('glm')[0]).toMatchObject({ used: 590, remaining: 10, level: 'warning' });
  });

  it('exportState / restoreState round-trip', () => {
    const a = setup(Z('2025-01-15T03:00:00Z'));
    a.tracker.configure('x', [...presetWindows('claude-pro'), ...presetWindows('glm')]);
    a.tracker.record('x', { requests: 7 });
    const saved = JSON.parse(JSON.stringify(a.tracker.exportState()));
    const b = setup(Z('2025-01-15T04:00:00Z'));
    b.tracker.configure('x', [...presetWindows('claude-pro'), ...presetWindows('glm')]);
    b.tracker.restoreState(saved);
    expect(b.tracker.status('x').map((s) => [s.window.id, s.used])).toEqual([
      ['5h', 7],
      ['weekly', 7],
      ['daily', 7],
    ]);
    // Restored the next day: the daily period is over.
    const c = setup(Z('2025-01-16T04:00:00Z'));
    c.tracker.configure('x', presetWindows('glm'));
    c.tracker.restoreState(saved);
    expect(c.tracker.status('x')[0]!.used).toBe(0);
  });
});

describe('presets', () => {
  it('are valid and named', () => {
    expect(QUOTA_PRESETS.map((p) => p.id)).toEqual([
      'claude-pro',
      'codex',
      'gemini-cli',
      'copilot',
      'glm',
      'minimax',
    ]);
    const t = new QuotaTracker();
    for (const p of QUOTA_PRESETS) expect(() => t.configure(p.id, p.windows)).not.toThrow();
    expect(quotaPreset('glm')!.windows[0]).toMatchObject({
      kind: 'daily',
      hour: 10,
      timeZone: 'Asia/Shanghai',
    });
  });

  it('overrides change a copy, never the preset', () => {
    const w = presetWindows('claude-pro', [
      { id: 'weekly', hour: 18 },
      { id: 'tokens', kind: 'rolling', durationMs: H, unit: 'tokens', limit: 5 },
    ]);
    expect(w[1]).toMatchObject({ id: 'weekly', hour: 18, weekday: 1 });
    expect(w[2]!.id).toBe('tokens');
    expect(quotaPreset('claude-pro')!.windows[1]).toMatchObject({ hour: 0 });
    expect(() => presetWindows('nope')).toThrow(/unknown quota preset/);
  });
});
