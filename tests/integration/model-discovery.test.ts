import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';

// Model discovery per account: on connect, on demand; stored, merged into /v1/models and bare
// model names without a restart; a failing models endpoint changes nothing else.

let t: TestCore | undefined;
let up: ReplayUpstream | undefined;
let proxy: ConnectProxy | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  await proxy?.close();
  t = up = proxy = undefined;
});

// The shape of OpenAI's GET /v1/models (API reference: "List models"); `type` as Together sends it.
let listed: Array<{ id: string; type?: string }> = [];
let listFails = false;

async function setup(account: Record<string, unknown> = {}) {
  up = await startReplayUpstream();
  up.setDefault((req) =>
    req.method === 'GET'
      ? listFails
        ? { kind: 'error', status: 500, body: { error: { message: 'models endpoint down' } } }
        : {
            kind: 'error',
            status: 200,
            body: { object: 'list', data: listed.map((m) => ({ object: 'model', owned_by: 'x', ...m })) },
          }
      : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
  );
  t = await startTestCore({ modelDiscovery: {} });
  await t.addProvider('fake', {
    format: 'openai-chat',
    baseUrl: up.baseUrl('openai-chat'),
    models: ['m1', 'old-model'],
  });
  const res = await t.api('/api/connections', {
    method: 'POST',
    body: JSON.stringify({ providerId: 'fake', name: 'main', apiKey: 'sk-fake-key-123456', ...account }),
  });
  return ((await res.json()) as { id: string }).id;
}

const modelIds = async () =>
  ((await (await fetch(`${t!.url}/v1/models`)).json()) as { data: Array<{ id: string }> }).data.map(
    (m) => m.id,
  );

const discovery = async (id: string) =>
  ((await (await t!.api('/api/connections')).json()) as any[]).find((c) => c.id === id)?.discovery;

async function until<T>(fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

describe('model discovery', () => {
  it('on connect: a model the provider newly lists appears in /v1/models and as a bare name, without a restart', async () => {
    listed = [{ id: 'm1' }, { id: 'brand-new-model' }, { id: 'embed-1', type: 'embedding' }];
    listFails = false;
    const id = await setup();
    const d = await until(() => discovery(id));
    expect(d).toMatchObject({
      models: ['m1', 'brand-new-model', 'embed-1'],
      added: ['brand-new-model', 'embed-1'],
      removed: [],
    });
    expect(d.info).toEqual({ 'embed-1': { kind: 'embedding' } });
    const get = up!.requests.find((r) => r.method === 'GET')!;
    expect(get.path).toBe('/v1/models');
    expect(get.headers.authorization).toBe('Bearer sk-fake-key-123456');

    const ids = await modelIds();
    expect(ids).toContain('fake/brand-new-model');
    // An embedding model is not offered for chat.
    expect(ids).not.toContain('fake/embed-1');
    const provider = (await (await t!.api('/api/providers/fake')).json()) as any;
    // Apart from the configured models, so a dashboard that saves `models` back does not pin them.
    expect(provider.discoveredModels).toEqual(['brand-new-model']);
    expect(provider.models).not.toContain('brand-new-model');

    const client = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const { response } = await client.chat.completions
      .create({ model: 'brand-new-model', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('x-omniroute-route')).toBe('fake/brand-new-model');
  });

  it('on demand: new and vanished models since the last list; a failing /models keeps the last list and routing', async () => {
    listed = [{ id: 'm1' }, { id: 'brand-new-model' }];
    listFails = false;
    const id = await setup();
    await until(() => discovery(id));

    listed = [{ id: 'm1' }, { id: 'newer-model' }];
    let res = await t!.api(`/api/connections/${id}/discover`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      models: ['m1', 'newer-model'],
      added: ['newer-model'],
      removed: ['brand-new-model'],
    });
    let ids = await modelIds();
    expect(ids).toContain('fake/newer-model');
    expect(ids).not.toContain('fake/brand-new-model');
    // The registry's (here: the provider's configured) models stay.
    expect(ids).toContain('fake/old-model');

    listFails = true;
    res = await t!.api(`/api/connections/${id}/discover`, { method: 'POST' });
    const failed = (await res.json()) as any;
    expect(failed.error).toContain('500');
    expect(failed.models).toEqual(['m1', 'newer-model']);
    ids = await modelIds();
    expect(ids).toContain('fake/newer-model');
    const client = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const ok = await client.chat.completions.create({
      model: 'newer-model',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(ok.choices[0]!.message.content).toBeTruthy();
  });

  it("asks through the account's proxy", async () => {
    listed = [{ id: 'via-proxy' }];
    listFails = false;
    proxy = await startConnectProxy();
    const id = await setup({ proxy: proxy.url });
    await until(() => discovery(id));
    expect(proxy.targets.length).toBeGreaterThan(0);
    expect(await modelIds()).toContain('fake/via-proxy');
  });

  it('off (the default in tests): no call, and the on-demand route says so', async () => {
    up = await startReplayUpstream();
    t = await startTestCore();
    await t.addProvider(
      'fake',
      { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
      { name: 'a', apiKey: 'k-123456' },
    );
    const id = ((await (await t.api('/api/connections')).json()) as any[])[0].id;
    const res = await t.api(`/api/connections/${id}/discover`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(up.requests).toHaveLength(0);
  });
});
