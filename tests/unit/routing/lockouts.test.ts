import { describe, expect, it } from 'vitest';
import { lockKey, Lockouts, type LockoutEvent } from '../../../core/routing/lockouts.js';
import { parseRateLimit } from '../../../core/routing/rate-limit-headers.js';
import { fakeClock } from './fake-clock.js';

describe('lockouts', () => {
  it('locks until the instant and clears itself on read', () => {
    const clock = fakeClock(1000);
    const locks = new Lockouts({ now: clock.now });
    const events: LockoutEvent[] = [];
    locks.onChange((e) => events.push(e));
    locks.lock('conn1', 61_000, '429');
    expect(locks.isLocked('conn1')).toBe(true);
    expect(locks.snapshot()).toEqual([
      { key: 'conn1', until: 61_000, reason: '429', since: 1000, remainingMs: 60_000 },
    ]);
    clock.set(60_999);
    expect(locks.isLocked('conn1')).toBe(true);
    expect(locks.snapshot()[0]!.remainingMs).toBe(1);
    clock.set(61_000);
    expect(locks.isLocked('conn1')).toBe(false);
    expect(locks.snapshot()).toEqual([]);
    expect(events).toEqual([
      { key: 'conn1', locked: true, until: 61_000, reason: '429', at: 1000 },
      { key: 'conn1', locked: false, at: 61_000 },
    ]);
  });

  it("a provider's reset instant replaces a longer stale cool-down", () => {
    const clock = fakeClock(0);
    const locks = new Lockouts({ now: clock.now });
    locks.lock('c', 3_600_000, 'guessed cool-down after a bare 429');
    const info = parseRateLimit({ headers: { 'retry-after': '30' } }, clock.now());
    locks.lock('c', info.lockUntil!, info.reason!);
    expect(locks.lockedUntil('c')).toBe(30_000);
    clock.set(30_000);
    expect(locks.isLocked('c')).toBe(false);
  });

  it('extendOnly never shortens', () => {
    const clock = fakeClock(0);
    const locks = new Lockouts({ now: clock.now });
    locks.lock('c', 50_000, 'reset header');
    locks.lock('c', 10_000, 'backoff guess', { extendOnly: true });
    expect(locks.lockedUntil('c')).toBe(50_000);
    locks.lock('c', 90_000, 'backoff guess', { extendOnly: true });
    expect(locks.lockedUntil('c')).toBe(90_000);
  });

  it('a reset instant already past clears the lock', () => {
    const clock = fakeClock(100_000);
    const locks = new Lockouts({ now: clock.now });
    locks.lock('c', 200_000, 'x');
    locks.lock('c', 99_000, 'quota reset');
    expect(locks.isLocked('c')).toBe(false);
  });

  it('per connection+model locks do not block other models; unlockConnection clears all', () => {
    const clock = fakeClock(0);
    const locks = new Lockouts({ now: clock.now });
    locks.lock(lockKey('c1', 'gemini-2.5-pro'), 10_000, 'per-model quota');
    expect(locks.isAttemptLocked('c1', 'gemini-2.5-pro')).toBe(true);
    expect(locks.isAttemptLocked('c1', 'gemini-2.5-flash')).toBe(false);
    expect(locks.isAttemptLocked('c1')).toBe(false);
    locks.lock('c1', 5_000, 'account');
    expect(locks.isAttemptLocked('c1', 'gemini-2.5-flash')).toBe(true);
    locks.lock('c10', 5_000, 'other account, same prefix');
    expect(locks.unlockConnection('c1')).toBe(2);
    expect(locks.isAttemptLocked('c1', 'gemini-2.5-pro')).toBe(false);
    expect(locks.isLocked('c10')).toBe(true);
  });

  it('snapshot lists soonest first and drops expired ones', () => {
    const clock = fakeClock(0);
    const locks = new Lockouts({ now: clock.now });
    locks.lock('b', 20_000, 'r');
    locks.lock('a', 10_000, 'r');
    locks.lock('z', 1_000, 'r');
    clock.set(1_000);
    expect(locks.snapshot().map((s) => [s.key, s.remainingMs])).toEqual([
      ['a', 9_000],
      ['b', 19_000],
    ]);
  });
});
