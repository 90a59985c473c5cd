import { describe, expect, it } from 'vitest';
import type { NotificationKind } from '../../../electron/api-types.js';
import { QuotaTracker } from '../../../electron/feeds.js';
import {
  NotificationRules,
  circuitNotice,
  fallbackNotice,
  offlineNotice,
  quotaNotices,
  type Notice,
} from '../../../electron/notification-rules.js';

const n = (kind: NotificationKind, key = 'k'): Notice => ({ kind, key, title: kind, body: '' });
const allOn = () => true;

describe('notification rules', () => {
  it('shows a notice once per kind+key within its dedup window, then again after it', () => {
    const rules = new NotificationRules({ isEnabled: allOn, dedupMs: { fallback: 10_000 } });
    expect(rules.decide(n('fallback', 'openai/gpt'), 0)).toEqual({ show: true });
    expect(rules.decide(n('fallback', 'openai/gpt'), 9_999)).toEqual({ show: false, reason: 'duplicate' });
    // another key, another kind: not duplicates
    expect(rules.decide(n('fallback', 'groq/llama'), 1_000).show).toBe(true);
    expect(rules.decide(n('circuit-open', 'openai/gpt'), 1_000).show).toBe(true);
    expect(rules.decide(n('fallback', 'openai/gpt'), 10_000)).toEqual({ show: true });
  });

  it('applies a global rate limit over a sliding window', () => {
    const rules = new NotificationRules({ isEnabled: allOn, rateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect(rules.decide(n('quota-80', `c${i}`), i * 1000).show).toBe(true);
    expect(rules.decide(n('quota-80', 'c3'), 5_000)).toEqual({ show: false, reason: 'rate-limited' });
    // the first one leaves the window at t=60s: one slot frees up
    expect(rules.decide(n('quota-80', 'c4'), 60_000).show).toBe(true);
    expect(rules.decide(n('quota-80', 'c5'), 60_500)).toEqual({ show: false, reason: 'rate-limited' });
  });

  it('does not count suppressed notices against the rate limit or the dedup window', () => {
    const rules = new NotificationRules({
      isEnabled: (k) => k !== 'fallback',
      rateLimit: { max: 1, windowMs: 60_000 },
    });
    expect(rules.decide(n('fallback'), 0)).toEqual({ show: false, reason: 'disabled' });
    expect(rules.decide(n('offline'), 1).show).toBe(true);
  });

  it('honours each kind being turned off, read at decision time', () => {
    const disabled = new Set<NotificationKind>(['circuit-closed']);
    const rules = new NotificationRules({ isEnabled: (k) => !disabled.has(k) });
    expect(rules.decide(n('circuit-closed'), 0)).toEqual({ show: false, reason: 'disabled' });
    expect(rules.decide(n('circuit-open'), 0).show).toBe(true);
    disabled.delete('circuit-closed');
    expect(rules.decide(n('circuit-closed'), 1).show).toBe(true);
    disabled.add('online');
    expect(rules.decide(n('online'), 2)).toEqual({ show: false, reason: 'disabled' });
  });
});

describe('notice builders', () => {
  const NOW = 1_000_000;
  const snap = (id: string, pct: number, resetsAt?: number) => ({
    connectionId: id,
    label: `conn ${id}`,
    remainingPct: pct,
    ...(resetsAt !== undefined ? { resetsAt } : {}),
  });

  it('derives quota-80, quota-exhausted and quota-reset from transitions', () => {
    const prev = new Map([
      ['a', snap('a', 50)],
      ['b', snap('b', 15)],
      ['c', snap('c', 0)],
      ['d', snap('d', 90)],
    ]);
    const out = quotaNotices(
      prev,
      [snap('a', 19, NOW + 3_600_000), snap('b', 0), snap('c', 100), snap('d', 85)],
      NOW,
    );
    expect(out.map((x) => [x.kind, x.key])).toEqual([
      ['quota-80', 'a@' + (NOW + 3_600_000)],
      ['quota-exhausted', 'b@'],
      ['quota-reset', 'c@'],
    ]);
    expect(out[0]!.body).toBe('19% left. It resets in 1h.');
  });

  it('does not repeat while a quota stays low, and never reports a reset on first sight', () => {
    expect(quotaNotices(new Map([['a', snap('a', 18)]]), [snap('a', 10)], NOW)).toEqual([]);
    expect(quotaNotices(new Map(), [snap('a', 90)], NOW)).toEqual([]);
    expect(quotaNotices(new Map(), [snap('a', 0)], NOW).map((x) => x.kind)).toEqual(['quota-exhausted']);
  });

  it('QuotaTracker remembers connections missing from a partial update', () => {
    const t = new QuotaTracker();
    expect(t.update([snap('a', 50), snap('b', 50)], NOW)).toEqual([]);
    expect(t.update([snap('a', 10)], NOW).map((x) => x.kind)).toEqual(['quota-80']);
    expect(t.update([snap('b', 5)], NOW).map((x) => x.kind)).toEqual(['quota-80']);
    expect(t.update([snap('a', 100)], NOW).map((x) => x.kind)).toEqual(['quota-reset']);
  });

  it('builds offline/online, fallback and circuit notices with stable keys', () => {
    expect(offlineNotice(true, 'auto')).toMatchObject({
      kind: 'offline',
      key: 'network',
      body: expect.stringMatching(/local/),
    });
    expect(offlineNotice(false, 'auto')).toMatchObject({ kind: 'online', key: 'network' });
    expect(fallbackNotice('groq/llama-3')).toMatchObject({ kind: 'fallback', key: 'groq/llama-3' });
    expect(fallbackNotice(undefined).key).toBe('any');
    expect(circuitNotice({ connectionId: 'x', label: 'openai', state: 'open' })).toMatchObject({
      kind: 'circuit-open',
      key: 'x',
      title: 'openai is failing',
    });
    expect(circuitNotice({ connectionId: 'x', label: 'openai', state: 'closed' }).kind).toBe(
      'circuit-closed',
    );
  });
});
