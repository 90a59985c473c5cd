import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { loadJson } from '../helpers/fixtures.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

let t: TestCore;
let up: ReplayUpstream;

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
  await t.addProvider(
    'up-chat',
    { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
    { name: 'k', apiKey: 'k1' },
  );
  await t.addProvider(
    'up-anth',
    { format: 'anthropic', baseUrl: up.baseUrl('anthropic') },
    { name: 'k', apiKey: 'k2' },
  );
  await t.api('/api/combos/fallback', {
    method: 'PUT',
    body: JSON.stringify({ models: ['up-anth/claude', 'up-chat/gpt'] }),
  });
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

const chat = (model: string) =>
  fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });

describe('request log, live tail and usage', () => {
  it('streams each finished request to the live tail and lists it with its route and attempts', async () => {
    const tail = await t.api('/api/logs/stream');
    expect(tail.headers.get('content-type')).toContain('text/event-stream');
    const reader = tail.body!.getReader();

    up.queue(
      {
        kind: 'error',
        status: 503,
        body: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } },
      },
      { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    const res = await chat('fallback');
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id')!;

    let text = '';
    while (!text.includes(id)) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const event = text.split('\n\n').find((e) => e.includes(id))!;
    expect(event).toMatch(/^event: log/m);
    const entry = JSON.parse(
      event
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    const usage = loadJson('openai-chat/openai-text.json').usage;
    expect(entry).toMatchObject({
      id,
      status: 200,
      providerId: 'up-chat',
      combo: 'fallback',
      attempts: 2,
      inputTokens: usage.prompt_tokens,
      outputTokens: usage.completion_tokens,
    });

    const detail = (await (await t.api(`/api/logs/${id}`)).json()) as any;
    expect(detail.route).toEqual({ combo: 'fallback', steps: ['up-anth/claude', 'up-chat/gpt'] });
    expect(detail.attemptsDetail.map((a: any) => [a.providerId, a.status])).toEqual([
      ['up-anth', 503],
      ['up-chat', 200],
    ]);
    expect(detail.requestBody).toBeUndefined();

    const page = (await (await t.api('/api/logs?provider=up-chat&limit=10')).json()) as any;
    expect(page.items[0].id).toBe(id);
    expect(page.items.every((i: any) => i.providerId === 'up-chat')).toBe(true);
  });

  it('stores a direct request that answered first time without a detail, and still shows its route and attempt', async () => {
    up.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    const res = await chat('up-chat/gpt');
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id')!;
    const detail = (await (await t.api(`/api/logs/${id}`)).json()) as any;
    const row = t.core.runtime.store.db
      .prepare('SELECT detail, latency_ms FROM request_log WHERE id = ?')
      .get(id) as any;
    expect(row.detail).toBeNull();
    expect(detail.route).toEqual({ steps: ['up-chat/gpt'] });
    expect(detail.attemptsDetail).toEqual([
      {
        providerId: 'up-chat',
        connectionId: detail.connectionId,
        upstreamModel: 'gpt',
        step: 'up-chat/gpt',
        status: 200,
        latencyMs: row.latency_ms,
        ttfbMs: detail.ttfbMs,
      },
    ]);
    expect(detail.connectionId).toEqual(expect.any(String));
  });

  it('keeps the request body only with debug logging on, and filters errors', async () => {
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ debugLogging: true }) });
    up.queue({
      kind: 'error',
      status: 400,
      body: { error: { message: 'bad thing', type: 'invalid_request_error' } },
    });
    const res = await chat('up-chat/gpt');
    expect(res.status).toBe(400);
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ debugLogging: false }) });
    const id = res.headers.get('x-request-id')!;
    const detail = (await (await t.api(`/api/logs/${id}`)).json()) as any;
    expect(detail.requestBody).toEqual({ model: 'up-chat/gpt', messages: [{ role: 'user', content: 'hi' }] });
    const errors = (await (await t.api('/api/logs?status=error')).json()) as any;
    expect(errors.items.map((i: any) => i.id)).toContain(id);
    expect(errors.items.every((i: any) => i.status >= 400 || i.error)).toBe(true);
    const ok = (await (await t.api('/api/logs?status=ok')).json()) as any;
    expect(ok.items.map((i: any) => i.id)).not.toContain(id);
  });

  it('aggregates requests and tokens per provider and bucket', async () => {
    const before = (await (await t.api('/api/usage?bucket=hour&groupBy=provider')).json()) as any;
    up.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    await (await chat('up-chat/gpt')).text();
    const after = (await (await t.api('/api/usage?bucket=hour&groupBy=provider')).json()) as any;
    const usage = loadJson('openai-chat/openai-text.json').usage;
    expect(after.totals.requests).toBe(before.totals.requests + 1);
    expect(after.totals.inputTokens - before.totals.inputTokens).toBe(usage.prompt_tokens);
    expect(after.buckets.find((b: any) => b.group === 'up-chat').requests).toBeGreaterThanOrEqual(1);
    expect((await t.api('/api/usage?from=10&to=5')).status).toBe(400);
  });
});

describe('translator playground', () => {
  it('shows an OpenAI request as Anthropic and reports what was dropped', async () => {
    const res = await t.api('/api/translate', {
      method: 'POST',
      body: JSON.stringify({
        from: 'openai-chat',
        to: 'anthropic',
        kind: 'request',
        body: {
          model: 'm',
          seed: 7,
          messages: [
            { role: 'system', content: 'be brief' },
            { role: 'user', content: 'hi' },
          ],
        },
      }),
    });
    const b = (await res.json()) as any;
    expect(b.body.system).toEqual([{ type: 'text', text: 'be brief' }]);
    expect(b.body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(b.warnings.join(' ')).toContain('seed');
  });
  it('translates a real captured response', async () => {
    const res = await t.api('/api/translate', {
      method: 'POST',
      body: JSON.stringify({
        from: 'anthropic',
        to: 'openai-chat',
        kind: 'response',
        body: loadJson('anthropic/anthropic-text.json'),
      }),
    });
    const b = (await res.json()) as any;
    expect(b.body.choices[0].message.content).toBe(loadJson('anthropic/anthropic-text.json').content[0].text);
  });
  it('explains an invalid body', async () => {
    const res = await t.api('/api/translate', {
      method: 'POST',
      body: JSON.stringify({ from: 'anthropic', to: 'gemini', kind: 'request', body: { messages: 'x' } }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message.length).toBeGreaterThan(10);
  });
});
