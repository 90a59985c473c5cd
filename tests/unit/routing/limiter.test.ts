import { describe, expect, it } from 'vitest';
import { Limiter } from '../../../core/routing/limiter.js';
import { fakeClock } from './fake-clock.js';

describe('limiter', () => {
  it('requests per sliding minute', () => {
    const clock = fakeClock(0);
    const limiter = new Limiter({ now: clock.now });
    const limits = { rpm: 3 };
    for (const t of [0, 10_000, 20_000]) {
      clock.set(t);
      expect(limiter.tryAcquire('c', limits).ok).toBe(true);
    }
    clock.set(30_000);
    expect(limiter.tryAcquire('c', limits)).toEqual({ ok: false, retryInMs: 30_000, reason: 'rpm' });
    clock.set(59_999);
    expect(limiter.tryAcquire('c', limits)).toMatchObject({ ok: false, retryInMs: 1 });
    clock.set(60_000); // the start at 0 has left the window
    expect(limiter.tryAcquire('c', limits).ok).toBe(true);
    expect(limiter.tryAcquire('c', limits)).toMatchObject({ ok: false, retryInMs: 10_000 });
  });

  it('a refused attempt does not count', () => {
    const clock = fakeClock(0);
    const limiter = new Limiter({ now: clock.now });
    expect(limiter.tryAcquire('c', { rpm: 1 }).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect(limiter.tryAcquire('c', { rpm: 1 }).ok).toBe(false);
    clock.set(60_000);
    expect(limiter.tryAcquire('c', { rpm: 1 }).ok).toBe(true);
  });

  it('minimum gap between starts', () => {
    const clock = fakeClock(0);
    const limiter = new Limiter({ now: clock.now });
    expect(limiter.tryAcquire('c', { minGapMs: 500 }).ok).toBe(true);
    clock.advance(200);
    expect(limiter.tryAcquire('c', { minGapMs: 500 })).toEqual({ ok: false, retryInMs: 300, reason: 'gap' });
    clock.advance(300);
    expect(limiter.tryAcquire('c', { minGapMs: 500 }).ok).toBe(true);
  });

  it('max concurrency, released once even if release is called twice', () => {
    const clock = fakeClock(0);
    const limiter = new Limiter({ now: clock.now, concurrencyRetryMs: 100 });
    const a = limiter.tryAcquire('c', { maxConcurrent: 2 });
    const b = limiter.tryAcquire('c', { maxConcurrent: 2 });
    expect(a.ok && b.ok).toBe(true);
    expect(limiter.tryAcquire('c', { maxConcurrent: 2 })).toEqual({
      ok: false,
      retryInMs: 100,
      reason: 'concurrency',
    });
    if (!a.ok) throw new Error('unreachable');
    a.release();
    a.release();
    expect(limiter.snapshot()).toEqual([{ key: 'c', inFlight: 1, lastMinute: 2 }]);
    const c = limiter.tryAcquire('c', { maxConcurrent: 2 });
    expect(c.ok).toBe(true);
    expect(limiter.tryAcquire('c', { maxConcurrent: 2 }).ok).toBe(false);
  });

  it('keys are independent and limits apply per call', () => {
    const clock = fakeClock(0);
    const limiter = new Limiter({ now: clock.now });
    expect(limiter.tryAcquire('a', { rpm: 1 }).ok).toBe(true);
    expect(limiter.tryAcquire('b', { rpm: 1 }).ok).toBe(true);
    expect(limiter.tryAcquire('a', { rpm: 1 }).ok).toBe(false);
    expect(limiter.tryAcquire('a', { rpm: 2 }).ok).toBe(true); // raised in the config
    expect(limiter.tryAcquire('a', {}).ok).toBe(true); // no limits at all
  });

  it('stays exact over a long run (amortised compaction)', () => {
    const clock = fakeClock(0);
    const limiter = new Limiter({ now: clock.now });
    let admitted = 0;
    // One attempt every 100 ms for 10 minutes at 60 rpm: exactly 60 per minute get through.
    for (let t = 0; t < 600_000; t += 100) {
      clock.set(t);
      const r = limiter.tryAcquire('c', { rpm: 60 });
      if (r.ok) {
        admitted++;
        r.release();
      }
    }
    expect(admitted).toBe(600);
    expect(limiter.snapshot()[0]!.lastMinute).toBe(60);
  });
});
