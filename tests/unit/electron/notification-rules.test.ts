import { describe, expect, it } from 'vitest';
import type { NotificationKind } from '../../../electron/api-types.js';
import { QuotaTracker } from '../../../electron/feeds.js';
import {
  NotificationRules,
  budgetNotice,
  budgetScopeLabel,
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

describe('budget notices', () => {
  const NOW = 1_000_000;
  const H = 3_600_000;
  const crossing = (scope: Parameters<typeof budgetNotice>[1]['scope'], over = {}) => ({
    budgetId: 'bud_1',
    scope,
    period: 'day' as const,
    spentUsd: 5.123,
    limitUsd: 5,
    resetsAt: NOW + 3 * H + 10 * 60_000,
    ...over,
  });
  const names = { provider: (id: string) => (id === 'openai' ? 'OpenAI' : undefined), key: () => 'ci' };

  it('names the budget: global, provider by name, key by name (the id when unknown)', () => {
    expect(budgetScopeLabel({ kind: 'global' })).toBe('Global');
    expect(budgetScopeLabel({ kind: 'provider', id: 'openai' }, names)).toBe('Provider OpenAI');
    expect(budgetScopeLabel({ kind: 'provider', id: 'mine' }, names)).toBe('Provider mine');
    expect(budgetScopeLabel({ kind: 'key', id: 'key_1' }, names)).toBe('Key "ci"');
    expect(budgetScopeLabel({ kind: 'key', id: 'key_1' })).toBe('Key "key_1"');
  });

  it('a warn budget: spent of limit, requests still go through, when it resets', () => {
    expect(budgetNotice('warn', crossing({ kind: 'global' }), NOW)).toEqual({
      kind: 'budget',
      key: `warn:bud_1@${NOW + 3 * H + 10 * 60_000}`,
      title: 'Global daily budget reached',
      body: '$5.12 of $5.00 spent today. Requests still go through (this budget only warns); it resets in 3h 10m.',
    });
  });

  it('a block budget: refused for global and key scopes, fall back for a provider', () => {
    const month = { period: 'month' as const, spentUsd: 0.0006, limitUsd: 0.0005, resetsAt: NOW + 50 * H };
    expect(budgetNotice('block', crossing({ kind: 'global' }, month), NOW)).toMatchObject({
      kind: 'budget',
      key: `block:bud_1@${NOW + 50 * H}`,
      title: 'Global monthly budget exhausted',
      body: '$0.0006 of $0.0005 spent this month. All requests are refused until it resets in 2d 2h.',
    });
    expect(
      budgetNotice('block', crossing({ kind: 'key', id: 'key_1' }, { period: 'week' }), NOW, names),
    ).toMatchObject({
      title: 'Key "ci" weekly budget exhausted',
      body: '$5.12 of $5.00 spent this week. Requests with this key are refused until it resets in 3h 10m.',
    });
    expect(budgetNotice('block', crossing({ kind: 'provider', id: 'openai' }), NOW, names)).toMatchObject({
      title: 'Provider OpenAI daily budget exhausted',
      body: '$5.12 of $5.00 spent today. Requests skip OpenAI and fall back to the next combo step until it resets in 3h 10m.',
    });
    // A reset time already past (clock skew): no negative duration.
    expect(budgetNotice('block', crossing({ kind: 'global' }, { resetsAt: NOW - 1 }), NOW).body).toBe(
      '$5.12 of $5.00 spent today. All requests are refused until it resets.',
    );
  });

  it('is not repeated within a period, and can be turned off', () => {
    let on = true;
    const rules = new NotificationRules({ isEnabled: (k) => k !== 'budget' || on });
    const n1 = budgetNotice('warn', crossing({ kind: 'global' }), NOW);
    expect(rules.decide(n1, NOW).show).toBe(true);
    expect(rules.decide(n1, NOW + 1000)).toEqual({ show: false, reason: 'duplicate' });
    // The next period has another reset time: a new key.
    const next = budgetNotice('warn', crossing({ kind: 'global' }, { resetsAt: NOW + 27 * H }), NOW + 1000);
    expect(rules.decide(next, NOW + 2000).show).toBe(true);
    on = false;
    const block = budgetNotice('block', crossing({ kind: 'global' }), NOW);
    expect(rules.decide(block, NOW + 3000)).toEqual({ show: false, reason: 'disabled' });
  });
});
