import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffMs } from '../../../core/routing/backoff.js';
import { seededRandom } from '../../../core/routing/clock.js';

const opts = { baseMs: 100, maxMs: 5_000 };

describe('backoff', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 2000].map((a) => backoffCeiling(a, opts))).toEqual([
      100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000,
    ]);
  });

  it('draws uniformly in [0, ceiling) (full jitter)', () => {
    expect(backoffMs(3, opts, () => 0)).toBe(0);
    expect(backoffMs(3, opts, () => 0.5)).toBe(400);
    expect(backoffMs(3, opts, () => 0.999999)).toBe(799);
    const random = seededRandom(1);
    for (let attempt = 0; attempt < 20; attempt++) {
      for (let i = 0; i < 200; i++) {
        const d = backoffMs(attempt, opts, random);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(backoffCeiling(attempt, opts));
        expect(Number.isInteger(d)).toBe(true);
      }
    }
  });

  it('treats negative or invalid attempts as the first', () => {
    expect(backoffCeiling(-3, opts)).toBe(100);
    expect(backoffCeiling(Number.NaN, opts)).toBe(100);
  });
});
