import { describe, expect, it } from 'vitest';
import {
  describeWindow,
  nextReset,
  windowStart,
  type QuotaWindow,
} from '../../../../core/routing/quota/windows.js';
import { offsetAt, wallTime, zonedTimeToEpoch } from '../../../../core/routing/quota/zoned-time.js';

const Z = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const daily = (hour: number, timeZone: string, minute = 0): QuotaWindow => ({
  id: 'd',
  kind: 'daily',
  hour,
  minute,
  timeZone,
  unit: 'requests',
  limit: 1,
});

/** Successive resets starting after `from`. */
function resets(w: QuotaWindow, from: number, n: number): string[] {
  const out: string[] = [];
  let t = from;
  for (let i = 0; i < n; i++) {
    t = nextReset(w, t);
    out.push(iso(t));
  }
  return out;
}

describe('zoned time', () => {
  it('reads wall time in a zone', () => {
    expect(wallTime(Z('2025-03-09T07:00:00Z'), 'America/New_York')).toEqual({
      year: 2025,
      month: 3,
      day: 9,
      hour: 3,
      minute: 0,
      second: 0,
      weekday: 0,
    });
    expect(offsetAt(Z('2025-03-09T06:59:59Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(offsetAt(Z('2025-03-09T07:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(offsetAt(Z('2025-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('maps wall time to an instant: normal, gap (compatible: forward) and overlap (earlier)', () => {
    const ny = 'America/New_York';
    expect(iso(zonedTimeToEpoch({ year: 2025, month: 1, day: 15, hour: 9 }, ny))).toBe(
      '2025-01-15T14:00:00.000Z',
    );
    expect(iso(zonedTimeToEpoch({ year: 2025, month: 3, day: 9, hour: 2, minute: 30 }, ny))).toBe(
      '2025-03-09T07:30:00.000Z',
    );
    expect(iso(zonedTimeToEpoch({ year: 2025, month: 11, day: 2, hour: 1, minute: 30 }, ny))).toBe(
      '2025-11-02T05:30:00.000Z',
    );
    const be = 'Europe/Berlin';
    expect(iso(zonedTimeToEpoch({ year: 2025, month: 3, day: 30, hour: 2, minute: 30 }, be))).toBe(
      '2025-03-30T01:30:00.000Z',
    );
    expect(iso(zonedTimeToEpoch({ year: 2025, month: 10, day: 26, hour: 2, minute: 30 }, be))).toBe(
      '2025-10-26T00:30:00.000Z',
    );
  });
});

describe('daily windows across daylight-saving changes', () => {
  it('America/New_York midnight, spring-forward week: the short day is 23 h', () => {
    const w = daily(0, 'America/New_York');
    expect(resets(w, Z('2025-03-07T12:00:00Z'), 4)).toEqual([
      '2025-03-08T05:00:00.000Z',
      '2025-03-09T05:00:00.000Z',
      '2025-03-10T04:00:00.000Z',
      '2025-03-11T04:00:00.000Z',
    ]);
    expect(iso(windowStart(w, Z('2025-03-10T03:59:59Z')))).toBe('2025-03-09T05:00:00.000Z');
    expect(iso(windowStart(w, Z('2025-03-10T04:00:00Z')))).toBe('2025-03-10T04:00:00.000Z');
  });

  it('America/New_York midnight, fall-back week: the long day is 25 h', () => {
    const w = daily(0, 'America/New_York');
    expect(resets(w, Z('2025-10-31T12:00:00Z'), 4)).toEqual([
      '2025-11-01T04:00:00.000Z',
      '2025-11-02T04:00:00.000Z',
      '2025-11-03T05:00:00.000Z',
      '2025-11-04T05:00:00.000Z',
    ]);
  });

  it('Europe/Berlin midnight, spring-forward and fall-back weeks', () => {
    const w = daily(0, 'Europe/Berlin');
    expect(resets(w, Z('2025-03-28T12:00:00Z'), 4)).toEqual([
      '2025-03-28T23:00:00.000Z',
      '2025-03-29T23:00:00.000Z',
      '2025-03-30T22:00:00.000Z',
      '2025-03-31T22:00:00.000Z',
    ]);
    expect(resets(w, Z('2025-10-24T12:00:00Z'), 4)).toEqual([
      '2025-10-24T22:00:00.000Z',
      '2025-10-25T22:00:00.000Z',
      '2025-10-26T23:00:00.000Z',
      '2025-10-27T23:00:00.000Z',
    ]);
  });

  it('a daily reset at 02:30 on a spring-forward day happens at 03:30 local (24 h after the last)', () => {
    const w = daily(2, 'America/New_York', 30);
    expect(resets(w, Z('2025-03-08T00:00:00Z'), 3)).toEqual([
      '2025-03-08T07:30:00.000Z', // 02:30 EST
      '2025-03-09T07:30:00.000Z', // 02:30 does not exist: 03:30 EDT
      '2025-03-10T06:30:00.000Z', // 02:30 EDT
    ]);
    // 03:15 EDT, after the jump but before the reset: still in the previous period.
    expect(iso(windowStart(w, Z('2025-03-09T07:15:00Z')))).toBe('2025-03-08T07:30:00.000Z');
    expect(iso(nextReset(w, Z('2025-03-09T07:15:00Z')))).toBe('2025-03-09T07:30:00.000Z');
    const berlin = daily(2, 'Europe/Berlin', 30);
    expect(resets(berlin, Z('2025-03-29T00:00:00Z'), 3)).toEqual([
      '2025-03-29T01:30:00.000Z',
      '2025-03-30T01:30:00.000Z',
      '2025-03-31T00:30:00.000Z',
    ]);
  });

  it('a reset inside the repeated hour of fall-back happens once, at the first occurrence', () => {
    const w = daily(1, 'America/New_York', 30);
    expect(resets(w, Z('2025-11-01T00:00:00Z'), 3)).toEqual([
      '2025-11-01T05:30:00.000Z',
      '2025-11-02T05:30:00.000Z', // 01:30 EDT
      '2025-11-03T06:30:00.000Z', // 01:30 EST
    ]);
  });

  it('GLM: 10:00 Asia/Shanghai, to the second', () => {
    const w = daily(10, 'Asia/Shanghai');
    expect(iso(nextReset(w, Z('2025-01-15T01:59:59Z')))).toBe('2025-01-15T02:00:00.000Z');
    expect(iso(windowStart(w, Z('2025-01-15T01:59:59Z')))).toBe('2025-01-14T02:00:00.000Z');
    expect(iso(windowStart(w, Z('2025-01-15T02:00:00Z')))).toBe('2025-01-15T02:00:00.000Z');
    expect(iso(nextReset(w, Z('2025-01-15T02:00:00Z')))).toBe('2025-01-16T02:00:00.000Z');
  });

  it('Gemini: midnight America/Los_Angeles across the US change', () => {
    const w = daily(0, 'America/Los_Angeles');
    expect(resets(w, Z('2025-03-08T12:00:00Z'), 2)).toEqual([
      '2025-03-09T08:00:00.000Z',
      '2025-03-10T07:00:00.000Z',
    ]);
  });
});

describe('weekly and monthly windows', () => {
  it('weekly Monday 09:00 Europe/Berlin across spring-forward: a 167 h week', () => {
    const w: QuotaWindow = {
      id: 'w',
      kind: 'weekly',
      weekday: 1,
      hour: 9,
      timeZone: 'Europe/Berlin',
      unit: 'requests',
      limit: 1,
    };
    const now = Z('2025-03-28T12:00:00Z'); // Friday
    expect(iso(windowStart(w, now))).toBe('2025-03-24T08:00:00.000Z');
    expect(iso(nextReset(w, now))).toBe('2025-03-31T07:00:00.000Z');
    expect(nextReset(w, now) - windowStart(w, now)).toBe(167 * 3_600_000);
    // On the Monday itself, before and at 09:00.
    expect(iso(nextReset(w, Z('2025-03-31T06:59:59Z')))).toBe('2025-03-31T07:00:00.000Z');
    expect(iso(windowStart(w, Z('2025-03-31T07:00:00Z')))).toBe('2025-03-31T07:00:00.000Z');
    expect(iso(nextReset(w, Z('2025-03-31T07:00:00Z')))).toBe('2025-04-07T07:00:00.000Z');
  });

  it('weekly Sunday 00:00 America/New_York over fall-back: a 169 h week', () => {
    const w: QuotaWindow = {
      id: 'w',
      kind: 'weekly',
      weekday: 0,
      hour: 0,
      timeZone: 'America/New_York',
      unit: 'tokens',
      limit: 1,
    };
    const start = windowStart(w, Z('2025-11-05T12:00:00Z'));
    expect(iso(start)).toBe('2025-11-02T04:00:00.000Z');
    expect(iso(windowStart(w, Z('2025-11-01T12:00:00Z')))).toBe('2025-10-26T04:00:00.000Z');
    expect(start - windowStart(w, Z('2025-11-01T12:00:00Z'))).toBe(168 * 3_600_000);
    expect(nextReset(w, Z('2025-11-05T12:00:00Z')) - start).toBe(169 * 3_600_000);
  });

  it('monthly on day 31 clamps to short months; hour and zone apply', () => {
    const w: QuotaWindow = {
      id: 'm',
      kind: 'monthly',
      day: 31,
      hour: 0,
      timeZone: 'UTC',
      unit: 'requests',
      limit: 1,
    };
    expect(resets(w, Z('2025-01-15T00:00:00Z'), 4)).toEqual([
      '2025-01-31T00:00:00.000Z',
      '2025-02-28T00:00:00.000Z',
      '2025-03-31T00:00:00.000Z',
      '2025-04-30T00:00:00.000Z',
    ]);
    expect(iso(windowStart(w, Z('2025-03-01T00:00:00Z')))).toBe('2025-02-28T00:00:00.000Z');
  });

  it('monthly on the 1st at 00:00 Europe/Berlin, month of the spring change', () => {
    const w: QuotaWindow = {
      id: 'm',
      kind: 'monthly',
      day: 1,
      hour: 0,
      timeZone: 'Europe/Berlin',
      unit: 'requests',
      limit: 1,
    };
    expect(iso(windowStart(w, Z('2025-03-15T00:00:00Z')))).toBe('2025-02-28T23:00:00.000Z');
    expect(iso(nextReset(w, Z('2025-03-15T00:00:00Z')))).toBe('2025-03-31T22:00:00.000Z');
    // 1 Jan 00:30 Berlin is still 31 Dec in UTC: the new year's period has begun.
    expect(iso(windowStart(w, Z('2024-12-31T23:30:00Z')))).toBe('2024-12-31T23:00:00.000Z');
  });

  it('rolling windows', () => {
    const w: QuotaWindow = {
      id: '5h',
      kind: 'rolling',
      durationMs: 5 * 3_600_000,
      unit: 'requests',
      limit: 45,
    };
    expect(windowStart(w, 10 * 3_600_000)).toBe(5 * 3_600_000);
    expect(nextReset(w, 10 * 3_600_000)).toBe(15 * 3_600_000);
    expect(describeWindow(w)).toBe('45 requests per rolling 5 h');
    expect(
      describeWindow({
        id: 'd',
        kind: 'daily',
        hour: 10,
        timeZone: 'Asia/Shanghai',
        unit: 'requests',
        limit: 600,
      }),
    ).toBe('600 requests per day, resets 10:00 Asia/Shanghai');
  });
});
