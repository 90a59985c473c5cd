import { describe, expect, it } from 'vitest';
import { LatencyStats, percentile } from '../../../core/routing/stats.js';
import { fakeClock } from './fake-clock.js';

describe('latency stats', () => {
  it('nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([
      percentile(sorted, 50),
      percentile(sorted, 95),
      percentile(sorted, 99),
      percentile(sorted, 100),
    ]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
    expect(percentile([1, 2, 3], 0)).toBe(1);
  });

  it('p50/p95/p99 per provider, with TTFB only where given', () => {
    const clock = fakeClock(0);
    const s = new LatencyStats({ now: clock.now });
    // 1..1000 shuffled deterministically.
    for (let i = 0; i < 1000; i++)
      s.record('openai', { latencyMs: ((i * 7919) % 1000) + 1, ttfbMs: i % 2 === 0 ? 10 : undefined });
    s.record('anthropic', { latencyMs: 300 });
    expect(s.get('openai')).toEqual({
      key: 'openai',
      latency: { count: 1000, p50: 500, p95: 950, p99: 990 },
      ttfb: { count: 500, p50: 10, p95: 10, p99: 10 },
    });
    expect(s.get('anthropic').ttfb).toEqual({ count: 0, p50: 0, p95: 0, p99: 0 });
    expect(s.snapshot().map((x) => x.key)).toEqual(['anthropic', 'openai']);
  });

  it('keeps only the last `capacity` samples', () => {
    const s = new LatencyStats({ now: () => 0, capacity: 10 });
    for (let i = 0; i < 1000; i++) s.record('p', { latencyMs: 5000 });
    for (let i = 1; i <= 10; i++) s.record('p', { latencyMs: i * 10 });
    expect(s.get('p').latency).toEqual({ count: 10, p50: 50, p95: 100, p99: 100 });
  });

  it('drops samples older than the window', () => {
    const clock = fakeClock(0);
    const s = new LatencyStats({ now: clock.now, windowMs: 60_000 });
    s.record('p', { latencyMs: 9000 });
    clock.set(30_000);
    s.record('p', { latencyMs: 100 });
    clock.set(60_000);
    expect(s.get('p').latency).toEqual({ count: 1, p50: 100, p95: 100, p99: 100 });
  });

  it('ignores invalid samples', () => {
    const s = new LatencyStats({ now: () => 0 });
    s.record('p', { latencyMs: Number.NaN, ttfbMs: -1 });
    s.record('p', { latencyMs: -5 });
    expect(s.get('p').latency.count).toBe(0);
    expect(s.get('p').ttfb.count).toBe(0);
  });
});
