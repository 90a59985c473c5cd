import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import path from 'node:path';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream, type Scenario } from '../helpers/replay-upstream.js';
import { closedPort, startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { FIXTURE_ROOT } from '../helpers/fixtures.js';

// POST /api/connections/{id}/test and POST /api/proxies/test against fake upstreams on
// 127.0.0.1: each outcome the dashboard tells apart, from a real HTTP exchange.

let t: TestCore | undefined;
let up: ReplayUpstream | undefined;
let proxy: ConnectProxy | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  await proxy?.close();
  t = up = proxy = undefined;
});

const KEY = 'sk-test-connection-0123456789abcdef';
// The shape of OpenAI's GET /v1/models (API reference: "List models").
const modelList = (...ids: string[]) => ({
  object: 'list',
  data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' })),
});

async function setup(
  route: (req: { method: string; path: string; json?: any }) => Scenario,
  opts: { baseUrl?: (up: ReplayUpstream) => string; proxy?: string; models?: string[] } = {},
): Promise<string> {
  up = await startReplayUpstream();
  up.setDefault(route);
  t = await startTestCore();
  await t.addProvider('fake', {
    format: 'openai-chat',
    baseUrl: opts.baseUrl?.(up) ?? up.baseUrl('openai-chat'),
    models: opts.models ?? ['m1'],
  });
  const res = await t.api('/api/connections', {
    method: 'POST',
    body: JSON.stringify({
      providerId: 'fake',
      name: 'main',
      apiKey: KEY,
      ...(opts.proxy ? { proxy: opts.proxy } : {}),
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const runTest = async (id: string, body: Record<string, unknown> = {}) => {
  const res = await t!.api(`/api/connections/${id}/test`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
};

const ok200 = (req: { method: string; path: string }): Scenario =>
  req.method === 'GET'
    ? { kind: 'error', status: 200, body: modelList('m1', 'm2') }
    : { kind: 'fixture', file: 'openai-chat/openai-text.json' };

describe('POST /api/connections/{id}/test', () => {
  it('ok: lists the models, sends a one-token completion with the account key, reports both latencies', async () => {
    const id = await setup(ok200);
    const r = await runTest(id);
    expect(r).toMatchObject({ verdict: 'ok', ok: true, model: 'm1' });
    expect(r.models.map((m: any) => m.id)).toEqual(['m1', 'm2']);
    expect(r.steps.map((s: any) => [s.step, s.verdict, s.status])).toEqual([
      ['models', 'ok', 200],
      ['completion', 'ok', 200],
    ]);
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(up!.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /v1/models',
      'POST /v1/chat/completions',
    ]);
    for (const q of up!.requests) expect(q.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(up!.requests[1]!.json).toMatchObject({ model: 'm1', max_tokens: 1 });
  });

  it('bad key: a 401 on the model list stops there, with the provider message (key redacted)', async () => {
    const id = await setup(() => ({
      kind: 'error',
      status: 401,
      body: {
        error: {
          message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
    }));
    const r = await runTest(id);
    expect(r).toMatchObject({ verdict: 'bad_key', ok: false, status: 401 });
    expect(r.providerMessage).toContain('Incorrect API key provided');
    expect(JSON.stringify(r)).not.toContain(KEY);
    expect(up!.requests).toHaveLength(1);
  });

  it('no credit: insufficient_quota (a real OpenAI capture, sent with 429) is told apart from a rate limit', async () => {
    const quota = JSON.parse(
      readFileSync(path.join(FIXTURE_ROOT, 'openai-responses/openai-error-insufficient-quota.json'), 'utf8'),
    );
    const id = await setup((req) =>
      req.method === 'GET' ? ok200(req) : { kind: 'error', status: 429, body: quota },
    );
    const r = await runTest(id);
    expect(r).toMatchObject({ verdict: 'no_credit', status: 429 });
    expect(r.providerMessage).toContain('You exceeded your current quota');
  });

  it('no credit: a 402 Payment Required', async () => {
    const id = await setup((req) =>
      req.method === 'GET'
        ? ok200(req)
        : { kind: 'error', status: 402, body: { error: { message: 'Insufficient Balance' } } },
    );
    expect(await runTest(id)).toMatchObject({
      verdict: 'no_credit',
      status: 402,
      providerMessage: 'Insufficient Balance',
    });
  });

  it('rate limited: a 429 rate_limit_exceeded', async () => {
    const id = await setup((req) =>
      req.method === 'GET'
        ? ok200(req)
        : {
            kind: 'error',
            status: 429,
            headers: { 'retry-after': '20' },
            body: {
              error: {
                message: 'Rate limit reached for requests',
                type: 'requests',
                code: 'rate_limit_exceeded',
              },
            },
          },
    );
    expect(await runTest(id)).toMatchObject({ verdict: 'rate_limited', status: 429 });
  });

  it('model not available: a 404 model_not_found for the model asked for', async () => {
    const id = await setup((req) =>
      req.method === 'GET'
        ? ok200(req)
        : {
            kind: 'error',
            status: 404,
            body: {
              error: {
                message: 'The model `gpt-nope` does not exist or you do not have access to it.',
                type: 'invalid_request_error',
                code: 'model_not_found',
              },
            },
          },
    );
    const r = await runTest(id, { model: 'gpt-nope' });
    expect(r).toMatchObject({ verdict: 'model_not_available', model: 'gpt-nope', status: 404 });
    expect(up!.requests[1]!.json.model).toBe('gpt-nope');
  });

  it("a 400 about a parameter (a real OpenAI capture) is an error with the provider's words, not a missing model", async () => {
    const unsupported = JSON.parse(
      readFileSync(path.join(FIXTURE_ROOT, 'openai-chat/openai-error-unsupported-parameter.json'), 'utf8'),
    );
    const id = await setup((req) =>
      req.method === 'GET' ? ok200(req) : { kind: 'error', status: 400, body: unsupported },
    );
    const r = await runTest(id);
    expect(r).toMatchObject({ verdict: 'error', status: 400 });
    expect(r.providerMessage).toContain("'max_tokens' is not supported with this model");
  });

  it('a provider without a models endpoint (404 on the list) is still tested by the completion', async () => {
    const id = await setup((req) =>
      req.method === 'GET'
        ? { kind: 'error', status: 404, body: { error: { message: 'Not found' } } }
        : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    const r = await runTest(id);
    expect(r).toMatchObject({ verdict: 'ok', model: 'm1' });
    expect(r.steps[0]).toMatchObject({ step: 'models', verdict: 'error', status: 404 });
  });

  it('unreachable: connection refused, unknown host (DNS), TLS to a plain-HTTP port', async () => {
    const port = await closedPort();
    let id = await setup(ok200, { baseUrl: () => `http://127.0.0.1:${port}/v1` });
    expect(await runTest(id)).toMatchObject({ verdict: 'unreachable', cause: 'refused' });
    await t!.close();
    await up!.close();

    id = await setup(ok200, { baseUrl: () => 'http://no-such-host.invalid/v1' });
    expect(await runTest(id)).toMatchObject({ verdict: 'unreachable', cause: 'dns' });
    await t!.close();
    await up!.close();

    // https:// to a server that speaks plain HTTP: the TLS handshake fails.
    id = await setup(ok200, { baseUrl: (u) => `${u.url.replace('http://', 'https://')}/v1` });
    const r = await runTest(id);
    expect(r).toMatchObject({ verdict: 'unreachable', cause: 'tls' });
    expect(up!.requests).toHaveLength(0);
  });

  it("goes through the account's proxy; a broken proxy is told apart from a down provider", async () => {
    proxy = await startConnectProxy();
    const id = await setup(ok200, { proxy: proxy.url });
    const r = await runTest(id);
    expect(r).toMatchObject({ verdict: 'ok', proxy: proxy.url });
    expect(proxy.targets.length).toBeGreaterThan(0);
    expect(up!.requests).toHaveLength(2);

    const dead = await closedPort();
    await t!.api(`/api/connections/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ proxy: `http://user:secretpw@127.0.0.1:${dead}` }),
    });
    const broken = await runTest(id);
    expect(broken).toMatchObject({ verdict: 'unreachable', cause: 'proxy' });
    expect(JSON.stringify(broken)).not.toContain('secretpw');
    expect(up!.requests).toHaveLength(2);
  });

  it('404 for an unknown account', async () => {
    t = await startTestCore();
    const res = await t.api('/api/connections/conn_nope/test', { method: 'POST' });
    expect(res.status).toBe(404);
  });
});

describe('POST /api/proxies/test', () => {
  it('a working proxy reaches the target (any answer counts); a dead one is a proxy failure', async () => {
    up = await startReplayUpstream();
    up.setDefault(() => ({ kind: 'error', status: 401, body: { error: { message: 'no key' } } }));
    proxy = await startConnectProxy();
    t = await startTestCore();
    const target = `${up.baseUrl('openai-chat')}/models`;
    let res = await t.api('/api/proxies/test', {
      method: 'POST',
      body: JSON.stringify({ proxy: proxy.url, target }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, verdict: 'ok', status: 401, target });
    expect(proxy.targets).toEqual([new URL(up.url).host]);

    const dead = await closedPort();
    res = await t.api('/api/proxies/test', {
      method: 'POST',
      body: JSON.stringify({ proxy: `http://u:hunter22@127.0.0.1:${dead}`, target }),
    });
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ ok: false, verdict: 'unreachable', cause: 'proxy' });
    expect(JSON.stringify(body)).not.toContain('hunter22');

    res = await t.api('/api/proxies/test', { method: 'POST', body: JSON.stringify({ proxy: 'ftp://x' }) });
    expect(res.status).toBe(400);
  });
});

// A Vertex AI account behind a proxy: its service-account token exchange leaves the machine
// through that proxy like its model calls. The key's token_uri names a closed port that the fake
// proxy alone redirects to the fake token endpoint, so an exchange made directly cannot succeed.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** A fake Google: /token answers an access token, anything else a Gemini answer. */
async function setupVertex(): Promise<{ tokenHost: string; tokenCalls: string[]; id: string }> {
  up = await startReplayUpstream();
  const tokenCalls: string[] = [];
  up.setDefault((req) => {
    if (req.path === '/token') {
      tokenCalls.push(req.body);
      return { kind: 'error', status: 200, body: { access_token: 'ya29.via-proxy', expires_in: 3600 } };
    }
    return { kind: 'fixture', file: 'gemini/google-text.json' };
  });
  const tokenHost = `127.0.0.1:${await closedPort()}`;
  proxy = await startConnectProxy({ redirect: { [tokenHost]: new URL(up.url).host } });
  t = await startTestCore();
  await t.api('/api/providers/vertex', {
    method: 'PUT',
    body: JSON.stringify({
      baseUrl: `${up.url}/v1/projects/{project}/locations/{location}/publishers/google`,
    }),
  });
  const post = await t.api('/api/connections', {
    method: 'POST',
    body: JSON.stringify({
      providerId: 'vertex',
      name: 'sa',
      // A key of its own per test: the token cache is per key, and must not answer for the proxy.
      apiKey: JSON.stringify({
        client_email: `robot-${Math.random().toString(36).slice(2)}@p.iam.gserviceaccount.com`,
        private_key: PEM,
        token_uri: `http://${tokenHost}/token`,
      }),
      fields: { project: 'p', location: 'us-central1' },
      proxy: proxy.url,
    }),
  });
  expect(post.status, await post.clone().text()).toBe(201);
  return { tokenHost, tokenCalls, id: ((await post.json()) as { id: string }).id };
}

describe('Vertex AI behind a proxy', () => {
  it("exchanges the service-account key through the account's proxy, then calls the model through it", async () => {
    const { tokenHost, tokenCalls } = await setupVertex();
    const client = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'vertex/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.choices[0]!.message.content).toBeTruthy();
    expect(tokenCalls).toHaveLength(1);
    expect(new URLSearchParams(tokenCalls[0]).get('grant_type')).toBe(
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    );
    // The proxy was asked for the token endpoint first, then for the model's host.
    expect(proxy!.targets[0]).toBe(tokenHost);
    expect(proxy!.targets).toContain(new URL(up!.url).host);
    const model = up!.requests.filter((r) => r.path !== '/token');
    expect(model.map((r) => r.headers.authorization)).toEqual(['Bearer ya29.via-proxy']);
  });

  it('the connection test through a dead proxy says the proxy failed, not that the key is bad', async () => {
    const { id, tokenCalls } = await setupVertex();
    const dead = await closedPort();
    const patch = await t!.api(`/api/connections/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ proxy: `http://user:pw-secret-1@127.0.0.1:${dead}` }),
    });
    expect(patch.status).toBe(200);
    const res = await t!.api(`/api/connections/${id}/test`, { method: 'POST', body: '{}' });
    const r = (await res.json()) as Record<string, unknown>;
    expect(r).toMatchObject({ verdict: 'unreachable', cause: 'proxy', ok: false });
    expect(String(r.message)).toContain('token endpoint');
    expect(JSON.stringify(r)).not.toContain('pw-secret-1');
    expect(tokenCalls).toHaveLength(0);
    expect(up!.requests).toHaveLength(0);
  });
});
