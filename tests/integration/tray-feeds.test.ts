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
