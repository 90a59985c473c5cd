import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { fixtureSseText } from '../../helpers/fixtures.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// Idempotency window, response cache and coalescing of identical requests: one upstream call,
// several callers, each of them recorded once.

let t: TestCore;
let up: ReplayUpstream;

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
  await t.addProvider(
    'up-chat',
    { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
    { name: 'k', apiKey: 'key-1' },
  );
  await t.addProvider(
    'up-anth',
    { format: 'anthropic', baseUrl: up.baseUrl('anthropic') },
    { name: 'k', apiKey: 'key-2' },
  );
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});
beforeEach(async () => {
  up.requests.length = 0;
  up.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
  await t.api('/api/cache/clear', { method: 'POST' });
  await t.api('/api/settings', {
    method: 'PATCH',
    body: JSON.stringify({
      cacheEnabled: true,
      idempotencyWindowMs: 5000,
      systemPrompt: '',
      thinkingMode: 'passthrough',
    }),
  });
});

const post = (body: unknown, headers: Record<string, string> = {}, p = '/v1/chat/completions') =>
  fetch(`${t.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function logRows(): Promise<Array<{ id: string; status: number; detail?: any; attempts: number }>> {
  t.core.runtime.store.requestLog.flush();
  return t.core.runtime.store.db
    .prepare('SELECT id, status, attempts, detail FROM request_log ORDER BY ts')
    .all()
    .map((r: any) => ({ ...r, detail: r.detail ? JSON.parse(r.detail) : undefined }));
}

describe('response cache', () => {
  it('answers an identical temperature-0 request from memory, and says so', async () => {
    const body = {
      model: 'up-chat/gpt-x',
      temperature: 0,
      messages: [{ role: 'user', content: 'cache me' }],
    };
    const a = await post(body);
    const aText = await a.text();
    expect(a.headers.get('x-omniroute-cache')).toBe('miss');
    const b = await post(body);
    expect(await b.text()).toBe(aText);
    expect(b.headers.get('x-omniroute-cache')).toBe('hit');
    expect(b.headers.get('x-request-id')).not.toBe(a.headers.get('x-request-id'));
    expect(up.requests).toHaveLength(1);
    const health = (await (await t.api('/api/health')).json()) as {
      cache: { hits: number; entries: number };
    };
    expect(health.cache.hits).toBeGreaterThanOrEqual(1);
    expect(health.cache.entries).toBe(1);
  });

  it('is bypassed by a header, by temperature above 0, by streaming and when turned off', async () => {
    const body = { model: 'up-chat/gpt-x', temperature: 0, messages: [{ role: 'user', content: 'bypass' }] };
    await (await post(body)).text();
    const bypass = await post(body, { 'x-omniroute-cache': 'bypass' });
    expect(bypass.headers.get('x-omniroute-cache')).toBe('bypass');
    await bypass.text();
    await (await post(body, { 'cache-control': 'no-cache' })).text();
    await (await post({ ...body, temperature: 0.7 })).text();
    await (await post({ ...body, temperature: 0.7 })).text();
    expect(up.requests).toHaveLength(5);
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ cacheEnabled: false }) });
    await (await post(body)).text();
    expect(up.requests).toHaveLength(6);
  });

  it("is bypassed by X-OmniRoute-No-Cache: true (the spelling other gateways' users send)", async () => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const req = {
      model: 'up-chat/gpt-x',
      temperature: 0,
      messages: [{ role: 'user' as const, content: 'no-cache header' }],
    };
    await client.chat.completions.create(req);
    await client.chat.completions.create(req);
    expect(up.requests).toHaveLength(1); // the second came from the cache
    const { response } = await client.chat.completions
      .create(req, { headers: { 'X-OmniRoute-No-Cache': 'true' } })
      .withResponse();
    expect(response.headers.get('x-omniroute-cache')).toBe('bypass');
    expect(up.requests).toHaveLength(2);
    await client.chat.completions.create(req, { headers: { 'X-OmniRoute-No-Cache': 'false' } });
    expect(up.requests).toHaveLength(2); // "false" asks for nothing: served from the cache
  });

  it('does not share answers between gateway keys or keep errors', async () => {
    up.setDefault(() => ({
      kind: 'error',
      status: 400,
      body: { error: { message: 'bad', type: 'invalid_request_error' } },
    }));
    const body = { model: 'up-chat/gpt-x', temperature: 0, messages: [{ role: 'user', content: 'err' }] };
    expect((await post(body)).status).toBe(400);
    expect((await post(body)).status).toBe(400);
    expect(up.requests).toHaveLength(2);
  });

  it('serves a real SDK from the cache with the same parsed answer', async () => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const req = {
      model: 'up-chat/gpt-x',
      temperature: 0,
      messages: [{ role: 'user' as const, content: 'sdk' }],
    };
    const a = await client.chat.completions.create(req);
    const b = await client.chat.completions.create(req);
    expect(b.choices[0]!.message.content).toBe(a.choices[0]!.message.content);
    expect(up.requests).toHaveLength(1);
  });
});

describe('coalescing identical requests in flight', () => {
  it('sends one upstream call for concurrent identical temperature-0 streams, each caller gets the whole stream', async () => {
    up.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt', delayMs: 150 }));
    const body = {
      model: 'up-chat/gpt-x',
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'together' }],
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const r = await post(body);
        return { status: r.status, text: await r.text(), shared: r.headers.get('x-omniroute-shared') };
      }),
    );
    expect(up.requests).toHaveLength(1);
    const expected = fixtureSseText('openai-chat/openai-text.chunks.txt', 'openai-chat');
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.text).toBe(expected);
    }
    expect(results.filter((r) => r.shared?.startsWith('coalesced'))).toHaveLength(4);
    const rows = (await logRows()).slice(-5);
    expect(rows.filter((r) => r.detail?.shared?.via === 'coalesced')).toHaveLength(4);
    expect(rows.filter((r) => r.attempts === 1)).toHaveLength(1);
  });
});

describe('idempotency window', () => {
  it('replays the first answer to a retry with the same Idempotency-Key, without a second upstream call', async () => {
    const body = { model: 'up-chat/gpt-x', messages: [{ role: 'user', content: 'once' }] };
    const a = await post(body, { 'idempotency-key': 'k-123' });
    const aText = await a.text();
    const b = await post(body, { 'idempotency-key': 'k-123' });
    expect(await b.text()).toBe(aText);
    expect(b.headers.get('x-omniroute-shared')).toMatch(/^idempotent; from=/);
    expect(up.requests).toHaveLength(1);
    // Another key is another request.
    await (await post(body, { 'idempotency-key': 'k-456' })).text();
    expect(up.requests).toHaveLength(2);
  });

  it('attaches a retry that arrives while the first is still streaming', async () => {
    up.setDefault(() => ({ kind: 'fixture', file: 'anthropic/anthropic-text.chunks.txt', delayMs: 200 }));
    const body = {
      model: 'up-anth/claude-x',
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    };
    const first = post(body, { 'x-request-id': 'req-abc-1' }, '/v1/messages');
    // Once the upstream has the first, it is in flight (the upstream answers 200 ms later).
    await expect.poll(() => up.requests.length, { timeout: 10_000, interval: 5 }).toBe(1);
    const second = post(body, { 'x-request-id': 'req-abc-1' }, '/v1/messages');
    const [a, b] = await Promise.all([first, second]);
    const [aText, bText] = await Promise.all([a.text(), b.text()]);
    expect(bText).toBe(aText);
    expect(aText).toBe(fixtureSseText('anthropic/anthropic-text.chunks.txt', 'anthropic'));
    expect(up.requests).toHaveLength(1);
    // Both requests are in the log, with distinct row ids.
    const rows = await logRows();
    expect(rows.filter((r) => r.id === 'req-abc-1')).toHaveLength(1);
    expect(rows.filter((r) => r.detail?.shared?.from === 'req-abc-1')).toHaveLength(1);
  });

  it('refuses a reused Idempotency-Key with a different body, in the caller format', async () => {
    await (
      await post(
        { model: 'up-chat/gpt-x', messages: [{ role: 'user', content: 'a' }] },
        { 'idempotency-key': 'k-9' },
      )
    ).text();
    const r = await post(
      { model: 'up-chat/gpt-x', messages: [{ role: 'user', content: 'b' }] },
      { 'idempotency-key': 'k-9' },
    );
    expect(r.status).toBe(422);
    const err = (await r.json()) as { error: { message: string } };
    expect(err.error.message).toMatch(/Idempotency-Key "k-9" was used for a different request/);
  });

  it('is off with a 0 window', async () => {
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ idempotencyWindowMs: 0 }) });
    const body = { model: 'up-chat/gpt-x', messages: [{ role: 'user', content: 'twice' }] };
    await (await post(body, { 'idempotency-key': 'k-0' })).text();
    await (await post(body, { 'idempotency-key': 'k-0' })).text();
    expect(up.requests).toHaveLength(2);
  });
});

describe('global request policies', () => {
  it('injects the system prompt in passthrough and in translation, before or after the caller’s', async () => {
    await t.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ systemPrompt: 'Answer in English.', systemPromptPosition: 'prepend' }),
    });
    await (
      await post({
        model: 'up-chat/gpt-x',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
        ],
      })
    ).text();
    expect(up.requests[0]!.json.messages.slice(0, 2)).toEqual([
      { role: 'system', content: 'Answer in English.' },
      { role: 'system', content: 'Be brief.' },
    ]);
    up.setDefault(() => ({ kind: 'fixture', file: 'anthropic/anthropic-text.json' }));
    await t.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ systemPromptPosition: 'append' }),
    });
    const r = await post({
      model: 'up-anth/claude-x',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(r.status).toBe(200);
    const sys = JSON.stringify(up.requests[1]!.json.system);
    expect(sys.indexOf('Be brief.')).toBeGreaterThanOrEqual(0);
    expect(sys.indexOf('Answer in English.')).toBeGreaterThan(sys.indexOf('Be brief.'));
    // Same-format Anthropic: the system block array gets one more block, the rest untouched.
    await (
      await post(
        {
          model: 'up-anth/claude-x',
          max_tokens: 100,
          system: [{ type: 'text', text: 'Caller system', cache_control: { type: 'ephemeral' } }],
          context_management: { edits: [] },
          messages: [{ role: 'user', content: 'hi' }],
        },
        { 'anthropic-version': '2023-06-01' },
        '/v1/messages',
      )
    ).text();
    const sent = up.requests[2]!.json;
    expect(sent.system).toEqual([
      { type: 'text', text: 'Caller system', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Answer in English.' },
    ]);
    expect(sent.context_management).toEqual({ edits: [] });
    expect(sent.model).toBe('claude-x');
  });

  it('thinking modes: custom sets the budget, auto removes it, neither touches a request without reasoning', async () => {
    up.setDefault(() => ({ kind: 'fixture', file: 'anthropic/anthropic-text.json' }));
    const thinking = {
      model: 'up-anth/claude-x',
      max_tokens: 2000,
      thinking: { type: 'adaptive' },
      messages: [{ role: 'user', content: 'think' }],
    };
    await t.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ thinkingMode: 'custom', thinkingBudgetTokens: 4096 }),
    });
    await (await post(thinking, {}, '/v1/messages')).text();
    expect(up.requests[0]!.json.thinking).toEqual({ type: 'enabled', budget_tokens: 4096 });
    expect(up.requests[0]!.json.max_tokens).toBeGreaterThan(4096);
    await (await post({ ...thinking, thinking: undefined }, {}, '/v1/messages')).text();
    expect(up.requests[1]!.json.thinking).toBeUndefined();
    // Translated: OpenAI caller with reasoning_effort → Anthropic budget.
    await (
      await post({
        model: 'up-anth/claude-x',
        reasoning_effort: 'high',
        messages: [{ role: 'user', content: 'x' }],
      })
    ).text();
    expect(up.requests[2]!.json.thinking).toEqual({ type: 'enabled', budget_tokens: 4096 });
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ thinkingMode: 'auto' }) });
    await (await post(thinking, {}, '/v1/messages')).text();
    expect(up.requests[3]!.json.thinking).toBeUndefined();
    up.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    await (
      await post({
        model: 'up-chat/gpt-x',
        reasoning_effort: 'high',
        messages: [{ role: 'user', content: 'x' }],
      })
    ).text();
    expect(up.requests[4]!.json.reasoning_effort).toBeUndefined();
  });
});
