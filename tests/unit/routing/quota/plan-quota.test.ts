import { describe, expect, it } from 'vitest';
import { PlanQuotas, runsOutAt, type PlanQuotaEvent } from '../../../../core/routing/quota/plan-quota.js';
import { fakeClock } from '../fake-clock.js';

const login = { identity: 'abcd1234abcd1234', kind: 'anthropic' as const, label: 'Claude Code login' };
const H = 3600_000;

describe('plan windows as the vendor reports them', () => {
  it('keeps the latest reading per window and announces 80 %, exhausted, available and reset', () => {
    const clock = fakeClock();
    const plans = new PlanQuotas({ now: clock.now });
    const events: PlanQuotaEvent[] = [];
    plans.onChange((e) => events.push(e));
    const reset = clock.now() + 2 * H;
    const read = (usedPct: number, status?: string) =>
      plans.observe(login, 'claude-login', {
        windows: [{ id: '5h', label: '5 h', usedPct, resetsAt: reset, windowMs: 5 * H, status }],
      });
    read(50);
    read(81);
    read(85);
    read(100, 'rejected');
    read(90);
    read(10);
    expect(events.map((e) => [e.type, e.usedPct])).toEqual([
      ['warning', 81],
      ['exhausted', 100],
      ['available', 90],
      ['reset', 10],
    ]);
    expect(events[0]).toMatchObject({
      key: 'login:abcd1234abcd1234',
      label: 'Claude Code login · 5 h',
      resetsAt: reset,
    });
    expect(plans.list()[0]!.windows[0]).toMatchObject({ id: '5h', usedPct: 10, level: 'ok' });
  });

  it('a whole-plan exhaustion holds until its instant; a model-only one does not mark the plan', () => {
    const clock = fakeClock();
    const plans = new PlanQuotas({ now: clock.now });
    plans.observe(login, 'p', {
      windows: [],
      exhaustedUntil: clock.now() + H,
      reason: 'Claude plan window exhausted',
    });
    expect(plans.exhaustedUntil(login.identity)).toBe(clock.now() + H);
    expect(plans.list()[0]).toMatchObject({
      exhaustedUntil: clock.now() + H,
      exhaustedReason: 'Claude plan window exhausted',
    });
    clock.advance(H);
    expect(plans.exhaustedUntil(login.identity)).toBeUndefined();
    plans.observe(login, 'p', { windows: [], exhaustedUntil: clock.now() + H, modelOnly: true });
    expect(plans.exhaustedUntil(login.identity)).toBeUndefined();
  });

  it('only windows that are all open again end an exhaustion early', () => {
    const clock = fakeClock();
    const plans = new PlanQuotas({ now: clock.now });
    const until = clock.now() + H;
    plans.observe(login, 'p', { windows: [], exhaustedUntil: until });
    plans.observe(login, 'p', { windows: [{ id: '5h', label: '5 h', usedPct: 100, status: 'rejected' }] });
    expect(plans.exhaustedUntil(login.identity)).toBe(until);
    plans.observe(login, 'p', { windows: [{ id: '5h', label: '5 h', usedPct: 3, status: 'allowed' }] });
    expect(plans.exhaustedUntil(login.identity)).toBeUndefined();
  });

  it('a window past its reset shows as started again, not at its stale figure', () => {
    const clock = fakeClock();
    const plans = new PlanQuotas({ now: clock.now });
    plans.observe(login, 'p', {
      windows: [{ id: '5h', label: '5 h', usedPct: 95, resetsAt: clock.now() + H }],
    });
    clock.advance(H + 1);
    expect(plans.list()[0]!.windows[0]).toMatchObject({ usedPct: 0, level: 'ok' });
  });

  it('forgets logins not heard from in 8 days', () => {
    const clock = fakeClock();
    const plans = new PlanQuotas({ now: clock.now });
    plans.observe(login, 'p', { windows: [{ id: '5h', label: '5 h', usedPct: 5 }] });
    clock.advance(9 * 24 * H);
    expect(plans.list()).toEqual([]);
  });
});

describe('forecast: when the window runs out at the current pace', () => {
  const now = Date.UTC(2026, 11, 6, 12);
  it('from readings a minute or more apart', () => {
    // 40 → 50 % in 30 min: 20 %/h, so the remaining 50 % last 2.5 h; the reset is in 4 h.
    const w = {
      reading: { id: '5h', label: '5 h', usedPct: 50, resetsAt: now + 4 * H },
      samples: [
        [now - 30 * 60_000, 40],
        [now, 50],
      ] as Array<[number, number]>,
    };
    expect(runsOutAt(w, now)).toBe(now + 2.5 * H);
  });

  it('from the average since the window began when there is one reading', () => {
    // 62 % in the 3 h since the 5 h window began: 50 min for the remaining 38 %… at 20.67 %/h ≈ 1 h 50 min.
    const w = {
      reading: { id: '5h', label: '5 h', usedPct: 62, resetsAt: now + 2 * H, windowMs: 5 * H },
      samples: [[now, 62]] as Array<[number, number]>,
    };
    const at = runsOutAt(w, now)!;
    expect(Math.round((at - now) / 60_000)).toBe(110);
  });

  it('none when it lasts until the reset, is out already, or nothing is used', () => {
    const slow = {
      reading: { id: '7d', label: 'weekly', usedPct: 10, resetsAt: now + 24 * H, windowMs: 7 * 24 * H },
      samples: [[now, 10]] as Array<[number, number]>,
    };
    expect(runsOutAt(slow, now)).toBeUndefined();
    expect(runsOutAt({ reading: { id: 'x', label: 'x', usedPct: 100 }, samples: [] }, now)).toBeUndefined();
    expect(
      runsOutAt(
        { reading: { id: 'x', label: 'x', usedPct: 0, resetsAt: now + H, windowMs: 5 * H }, samples: [] },
        now,
      ),
    ).toBeUndefined();
  });
});
