import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// Base URLs get pasted with or without `/v1`: an SDK given the bare host calls
// `/chat/completions`, `/responses`, `/models`. Those answer like their `/v1` twins.

let t: TestCore;
let up: ReplayUpstream;

beforeAll(async () => {
  up = await startReplayUpstream();
  up.setDefault((r) =>
    r.json?.stream
      ? { kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' }
      : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
  );
  t = await startTestCore();
  await t.addProvider(
    'up',
    { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
    { name: 'a', apiKey: 'k' },
  );
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

describe('gateway paths without /v1', () => {
  it('the openai SDK on the bare host: chat (json and stream), responses and the model list', async () => {
    const client = new OpenAI({ baseURL: t.url, apiKey: 'x', maxRetries: 0 });
    const chat = await client.chat.completions.create({
      model: 'up/m',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(chat.choices[0]!.message.content).toBeTruthy();
    const stream = await client.chat.completions.create({
      model: 'up/m',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    const resp = await client.responses.create({ model: 'up/m', input: 'hi' });
    expect(resp.output_text.length).toBeGreaterThan(0);
    const combo = await t.api('/api/combos/bare-combo', {
      method: 'PUT',
      body: JSON.stringify({ models: ['up/m'] }),
    });
    expect(combo.status, await combo.clone().text()).toBeLessThan(300);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('bare-combo');
    const twin = (await (await fetch(`${t.url}/v1/models`)).json()) as { data: unknown[] };
    expect(models.data.length).toBe(twin.data.length);
    expect(up.requests.every((r) => r.path === '/v1/chat/completions')).toBe(true);
  });

  it('errors on a bare path come in its wire format, and the dashboard keeps its own pages', async () => {
    const anth = await fetch(`${t.url}/messages`, { method: 'POST', body: '{' });
    expect(anth.status).toBe(400);
    expect(await anth.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const unbuilt = await fetch(`${t.url}/embeddings`, { method: 'POST', body: '{}' });
    expect(((await unbuilt.json()) as any).error.type).toBeDefined();
    for (const page of ['/', '/providers', '/settings', '/health']) {
      const r = await fetch(`${t.url}${page}`);
      expect(r.status, page).toBe(200);
    }
    // A longer path is not a bare gateway route.
    expect((await fetch(`${t.url}/chat/completions-x`)).headers.get('content-type')).toContain('text/html');
  });
});
