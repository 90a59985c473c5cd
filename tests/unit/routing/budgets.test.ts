import { describe, expect, it } from 'vitest';
import { Budgets, keyScope, providerScope } from '../../../core/routing/budgets.js';
import { fakeClock } from './fake-clock.js';

const Z = (iso: string) => Date.parse(iso);

describe('budgets', () => {
  it('daily budget: ok under, exceeded at the limit, fresh the next day', () => {
    const clock = fakeClock(Z('2025-01-15T10:00:00Z'));
    const b = new Budgets({ now: clock.now });
    const key = keyScope('k1');
    b.set(key, { dailyUsd: 5 });
    b.record(key, 3);
    expect(b.check(key)).toEqual({ ok: true });
    b.record(key, 2);
    expect(b.check(key)).toEqual({
      ok: false,
      scope: 'key:k1',
      exceeded: [
        {
          period: 'daily',
          limitUsd: 5,
          spentUsd: 5,
          remainingUsd: 0,
          periodStart: Z('2025-01-15T00:00:00Z'),
          resetsAt: Z('2025-01-16T00:00:00Z'),
        },
      ],
    });
    clock.set(Z('2025-01-16T00:00:00Z'));
    expect(b.check(key)).toEqual({ ok: true });
    expect(b.spentUsd(key, 'daily')).toBe(0);
  });

  it('weekly and monthly periods follow the calendar in the configured zone', () => {
    // Week starts Monday 00:00 Europe/Berlin; Sunday 23:30 UTC on 30 Mar is already Monday 01:30 CEST.
    const clock = fakeClock(Z('2025-03-30T21:00:00Z')); // Sunday 23:00 CEST
    const b = new Budgets({ now: clock.now, calendar: { timeZone: 'Europe/Berlin' } });
    const p = providerScope('openai');
    b.set(p, { weeklyUsd: 10, monthlyUsd: 12 });
    b.record(p, 10);
    expect(b.check(p)).toMatchObject({
      ok: false,
      exceeded: [{ period: 'weekly', resetsAt: Z('2025-03-30T22:00:00Z') }],
    });
    clock.set(Z('2025-03-30T22:00:00Z')); // Monday 00:00 CEST
    expect(b.check(p)).toEqual({ ok: true });
    b.record(p, 2);
    expect(b.status(p)).toEqual([
      {
        period: 'weekly',
        limitUsd: 10,
        spentUsd: 2,
        remainingUsd: 8,
        periodStart: Z('2025-03-30T22:00:00Z'),
        resetsAt: Z('2025-04-06T22:00:00Z'),
      },
      {
        period: 'monthly',
        limitUsd: 12,
        spentUsd: 12,
        remainingUsd: 0,
        periodStart: Z('2025-02-28T23:00:00Z'),
        resetsAt: Z('2025-03-31T22:00:00Z'),
      },
    ]);
    expect(b.check(p)).toMatchObject({ ok: false, exceeded: [{ period: 'monthly' }] });
    clock.set(Z('2025-03-31T22:00:00Z')); // 1 April 00:00 CEST
    expect(b.check(p)).toEqual({ ok: true });
  });

  it('spend is tracked before a budget is set, and late records of a past period are ignored', () => {
    const clock = fakeClock(Z('2025-01-15T10:00:00Z'));
    const b = new Budgets({ now: clock.now });
    b.record('key:a', 4);
    b.record('key:a', 100, Z('2025-01-14T23:59:59Z'));
    b.set('key:a', { dailyUsd: 4, monthlyUsd: 200 });
    expect(b.status('key:a').map((s) => [s.period, s.spentUsd])).toEqual([
      ['daily', 4],
      ['monthly', 104],
    ]);
    expect(b.check('key:a')).toMatchObject({ ok: false, exceeded: [{ period: 'daily' }] });
  });

  it('checkAll returns the first failing scope; no budget means ok', () => {
    const b = new Budgets({ now: () => Z('2025-01-15T10:00:00Z') });
    b.set('key:k', { dailyUsd: 100 });
    b.set('provider:anthropic', { dailyUsd: 1 });
    b.record('provider:anthropic', 1.5);
    expect(b.checkAll(['key:k', 'provider:anthropic', 'provider:none'])).toMatchObject({
      ok: false,
      scope: 'provider:anthropic',
    });
    expect(b.checkAll(['key:k', 'provider:none'])).toEqual({ ok: true });
  });

  it('a zero budget blocks; invalid limits are rejected; restore seeds spend', () => {
    const b = new Budgets({
      now: () => Z('2025-01-15T10:00:00Z'),
      calendar: { dayStartHour: 6, timeZone: 'Asia/Tokyo' },
    });
    b.set('key:z', { dailyUsd: 0 });
    expect(b.check('key:z').ok).toBe(false);
    expect(() => b.set('key:bad', { dailyUsd: -1 })).toThrow(/dailyUsd/);
    b.set('key:r', { dailyUsd: 10 });
    b.restore('key:r', 'daily', 9.5);
    expect(b.status('key:r')[0]).toMatchObject({
      spentUsd: 9.5,
      periodStart: Z('2025-01-14T21:00:00Z'), // 06:00 JST on the 15th
      resetsAt: Z('2025-01-15T21:00:00Z'),
    });
    b.record('key:r', 0.5);
    expect(b.check('key:r').ok).toBe(false);
  });
});
