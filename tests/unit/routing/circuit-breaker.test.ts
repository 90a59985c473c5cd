import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerTransition } from '../../../core/routing/circuit-breaker.js';
import { fakeClock } from './fake-clock.js';

const neutral = () => 0.5; // jitter factor exactly 1

function setup(opts: ConstructorParameters<typeof CircuitBreaker>[0] = {}) {
  const clock = fakeClock(1_000_000);
  const breaker = new CircuitBreaker({ now: clock.now, random: neutral, ...opts });
  const transitions: BreakerTransition[] = [];
  breaker.onChange((t) => transitions.push(t));
  return { clock, breaker, transitions };
}

describe('circuit breaker', () => {
  it('opens after 5 consecutive failures, not 4', () => {
    const { breaker, transitions } = setup();
    for (let i = 0; i < 4; i++) breaker.onFailure('p');
    expect(breaker.state('p')).toBe('closed');
    expect(breaker.canPass('p')).toBe(true);
    breaker.onFailure('p');
    expect(breaker.state('p')).toBe('open');
    expect(breaker.canPass('p')).toBe(false);
    expect(transitions).toEqual([
      { key: 'p', from: 'closed', to: 'open', at: 1_000_000, retryAt: 1_030_000 },
    ]);
  });

  it('a success resets the consecutive count', () => {
    const { breaker } = setup();
    for (let i = 0; i < 4; i++) breaker.onFailure('p');
    breaker.onSuccess('p');
    for (let i = 0; i < 4; i++) breaker.onFailure('p');
    expect(breaker.state('p')).toBe('closed');
  });

  it('opens on a failure ratio over the window once enough requests were seen', () => {
    const { breaker } = setup({
      failureThreshold: 100,
      failureRatio: 0.5,
      minRequests: 10,
      windowMs: 60_000,
    });
    // Alternate: never 2 failures in a row, but 50 % fail.
    for (let i = 0; i < 4; i++) {
      breaker.onSuccess('p');
      breaker.onFailure('p');
    }
    expect(breaker.state('p')).toBe('closed'); // 8 samples < minRequests
    breaker.onSuccess('p');
    breaker.onFailure('p');
    expect(breaker.state('p')).toBe('open');
  });

  it('forgets outcomes older than the window', () => {
    const { clock, breaker } = setup({
      failureThreshold: 100,
      failureRatio: 0.5,
      minRequests: 10,
      windowMs: 60_000,
    });
    for (let i = 0; i < 9; i++) breaker.onFailure('p');
    clock.advance(66_000); // the window is kept in tenths: 60 s + one 6 s bucket
    for (let i = 0; i < 9; i++) breaker.onSuccess('p');
    breaker.onFailure('p'); // 1 of 10 in the window
    expect(breaker.state('p')).toBe('closed');
  });

  it('half-opens after the cool-down, closes on a successful probe', () => {
    const { clock, breaker, transitions } = setup();
    for (let i = 0; i < 5; i++) breaker.onFailure('p');
    clock.advance(29_999);
    expect(breaker.canPass('p')).toBe(false);
    clock.advance(1);
    expect(breaker.state('p')).toBe('half-open');
    expect(breaker.canPass('p')).toBe(true);
    breaker.onSuccess('p');
    expect(breaker.state('p')).toBe('closed');
    expect(transitions.map((t) => `${t.from}->${t.to}`)).toEqual([
      'closed->open',
      'open->half-open',
      'half-open->closed',
    ]);
    // Closed again: the count starts over.
    for (let i = 0; i < 4; i++) breaker.onFailure('p');
    expect(breaker.state('p')).toBe('closed');
  });

  it('re-opens on a failed probe with a doubled cool-down, capped', () => {
    const { clock, breaker, transitions } = setup({ coolDownMs: 30_000, maxCoolDownMs: 100_000 });
    for (let i = 0; i < 5; i++) breaker.onFailure('p');
    const cooldowns = [30_000];
    for (const expected of [60_000, 100_000, 100_000]) {
      clock.advance(cooldowns[cooldowns.length - 1]!);
      expect(breaker.canPass('p')).toBe(true);
      breaker.onFailure('p');
      expect(breaker.state('p')).toBe('open');
      const last = transitions[transitions.length - 1]!;
      expect(last.retryAt! - last.at).toBe(expected);
      cooldowns.push(expected);
    }
    expect(breaker.snapshot()[0]).toMatchObject({ key: 'p', state: 'open', opens: 4 });
    // A close resets the escalation.
    clock.advance(100_000);
    breaker.canPass('p');
    breaker.onSuccess('p');
    for (let i = 0; i < 5; i++) breaker.onFailure('p');
    const last = transitions[transitions.length - 1]!;
    expect(last.retryAt! - last.at).toBe(30_000);
  });

  it('jitters the cool-down within ±20 %', () => {
    const low = setup({ random: () => 0 });
    for (let i = 0; i < 5; i++) low.breaker.onFailure('p');
    expect(low.transitions[0]!.retryAt! - low.transitions[0]!.at).toBe(24_000);
    const high = setup({ random: () => 0.999999 });
    for (let i = 0; i < 5; i++) high.breaker.onFailure('p');
    expect(high.transitions[0]!.retryAt! - high.transitions[0]!.at).toBe(36_000);
  });

  it('limits concurrent probes while half-open', () => {
    const { clock, breaker } = setup({ halfOpenProbes: 2 });
    for (let i = 0; i < 5; i++) breaker.onFailure('p');
    clock.advance(30_000);
    const admitted = Array.from({ length: 10 }, () => breaker.canPass('p')).filter(Boolean).length;
    expect(admitted).toBe(2);
    expect(breaker.snapshot()[0]!.probesInFlight).toBe(2);
  });

  it('frees a probe slot that never reported after probeTimeoutMs', () => {
    const { clock, breaker } = setup({ probeTimeoutMs: 10_000 });
    for (let i = 0; i < 5; i++) breaker.onFailure('p');
    clock.advance(30_000);
    expect(breaker.canPass('p')).toBe(true);
    expect(breaker.canPass('p')).toBe(false);
    clock.advance(10_000);
    expect(breaker.canPass('p')).toBe(true);
  });

  it('ignores late results while open', () => {
    const { breaker } = setup();
    for (let i = 0; i < 5; i++) breaker.onFailure('p');
    breaker.onSuccess('p');
    breaker.onFailure('p');
    expect(breaker.state('p')).toBe('open');
    expect(breaker.snapshot()[0]!.opens).toBe(1);
  });

  it('keeps keys independent; reset closes and notifies', () => {
    const { breaker, transitions } = setup();
    for (let i = 0; i < 5; i++) breaker.onFailure('conn-a');
    expect(breaker.state('conn-b')).toBe('closed');
    expect(breaker.canPass('conn-b')).toBe(true);
    breaker.reset('conn-a');
    expect(breaker.state('conn-a')).toBe('closed');
    expect(transitions.at(-1)).toMatchObject({ key: 'conn-a', from: 'open', to: 'closed' });
  });

  it('a throwing listener does not break the breaker', () => {
    const { breaker } = setup();
    breaker.onChange(() => {
      throw new Error('tray bug');
    });
    for (let i = 0; i < 5; i++) breaker.onFailure('p');
    expect(breaker.state('p')).toBe('open');
  });
});
