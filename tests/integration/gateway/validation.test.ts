import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// Where a request is validated: same-format requests are checked at the top level and then
// validated by their own provider; a request that some attempt translates is decoded (and so
// validated in depth) before any attempt, so its 400 is never counted against a provider.

let t: TestCore;
let up: ReplayUpstream;

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
  for (const [id, format] of [
    ['v-chat', 'openai-chat'],
    ['v-anth', 'anthropic'],
  ] as const) {
    await t.addProvider(id, { format, baseUrl: up.baseUrl(format) }, { name: 'k', apiKey: `key-${id}` });
  }
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});
beforeEach(() => {
  up.requests.length = 0;
});

const post = (body: unknown) =>
  fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('validation', () => {
  const deepInvalid = { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: 42 }] }] };

  it('a translated request that is invalid deep inside gets 400 before any attempt', async () => {
    const res = await post({ model: 'v-anth/claude-x', ...deepInvalid });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.type).toBe('invalid_request_error');
    expect(up.requests).toHaveLength(0);
    const health = (await (await t.api('/api/health')).json()) as { breakers: Array<{ failures: number }> };
    expect(health.breakers.every((b) => b.failures === 0)).toBe(true);
  });

  it('a same-format request goes to its provider, whose own 400 comes back unchanged', async () => {
    const upstreamError = {
      error: {
        message: "Invalid type for 'messages[0].content[0].image_url'",
        type: 'invalid_request_error',
      },
    };
    up.queue({ kind: 'error', status: 400, body: upstreamError });
    const res = await post({ model: 'v-chat/gpt-x', ...deepInvalid });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(upstreamError);
    expect(up.requests).toHaveLength(1);
  });

  it.each([
    [{ model: 'v-chat/gpt-x', messages: 'hi' }, 'messages'],
    [{ model: 'v-chat/gpt-x', messages: [], stream: 'yes' }, 'stream'],
    [{ model: 'v-chat/gpt-x', messages: [], temperature: 'hot' }, 'temperature'],
    [{ model: '', messages: [] }, 'model'],
  ])('top-level shape is checked for every request: %j → 400 on %s', async (body, param) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.param).toBe(param);
    expect(up.requests).toHaveLength(0);
  });
});
