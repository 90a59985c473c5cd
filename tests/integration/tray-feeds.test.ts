import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreCircuitFeed, coreQuotaFeed } from '../../electron/feeds.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore();
});
afterAll(async () => {
  await t.close();
});

describe('tray feeds over the real core', () => {
  it('shows each account quota and follows threshold crossings', async () => {
    const conn = (await (
      await t.api('/api/connections', {
        method: 'POST',
        body: JSON.stringify({
          providerId: 'openai',
          name: 'work',
          apiKey: 'sk-feed-test-000000',
          quota: {
            windows: [{ id: 'daily', kind: 'daily', hour: 0, timeZone: 'UTC', unit: 'requests', limit: 5 }],
          },
        }),
      })
    ).json()) as { id: string };
    const feed = coreQuotaFeed(t.core);
    expect(feed.current()).toEqual([
      { connectionId: conn.id, label: 'openai · work', remainingPct: 100, resetsAt: expect.any(Number) },
    ]);
    const seen: number[] = [];
    const off = feed.subscribe((s) => seen.push(s[0]!.remainingPct));
    for (let i = 0; i < 4; i++) t.core.router.quota.record(conn.id, { requests: 1 });
    off();
    expect(seen).toEqual([20]); // one warning crossing (80 % used), not one update per request
    expect(feed.current()[0]!.remainingPct).toBe(20);
  });

  it('shows each login plan by its most used window, with reset and forecast, and announces crossings', () => {
    const feed = coreQuotaFeed(t.core);
    const seen: string[] = [];
    const off = feed.subscribe((s) => seen.push(s.map((q) => `${q.label}:${q.remainingPct}`).join(',')));
    const login = { identity: 'feedfeedfeedfeed', kind: 'anthropic' as const, label: 'Claude Code login' };
    const reset = Date.now() + 2 * 3600_000;
    t.core.router.plans.observe(login, 'claude-login', {
      windows: [
        { id: '5h', label: '5 h', usedPct: 85, resetsAt: reset, windowMs: 5 * 3600_000 },
        { id: '7d', label: 'weekly', usedPct: 30, resetsAt: reset + 86_400_000 },
      ],
    });
    off();
    const plan = feed.current().find((q) => q.connectionId === 'login:feedfeedfeedfeed');
    expect(plan).toMatchObject({
      label: 'Claude Code login',
      window: '5 h',
      remainingPct: 15,
      resetsAt: reset,
    });
    expect(plan!.runsOutAt).toBeGreaterThan(Date.now());
    expect(plan!.runsOutAt).toBeLessThan(reset);
    expect(seen.at(-1)).toContain('Claude Code login:15'); // the 80 % crossing reached the tray
  });

  it('reports circuits opening and closing', async () => {
    const feed = coreCircuitFeed(t.core);
    const changes: string[] = [];
    const off = feed.subscribe((c) => changes.push(`${c.label}:${c.state}`));
    for (let i = 0; i < 5; i++) t.core.router.breaker.onFailure('some-key');
    expect(feed.openCount()).toBe(1);
    t.core.router.breaker.reset('some-key');
    off();
    expect(changes[0]).toBe('some-key:open');
  });
});
