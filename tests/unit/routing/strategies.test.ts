import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../core/routing/clock.js';
import { selectOrder, StrategyState, type Candidate } from '../../../core/routing/strategies.js';

const c = (key: string, extra: Partial<Candidate> = {}): Candidate => ({
  key,
  healthy: true,
  inFlight: 0,
  ...extra,
});
const keys = (xs: Candidate[]) => xs.map((x) => x.key);

/** Head (first choice) counts over `n` requests. */
function heads(n: number, run: () => Candidate[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const k = run()[0]!.key;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('fill-first', () => {
  it('orders by priority, then original order, unhealthy last', () => {
    const state = new StrategyState();
    const order = selectOrder(
      'fill-first',
      [
        c('a', { priority: 2 }),
        c('b', { priority: 1 }),
        c('c', { priority: 1 }),
        c('d', { priority: 0, healthy: false }),
        c('e'),
      ],
      state,
      { scope: 's' },
    );
    expect(keys(order)).toEqual(['e', 'b', 'c', 'a', 'd']);
  });

  it('is stable across 3000 requests', () => {
    const state = new StrategyState();
    const list = [c('x'), c('y'), c('z')];
    expect(heads(3000, () => selectOrder('fill-first', list, state, { scope: 's' }))).toEqual({ x: 3000 });
  });
});

describe('round-robin', () => {
  it('stays on a candidate for 3 requests, then rotates', () => {
    const state = new StrategyState();
    const list = [c('a'), c('b'), c('c')];
    const seq = Array.from(
      { length: 12 },
      () => selectOrder('round-robin', list, state, { scope: 's' })[0]!.key,
    );
    expect(seq.join('')).toBe('aaabbbcccaaa');
    // The full order is the rotation, so fallbacks continue in the same cycle.
    expect(keys(selectOrder('round-robin', list, state, { scope: 's' }))).toEqual(['b', 'c', 'a']);
  });

  it('rotates evenly over 3000 requests with a configurable stickiness', () => {
    const state = new StrategyState();
    const list = [c('a'), c('b'), c('c'), c('d')];
    const counts = heads(3000, () => selectOrder('round-robin', list, state, { scope: 's', stickyFor: 5 }));
    expect(counts).toEqual({ a: 750, b: 750, c: 750, d: 750 });
    const seq: string[] = [];
    const fresh = new StrategyState();
    for (let i = 0; i < 10; i++)
      seq.push(selectOrder('round-robin', list, fresh, { scope: 's', stickyFor: 5 })[0]!.key);
    expect(seq.join('')).toBe('aaaaabbbbb');
  });

  it('keeps separate positions per scope', () => {
    const state = new StrategyState();
    const list = [c('a'), c('b')];
    for (let i = 0; i < 3; i++) selectOrder('round-robin', list, state, { scope: 'one' });
    expect(selectOrder('round-robin', list, state, { scope: 'one' })[0]!.key).toBe('b');
    expect(selectOrder('round-robin', list, state, { scope: 'two' })[0]!.key).toBe('a');
  });

  it('skips an unhealthy candidate at once and puts it last', () => {
    const state = new StrategyState();
    const healthy = [c('a'), c('b'), c('c')];
    selectOrder('round-robin', healthy, state, { scope: 's' }); // a, count 1
    const aDown = [c('a', { healthy: false }), c('b'), c('c')];
    const order = selectOrder('round-robin', aDown, state, { scope: 's' });
    expect(keys(order)).toEqual(['b', 'c', 'a']);
    // b is now sticky for its 3 requests.
    expect(selectOrder('round-robin', aDown, state, { scope: 's' })[0]!.key).toBe('b');
    expect(selectOrder('round-robin', aDown, state, { scope: 's' })[0]!.key).toBe('b');
    expect(selectOrder('round-robin', aDown, state, { scope: 's' })[0]!.key).toBe('c');
    // Over many requests the unhealthy one is never first.
    const counts = heads(3000, () => selectOrder('round-robin', aDown, state, { scope: 's' }));
    expect(counts.a).toBeUndefined();
    expect(Math.abs(counts.b! - counts.c!)).toBeLessThanOrEqual(3);
  });

  it('follows the sticky candidate by key when the list changes', () => {
    const state = new StrategyState();
    selectOrder('round-robin', [c('a'), c('b'), c('c')], state, { scope: 's' });
    selectOrder('round-robin', [c('a'), c('b'), c('c')], state, { scope: 's' });
    // A new account appears in front: "a" keeps its third request.
    expect(selectOrder('round-robin', [c('z'), c('a'), c('b'), c('c')], state, { scope: 's' })[0]!.key).toBe(
      'a',
    );
    expect(selectOrder('round-robin', [c('z'), c('a'), c('b'), c('c')], state, { scope: 's' })[0]!.key).toBe(
      'b',
    );
  });
});

describe('power-of-two', () => {
  it('never puts the unhealthy account first over 3000 requests', () => {
    const state = new StrategyState();
    const random = seededRandom(42);
    const list = [c('a'), c('b', { healthy: false }), c('c'), c('d')];
    const counts = heads(3000, () => selectOrder('power-of-two', list, state, { scope: 's', random }));
    expect(counts.b).toBeUndefined();
    expect(counts.a! + counts.c! + counts.d!).toBe(3000);
    // With equal load it spreads: each healthy account leads roughly a third of the time.
    for (const k of ['a', 'c', 'd']) expect(counts[k]!).toBeGreaterThan(800);
  });

  it('prefers fewer in flight, then fewer failures, then lower latency', () => {
    const state = new StrategyState();
    const random = seededRandom(7);
    // With two candidates both are always sampled: the healthier must always lead.
    for (let i = 0; i < 200; i++) {
      expect(
        selectOrder('power-of-two', [c('busy', { inFlight: 5 }), c('idle', { inFlight: 1 })], state, {
          scope: 's',
          random,
        })[0]!.key,
      ).toBe('idle');
      expect(
        selectOrder(
          'power-of-two',
          [c('flaky', { recentFailures: 3 }), c('ok', { recentFailures: 0 })],
          state,
          { scope: 's', random },
        )[0]!.key,
      ).toBe('ok');
      expect(
        selectOrder('power-of-two', [c('slow', { latencyMs: 900 }), c('fast', { latencyMs: 100 })], state, {
          scope: 's',
          random,
        })[0]!.key,
      ).toBe('fast');
    }
  });

  it('never leads with the most loaded of three (it loses every pair it is in)', () => {
    const state = new StrategyState();
    const random = seededRandom(3);
    const list = [c('a', { inFlight: 1 }), c('b', { inFlight: 2 }), c('hot', { inFlight: 50 })];
    const counts = heads(3000, () => selectOrder('power-of-two', list, state, { scope: 's', random }));
    expect(counts.hot).toBeUndefined();
    // a wins both pairs it is in (2/3 of draws), b only the pair with hot (1/3).
    expect(counts.a! / 3000).toBeGreaterThan(0.62);
    expect(counts.a! / 3000).toBeLessThan(0.71);
  });

  it('returns every candidate once', () => {
    const order = selectOrder(
      'power-of-two',
      [c('a'), c('b'), c('c'), c('d', { healthy: false })],
      new StrategyState(),
      {
        scope: 's',
        random: seededRandom(1),
      },
    );
    expect([...keys(order)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(order[3]!.key).toBe('d');
  });
});

describe('random', () => {
  it('leads uniformly over 3000 requests, unhealthy last', () => {
    const state = new StrategyState();
    const random = seededRandom(11);
    const list = [c('a'), c('b'), c('c'), c('x', { healthy: false })];
    const counts = heads(3000, () => {
      const o = selectOrder('random', list, state, { scope: 's', random });
      expect(o[3]!.key).toBe('x');
      return o;
    });
    for (const k of ['a', 'b', 'c']) {
      expect(counts[k]!).toBeGreaterThan(900);
      expect(counts[k]!).toBeLessThan(1100);
    }
  });
});

describe('least-used', () => {
  it('keeps counts even (max − min ≤ 1) over 3000 requests', () => {
    const state = new StrategyState();
    const list = [c('a'), c('b'), c('c'), c('d'), c('e'), c('f'), c('g')];
    for (let i = 0; i < 3000; i++) {
      selectOrder('least-used', list, state, { scope: 's' });
      const v = Object.values(state.servedCounts('s'));
      if (v.length === list.length) expect(Math.max(...v) - Math.min(...v)).toBeLessThanOrEqual(1);
    }
    const counts = state.servedCounts('s');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(3000);
    expect(Math.max(...Object.values(counts)) - Math.min(...Object.values(counts))).toBe(1); // 3000 = 7·428 + 4
  });

  it('a newly added account catches up first', () => {
    const state = new StrategyState();
    for (let i = 0; i < 10; i++) selectOrder('least-used', [c('a'), c('b')], state, { scope: 's' });
    const leads = heads(10, () =>
      selectOrder('least-used', [c('a'), c('b'), c('new')], state, { scope: 's' }),
    );
    expect(leads).toEqual({ new: 6, a: 2, b: 2 });
  });

  it('noteServed moves the count to where a fallback really went', () => {
    const state = new StrategyState();
    const order = selectOrder('least-used', [c('a'), c('b')], state, { scope: 's' });
    expect(order[0]!.key).toBe('a');
    state.noteServed('s', 'b', 'a');
    expect(state.servedCounts('s')).toEqual({ a: 0, b: 1 });
    expect(selectOrder('least-used', [c('a'), c('b')], state, { scope: 's' })[0]!.key).toBe('a');
  });
});

describe('cost-optimized', () => {
  it('picks the cheapest available; unknown cost and unhealthy last', () => {
    const state = new StrategyState();
    const list = [
      c('pricey', { costPerMTok: 15 }),
      c('unknown'),
      c('cheapest-but-down', { costPerMTok: 0.1, healthy: false }),
      c('cheap', { costPerMTok: 0.4 }),
      c('mid', { costPerMTok: 3 }),
    ];
    for (let i = 0; i < 3000; i++) {
      expect(keys(selectOrder('cost-optimized', list, state, { scope: 's' }))).toEqual([
        'cheap',
        'mid',
        'pricey',
        'unknown',
        'cheapest-but-down',
      ]);
    }
  });

  it('breaks ties by priority then order', () => {
    const order = selectOrder(
      'cost-optimized',
      [
        c('a', { costPerMTok: 1, priority: 2 }),
        c('b', { costPerMTok: 1, priority: 1 }),
        c('c', { costPerMTok: 1, priority: 1 }),
      ],
      new StrategyState(),
      { scope: 's' },
    );
    expect(keys(order)).toEqual(['b', 'c', 'a']);
  });
});

describe('weighted', () => {
  it('leads in proportion to weight over 3000 requests (±3 points)', () => {
    const state = new StrategyState();
    const random = seededRandom(2024);
    const list = [c('a', { weight: 1 }), c('b', { weight: 2 }), c('c', { weight: 7 })];
    const counts = heads(3000, () => selectOrder('weighted', list, state, { scope: 's', random }));
    expect(counts.a! / 3000).toBeCloseTo(0.1, 1);
    expect(Math.abs(counts.a! / 3000 - 0.1)).toBeLessThan(0.03);
    expect(Math.abs(counts.b! / 3000 - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(counts.c! / 3000 - 0.7)).toBeLessThan(0.03);
  });

  it('defaults weight to 1; zero weight and unhealthy only as fallbacks', () => {
    const state = new StrategyState();
    const random = seededRandom(5);
    const list = [c('a'), c('b'), c('zero', { weight: 0 }), c('down', { weight: 100, healthy: false })];
    const counts = heads(3000, () => {
      const o = selectOrder('weighted', list, state, { scope: 's', random });
      expect(keys(o).slice(2)).toEqual(['zero', 'down']);
      return o;
    });
    expect(Math.abs(counts.a! - counts.b!)).toBeLessThan(200);
    expect(counts.a! + counts.b!).toBe(3000);
  });
});

describe('every strategy', () => {
  it('returns all candidates exactly once with unhealthy ones last', () => {
    const list = [
      c('u1', { healthy: false, priority: 1 }),
      c('a', { costPerMTok: 2 }),
      c('u0', { healthy: false }),
      c('b', { costPerMTok: 1 }),
    ];
    for (const s of [
      'fill-first',
      'round-robin',
      'power-of-two',
      'random',
      'least-used',
      'cost-optimized',
      'weighted',
    ] as const) {
      const order = keys(selectOrder(s, list, new StrategyState(), { scope: 'x', random: seededRandom(9) }));
      expect(order.slice(2), s).toEqual(['u0', 'u1']);
      expect([...order.slice(0, 2)].sort(), s).toEqual(['a', 'b']);
    }
  });

  it('handles empty and single lists', () => {
    const state = new StrategyState();
    for (const s of [
      'fill-first',
      'round-robin',
      'power-of-two',
      'random',
      'least-used',
      'cost-optimized',
      'weighted',
    ] as const) {
      expect(selectOrder(s, [], state, { scope: 'e' })).toEqual([]);
      expect(keys(selectOrder(s, [c('only')], state, { scope: 'one' }))).toEqual(['only']);
      expect(keys(selectOrder(s, [c('down', { healthy: false })], state, { scope: 'down' }))).toEqual([
        'down',
      ]);
    }
  });
});
