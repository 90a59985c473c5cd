import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// settings.globalFallback: a combo tried for a plain model nobody serves, or whose routes all
// fail before the first byte; off by default. Real HTTP, the OpenAI SDK as the caller.

let t: TestCore | undefined;
let up: ReplayUpstream | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  t = up = undefined;
});

async function setup() {
  up = await startReplayUpstream();
  t = await startTestCore();
  const base = up.baseUrl('openai-chat');
  await t.addProvider(
    'a',
    { format: 'openai-chat', baseUrl: base, models: ['m1'] },
    { name: 'k', apiKey: 'key-a' },
  );
  await t.addProvider(
    'b',
    { format: 'openai-chat', baseUrl: base, models: ['m2'] },
    { name: 'k', apiKey: 'key-b' },
  );
  const put = await t.api('/api/combos/safety', {
    method: 'PUT',
    body: JSON.stringify({ models: ['b/m2'] }),
  });
  expect(put.status).toBe(200);
  return new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 0 });
}

const setFallback = async (v: string | null) => {
  const res = await t!.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ globalFallback: v }) });
  expect(res.status).toBe(200);
};

const ask = (client: OpenAI, model: string) =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();

describe('global fallback', () => {
  it('off by default: a model nobody serves gets the 404; on: the fallback combo serves it, and the log says so', async () => {
    const client = await setup();
    expect(((await (await t!.api('/api/settings')).json()) as any).globalFallback).toBeNull();
    const err = await ask(client, 'nobody-serves-this').catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(up!.requests).toHaveLength(0);

    await setFallback('safety');
    up!.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    const { data, response } = await ask(client, 'nobody-serves-this');
    expect(data.choices[0]!.message.content).toBeTruthy();
    expect(response.headers.get('x-omniroute-route')).toBe('b/m2');
    expect(response.headers.get('x-omniroute-fallback')).toBe('global');
    expect(up!.requests.map((r) => r.json.model)).toEqual(['m2']);
    expect(up!.requests[0]!.headers.authorization).toBe('Bearer key-b');

    const id = response.headers.get('x-request-id')!;
    const row = (await (await t!.api(`/api/logs/${id}`)).json()) as any;
    expect(row).toMatchObject({ requestedModel: 'nobody-serves-this', combo: 'safety', providerId: 'b' });
    expect(row.route.globalFallback).toBe('safety');
  });

  it('a plain model whose provider fails before the first byte goes on to the fallback; off, the caller gets the failure', async () => {
    const client = await setup();
    up!.queue({
      kind: 'error',
      status: 503,
      body: { error: { message: 'overloaded', type: 'server_error' } },
    });
    const err = await ask(client, 'a/m1').catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(503);

    await setFallback('safety');
    up!.queue(
      { kind: 'error', status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } },
      { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    const { response } = await ask(client, 'a/m1');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-omniroute-route')).toBe('b/m2');
    expect(response.headers.get('x-omniroute-fallback')).toBe('global');
    expect(up!.requests.slice(-2).map((r) => r.json.model)).toEqual(['m1', 'm2']);

    // The model's own route answering: no fallback, no mark.
    up!.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    const direct = await ask(client, 'a/m1');
    expect(direct.response.headers.get('x-omniroute-fallback')).toBeNull();
    const row = (await (
      await t!.api(`/api/logs/${direct.response.headers.get('x-request-id')}`)
    ).json()) as any;
    expect(row.route.globalFallback).toBeUndefined();
    expect(row.combo).toBeUndefined();
  });

  it('a combo request never takes the global fallback (a combo is its own chain)', async () => {
    const client = await setup();
    await t!.api('/api/combos/mine', { method: 'PUT', body: JSON.stringify({ models: ['a/m1'] }) });
    await setFallback('safety');
    up!.queue({
      kind: 'error',
      status: 503,
      body: { error: { message: 'overloaded', type: 'server_error' } },
    });
    const err = await ask(client, 'mine').catch((e) => e);
    expect(err.status).toBe(503);
    expect(up!.requests).toHaveLength(1);
  });

  it('a gateway key limited to some models does not reach the fallback combo unless it may use it', async () => {
    const client = await setup();
    await setFallback('safety');
    const created = (await (
      await t!.api('/api/keys', {
        method: 'POST',
        body: JSON.stringify({ name: 'narrow', models: ['nobody-*'] }),
      })
    ).json()) as { key: string };
    const narrow = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: created.key, maxRetries: 0 });
    const err = await ask(narrow, 'nobody-serves-this').catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(up!.requests).toHaveLength(0);
    void client;
  });

  it('names an existing combo; removing that combo turns the fallback off', async () => {
    await setup();
    const bad = await t!.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ globalFallback: 'nope' }),
    });
    expect(bad.status).toBe(404);
    expect(((await bad.json()) as any).error.param).toBe('globalFallback');
    await setFallback('safety');
    expect((await t!.api('/api/combos/safety', { method: 'DELETE' })).status).toBe(200);
    expect(((await (await t!.api('/api/settings')).json()) as any).globalFallback).toBeNull();
  });
});

describe('defaultComboStrategy', () => {
  it('is the strategy of a combo written without one', async () => {
    await setup();
    expect(((await (await t!.api('/api/combos')).json()) as any[])[0].strategy).toBe('fill-first');
    await t!.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ defaultComboStrategy: 'round-robin' }),
    });
    const res = await t!.api('/api/combos/rr', {
      method: 'PUT',
      body: JSON.stringify({ models: ['a/m1', 'b/m2'] }),
    });
    expect(((await res.json()) as any).strategy).toBe('round-robin');
    const explicit = await t!.api('/api/combos/ff', {
      method: 'PUT',
      body: JSON.stringify({ models: ['a/m1'], strategy: 'fill-first' }),
    });
    expect(((await explicit.json()) as any).strategy).toBe('fill-first');
  });
});
