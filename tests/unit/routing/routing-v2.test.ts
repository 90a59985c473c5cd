import { describe, expect, it } from 'vitest';
import { Budgets } from '../../../core/routing/budgets.js';
import { CircuitBreaker } from '../../../core/routing/circuit-breaker.js';
import { Limiter } from '../../../core/routing/limiter.js';
import { PriceTable } from '../../../core/routing/pricing.js';
import { formatUsd } from '../../../core/util/format-usd.js';
import { seededRandom } from '../../../core/routing/clock.js';
import { selectOrder, StrategyState } from '../../../core/routing/strategies.js';
import { fakeClock } from './fake-clock.js';

// The small additions the router needs from the pure modules: live breaker options, taking a
// limiter start back, budget period bounds, replacing price overrides, un-counting least-used.

describe('circuit breaker: options changed at run time', () => {
  it('a lower threshold applies to the next failure; the cool-down to the next open', () => {
    const clock = fakeClock(0);
    const b = new CircuitBreaker({ now: clock.now, failureThreshold: 5, coolDownMs: 10_000, jitter: 0 });
    b.onFailure('k');
    b.onFailure('k');
    expect(b.state('k')).toBe('closed');
    expect(b.consecutiveFailures('k')).toBe(2);
    b.setOptions({ failureThreshold: 3, coolDownMs: 500 });
    b.onFailure('k');
    expect(b.state('k')).toBe('open');
    expect(b.snapshot()[0]!.retryAt).toBe(500);
    clock.set(500);
    expect(b.state('k')).toBe('half-open');
  });

  it('undefined fields keep their value; consecutiveFailures is 0 for unknown keys and after a success', () => {
    const b = new CircuitBreaker({ failureThreshold: 2 });
    b.setOptions({ failureThreshold: undefined, coolDownMs: 1000 });
    b.onFailure('k');
    expect(b.state('k')).toBe('closed');
    b.onSuccess('k');
    expect(b.consecutiveFailures('k')).toBe(0);
    expect(b.consecutiveFailures('nobody')).toBe(0);
    b.onFailure('k');
    b.onFailure('k');
    expect(b.state('k')).toBe('open');
  });
});

describe('limiter: cancel', () => {
  it('takes the start back: counts towards neither rpm nor the gap, and frees the slot', () => {
    const clock = fakeClock(0);
    const limiter = new Limiter({ now: clock.now });
    const limits = { rpm: 1, minGapMs: 1000, maxConcurrent: 1 };
    const a = limiter.tryAcquire('c', limits);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    a.cancel();
    expect(limiter.snapshot()).toEqual([{ key: 'c', inFlight: 0, lastMinute: 0 }]);
    const b = limiter.tryAcquire('c', limits);
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    b.release();
    b.cancel(); // after release: a no-op, the start stays counted
    expect(limiter.snapshot()).toEqual([{ key: 'c', inFlight: 0, lastMinute: 1 }]);
    expect(limiter.tryAcquire('c', limits)).toMatchObject({ ok: false, reason: 'rpm' });
  });

  it('cancel after an earlier start restores the gap to that start; release twice frees once', () => {
    const clock = fakeClock(0);
    const limiter = new Limiter({ now: clock.now });
    const first = limiter.tryAcquire('c', { minGapMs: 100, maxConcurrent: 2 });
    clock.set(200);
    const second = limiter.tryAcquire('c', { minGapMs: 100, maxConcurrent: 2 });
    if (!first.ok || !second.ok) throw new Error('expected both to pass');
    second.cancel();
    clock.set(250);
    // The gap counts from the start at 0 again, not from the cancelled one at 200.
    expect(limiter.tryAcquire('c', { minGapMs: 100, maxConcurrent: 2 }).ok).toBe(true);
    first.release();
    first.release();
    expect(limiter.snapshot()[0]!.inFlight).toBe(1);
  });
});

describe('budgets: period bounds', () => {
  it('gives the current day, week (Monday) and month in the calendar zone', () => {
    const clock = fakeClock(Date.parse('2025-01-15T10:00:00Z')); // a Wednesday
    const b = new Budgets({ now: clock.now, calendar: { timeZone: 'Asia/Tokyo' } });
    expect(b.periodBounds('daily')).toEqual({
      start: Date.parse('2025-01-14T15:00:00Z'),
      end: Date.parse('2025-01-15T15:00:00Z'),
    });
    expect(b.periodBounds('weekly').start).toBe(Date.parse('2025-01-12T15:00:00Z'));
    expect(b.periodBounds('monthly')).toEqual({
      start: Date.parse('2024-12-31T15:00:00Z'),
      end: Date.parse('2025-01-31T15:00:00Z'),
    });
    // Spend of a scope without any limit is still tracked per period.
    b.record('provider:x', 2);
    expect(b.periodSpend('provider:x', 'weekly')).toEqual({
      spentUsd: 2,
      periodStart: Date.parse('2025-01-12T15:00:00Z'),
      resetsAt: Date.parse('2025-01-19T15:00:00Z'),
    });
    clock.set(Date.parse('2025-01-15T15:00:00Z'));
    expect(b.periodSpend('provider:x', 'daily').spentUsd).toBe(0);
    expect(b.periodSpend('provider:x', 'monthly').spentUsd).toBe(2);
  });
});

describe('price table: replaceOverrides', () => {
  it('replaces every override at once and forgets memoised costs', () => {
    const t = new PriceTable();
    const usage = { inputTokens: 1_000_000, outputTokens: 0 };
    expect(t.costUsd('gpt-4.1-mini', usage)).toBeCloseTo(0.4);
    t.replaceOverrides({ 'gpt-4.1-mini': { input: 1, output: 1 }, 'x*': { input: 2, output: 2 } });
    expect(t.costUsd('gpt-4.1-mini', usage)).toBe(1);
    expect(t.costUsd('x1', usage)).toBe(2);
    t.replaceOverrides({ 'acme/gpt-4.1-mini': { input: 3, output: 3 } });
    expect(t.costUsd('gpt-4.1-mini', usage, 'acme')).toBe(3);
    expect(t.costUsd('gpt-4.1-mini', usage, 'other')).toBeCloseTo(0.4);
    expect(t.costUsd('x1', usage)).toBeUndefined();
    expect(() => t.replaceOverrides({ bad: { input: -1, output: 0 } })).toThrow(/non-negative/);
    // A refused table leaves the previous one in force.
    expect(t.costUsd('gpt-4.1-mini', usage, 'acme')).toBe(3);
  });
});

describe('strategy state: uncount', () => {
  it('gives back a least-used count; never below 0', () => {
    const state = new StrategyState();
    const cands = ['a', 'b'].map((key) => ({ key, healthy: true, inFlight: 0 }));
    expect(selectOrder('least-used', cands, state, { scope: 's' })[0]!.key).toBe('a');
    state.uncount('s', 'a');
    expect(state.servedCounts('s')).toEqual({ a: 0 });
    state.uncount('s', 'a');
    state.uncount('nowhere', 'a');
    expect(state.servedCounts('s')).toEqual({ a: 0 });
    // Given back, "a" leads again.
    expect(selectOrder('least-used', cands, state, { scope: 's' })[0]!.key).toBe('a');
  });
});

describe('power-of-two: unknown latency', () => {
  it('is no evidence either way: a candidate without samples still leads some draws', () => {
    const state = new StrategyState();
    const random = seededRandom(7);
    const cands = [
      { key: 'measured', healthy: true, inFlight: 0, latencyMs: 100 },
      { key: 'new', healthy: true, inFlight: 0 },
    ];
    const leads = Array.from(
      { length: 200 },
      () => selectOrder('power-of-two', cands, state, { scope: 's', random })[0]!.key,
    );
    const n = leads.filter((k) => k === 'new').length;
    expect(n).toBeGreaterThan(60);
    expect(n).toBeLessThan(140);
    // Known latencies still decide.
    const both = [cands[0]!, { ...cands[1]!, latencyMs: 50 }];
    expect(selectOrder('power-of-two', both, state, { scope: 's', random })[0]!.key).toBe('new');
  });
});

describe('formatUsd', () => {
  it('keeps tiny amounts readable', () => {
    expect(formatUsd(5)).toBe('$5.00');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.000587)).toBe('$0.00059');
    expect(formatUsd(0.0123)).toBe('$0.01');
  });
});
