import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// A 429 that names no reset time: the account rests for an exponentially growing, jittered
// while, and a success starts the count over.

let t: TestCore;
let up: ReplayUpstream;
// A real capture of OpenAI's 429 body (tests/fixtures), served without any Retry-After header.
const quota429 = {
  kind: 'fixture',
  file: 'openai-responses/openai-error-insufficient-quota.json',
  status: 429,
} as const;

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
  await t.addProvider(
    'rl',
    { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
    { name: 'only', apiKey: 'k' },
  );
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

const call = () =>
  fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'rl/gpt-x', messages: [{ role: 'user', content: 'x' }] }),
  });

async function lockedForMs(): Promise<number> {
  const h = (await (await t.api('/api/health')).json()) as { lockouts: Array<{ until: number }> };
  expect(h.lockouts).toHaveLength(1);
  return h.lockouts[0]!.until - Date.now();
}

describe('429 without Retry-After', () => {
  it('locks for 15–30 s, then 30–60 s, and starts over after a success', async () => {
    up.queue(quota429);
    expect((await call()).status).toBe(429);
    const first = await lockedForMs();
    expect(first).toBeGreaterThan(14_000);
    expect(first).toBeLessThanOrEqual(30_000);

    await t.api('/api/health/reset', { method: 'POST', body: '{}' });
    up.queue(quota429);
    expect((await call()).status).toBe(429);
    const second = await lockedForMs();
    expect(second).toBeGreaterThan(29_000);
    expect(second).toBeLessThanOrEqual(60_000);

    await t.api('/api/health/reset', { method: 'POST', body: '{}' });
    up.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    expect((await call()).status).toBe(200);
    up.queue(quota429);
    expect((await call()).status).toBe(429);
    expect(await lockedForMs()).toBeLessThanOrEqual(30_000);
  });
});
