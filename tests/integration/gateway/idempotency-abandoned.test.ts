import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// A request whose caller went away before any answer (a client timeout) leaves no answer to
// share: the caller's retry with the same Idempotency-Key must go upstream, not get "the
// identical request ended without an answer" for the rest of the idempotency window.
// Found by the inbound fuzzer (tests/integration/fuzz/inbound.test.ts).

let t: TestCore;
let up: ReplayUpstream;
let delayMs = 0;

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
  await t.addProvider(
    'up-chat',
    { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
    { name: 'k', apiKey: 'key-1' },
  );
  await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ idempotencyWindowMs: 30_000 }) });
  up.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json', delayMs }));
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

const body = JSON.stringify({ model: 'up-chat/gpt-x', messages: [{ role: 'user', content: 'hi' }] });
const post = (headers: Record<string, string>, signal?: AbortSignal) =>
  fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal,
  });

describe('idempotency after an abandoned request', () => {
  it.each(['idempotency-key', 'x-request-id'])(
    'a retry with the same %s after the caller gave up goes upstream',
    async (header) => {
      // The engine loads on the first request: warm it, so the request below reaches upstream.
      delayMs = 0;
      expect((await post({})).status).toBe(200);
      up.requests.length = 0;
      const key = `retry-${header}`;
      delayMs = 300;
      const gaveUp = new AbortController();
      const first = post({ [header]: key }, gaveUp.signal);
      while (up.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
      gaveUp.abort();
      await expect(first).rejects.toThrow();
      // Past the first request's end on the gateway (its upstream answer comes at ~300 ms).
      await new Promise((r) => setTimeout(r, 500));
      delayMs = 0;
      const retry = await post({ [header]: key });
      expect(retry.status, await retry.clone().text()).toBe(200);
      expect(((await retry.json()) as any).choices[0].message.content).toBeTruthy();
      expect(up.requests).toHaveLength(2);
    },
  );
});
