// The dashboard's formatting helpers used by budgets, backups and the export file name.
import { describe, expect, it } from 'vitest';
import { fmtBytes, fmtCountdown, isoDate, spendLevel } from '../../../renderer/src/lib/format.js';

describe('dashboard formatting', () => {
  it('budget bars: warn from 80 %, over at 100 %, a zero limit is over', () => {
    expect(spendLevel(0, 10)).toEqual({ pct: 0, level: 'ok' });
    expect(spendLevel(7.99, 10).level).toBe('ok');
    expect(spendLevel(8, 10).level).toBe('warn');
    expect(spendLevel(10, 10).level).toBe('over');
    expect(spendLevel(12, 10)).toEqual({ pct: 120, level: 'over' });
    expect(spendLevel(0, 0).level).toBe('over');
  });

  it('countdowns show days past 24 h', () => {
    expect(fmtCountdown(3661, 'en')).toBe('1:01:01');
    expect(fmtCountdown(2 * 86400 + 3661, 'en')).toBe('2d 1:01:01');
    expect(fmtCountdown(-5, 'en')).toBe('0:00:00');
  });

  it('sizes and file dates', () => {
    expect(fmtBytes(512, 'en')).toBe('512B');
    expect(fmtBytes(1536, 'en')).toBe('1.5 kB');
    expect(fmtBytes(5 * 1024 * 1024, 'en')).toBe('5 MB');
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
