import OpenAI from 'openai';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';
import { loadChunkLines } from '../helpers/fixtures.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';
import { spawnNode } from '../helpers/spawn.js';
import { ISSUED_CLIENT, SCOPES, startFakeAuth, type FakeAuth } from '../helpers/fake-chatgpt-auth.js';

// Sign in with ChatGPT against a local authorization server that implements the documented
// endpoints (developers.openai.com/siwc/token-sharing-open-source): registration inside the
// authorize request, PKCE, the loopback callback, rotating refresh tokens with reuse detection,
// signed ID tokens; and a local Responses API that enforces the documented request restrictions.

let t: TestCore | undefined;
let auth: FakeAuth | undefined;
let api: ReplayUpstream | undefined;
let other: ReplayUpstream | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  await auth?.close();
  await api?.close();
  await other?.close();
  t = auth = api = other = dir = undefined;
});

const STREAM = loadChunkLines('openai-responses/openai-text.chunks.txt')
  .map((l) => `event: ${JSON.parse(l).type}\ndata: ${l}\n\n`)
  .join('');
const TEXT = loadChunkLines('openai-responses/openai-text.chunks.txt')
  .map((l) => JSON.parse(l))
  .filter((e) => e.type === 'response.output_text.delta')
  .map((e) => e.delta)
  .join('');

async function setup() {
  auth = await startFakeAuth();
  api = await startReplayUpstream();
  other = await startReplayUpstream();
  // The Responses API on the plan: only the current access tokens, only the documented body.
  api.setDefault((r) => {
    const token = String(r.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!auth!.validAccess.has(token))
      return {
        kind: 'error',
        status: 401,
        body: { error: { code: 'subscription_sharing_invalid_user', message: 'invalid token' } },
      };
    if (r.path.startsWith('/v1/models'))
      return {
        kind: 'error',
        status: 200,
        body: {
          models: [
            { slug: 'gpt-5.5', display_name: 'GPT-5.5', visibility: 'list' },
            { slug: 'gpt-internal', display_name: 'hidden', visibility: 'hide' },
          ],
        },
      };
    const b = r.json ?? {};
    const bad = ['temperature', 'max_output_tokens', 'metadata', 'user', 'previous_response_id'].filter(
      (f) => f in b,
    );
    if (b.store !== false || b.stream !== true || !Array.isArray(b.input) || bad.length)
      return {
        kind: 'error',
        status: 400,
        body: {
          error: {
            code: 'subscription_sharing_unsupported_capability',
            param: bad[0] ?? 'store',
            message: 'unsupported',
          },
        },
      };
    return { kind: 'sse', text: STREAM };
  });
  other.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
  dir = tempDir();
  writeConfig();
  t = await startTestCore({ dataDir: dir, configFile: path.join(dir, 'omniroute.yaml') });
}

function writeConfig() {
  writeFileSync(
    path.join(dir!, 'omniroute.yaml'),
    `providers:
  - id: chatgpt-plan
    baseUrl: ${api!.url}/v1
    authUrl: ${auth!.url}
  - id: cheap
    format: openai-chat
    baseUrl: ${other!.baseUrl('openai-chat')}
    accounts:
      - apiKey: cheap-key-0123456789
combos:
  - name: plan-first
    models: [chatgpt-plan/gpt-5.5, cheap/gpt-4.1-nano]
`,
  );
}

async function signIn(): Promise<{ url: string; body: string; status: number }> {
  const start = (await (await t!.api('/api/chatgpt/sign-in', { method: 'POST', body: '{}' })).json()) as {
    url: string;
    state: string;
  };
  // The browser: the authorization server approves and sends it back to the gateway's callback.
  const res = await fetch(start.url);
  return { url: start.url, body: await res.text(), status: res.status };
}

const client = () => new OpenAI({ apiKey: 'unused', baseURL: `${t!.url}/v1`, maxRetries: 0 });
const ask = () =>
  client().chat.completions.create({
    model: 'plan-first',
    temperature: 0.3,
    messages: [{ role: 'user', content: 'hi' }],
  });

describe('Sign in with ChatGPT', () => {
  it('registers inside the authorize request with PKCE, stores the account encrypted, and discovers its models', async () => {
    await setup();
    const { url, body, status } = await signIn();
    const q = new URL(url).searchParams;
    expect(url.startsWith(`${auth!.url}/api/accounts/authorize?`)).toBe(true);
    expect(Object.fromEntries(q)).toMatchObject({
      client_id: 'dynamic_agent_client',
      agent_name_hint: 'OmniRoute',
      response_type: 'code',
      redirect_uri: `http://127.0.0.1:${t!.core.port}/auth/callback`,
      scope: SCOPES,
      resource: 'https://api.openai.com/v1',
      code_challenge_method: 'S256',
    });
    expect(q.get('ext_agent_host_id')).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(q.get('state')!.length).toBeGreaterThan(20);
    expect(q.get('nonce')!.length).toBeGreaterThan(20);
    expect(status).toBe(200);
    expect(body).toContain('You’re using your ChatGPT plan');

    const accounts = (await (await t!.api('/api/connections?providerId=chatgpt-plan')).json()) as any[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ name: 'dev@example.com', hasSecret: true });
    expect(accounts[0].signInState).toBeUndefined();
    const provider = (await (await t!.api('/api/providers/chatgpt-plan')).json()) as any;
    expect(provider.models).toContain('gpt-5.5');
    expect(provider.models).not.toContain('gpt-internal');
    expect(provider.signIn).toBe('chatgpt');

    // A second sign-in on this installation reuses its host id and is not "first time".
    const again = await signIn();
    expect(new URL(again.url).searchParams.get('ext_agent_host_id')).toBe(q.get('ext_agent_host_id'));
    expect(again.body).toContain('Signed in with ChatGPT');
    expect((await (await t!.api('/api/connections?providerId=chatgpt-plan')).json()) as any[]).toHaveLength(
      1,
    );

    t!.core.runtime.store.requestLog.flush();
    for (const f of readdirSync(dir!).filter((n) => n.startsWith('omniroute.db'))) {
      const bytes = readFileSync(path.join(dir!, f)).toString('latin1');
      expect(bytes).not.toContain(auth!.current.access);
      expect(bytes).not.toContain(auth!.current.refresh);
    }
  });

  it('a request of any format goes to /v1/responses with the documented restrictions; a plain answer is collected from the stream', async () => {
    await setup();
    await signIn();
    const res = await ask();
    expect(res.choices[0]!.message.content).toBe(TEXT);
    const seen = api!.requests.find((r) => r.path === '/v1/responses')!;
    expect(seen.headers.authorization).toBe(`Bearer ${auth!.current.access}`);
    expect(seen.json).toMatchObject({ model: 'gpt-5.5', store: false, stream: true });
    expect(seen.json.temperature).toBeUndefined();
    expect(other!.requests).toHaveLength(0);
    // A Responses caller streaming: its own body, restricted on the way.
    const stream = await client().responses.create({
      model: 'chatgpt-plan/gpt-5.5',
      input: 'hi',
      stream: true,
      temperature: 0.5,
      max_output_tokens: 100,
    });
    let text = '';
    for await (const e of stream) if (e.type === 'response.output_text.delta') text += e.delta;
    expect(text).toBe(TEXT);
    const last = api!.requests.at(-1)!.json;
    expect(last.input).toEqual([{ role: 'user', content: 'hi' }]);
    expect(last.max_output_tokens).toBeUndefined();
  });

  it('at expiry 20 concurrent requests share exactly one refresh, and the rotated token survives a restart', async () => {
    await setup();
    auth!.firstExpiresIn = 60; // inside the refresh margin: the next request refreshes
    await signIn();
    auth!.refreshDelayMs = 150;
    const results = await Promise.all(Array.from({ length: 20 }, () => ask()));
    expect(results.every((r) => r.choices[0]!.message.content === TEXT)).toBe(true);
    expect(auth!.refreshes).toBe(1);
    const tokensSeen = new Set(
      api!.requests.filter((r) => r.path === '/v1/responses').map((r) => r.headers.authorization),
    );
    expect([...tokensSeen]).toEqual([`Bearer ${auth!.current.access}`]);
    auth!.refreshDelayMs = 0;

    // Restart on the same data directory; the API then refuses the current access token, so the
    // gateway must refresh with the rotated refresh token it persisted (the first one is spent).
    await t!.close();
    t = await startTestCore({ dataDir: dir!, configFile: path.join(dir!, 'omniroute.yaml') });
    auth!.validAccess.clear();
    const res = await ask();
    expect(res.choices[0]!.message.content).toBe(TEXT);
    expect(auth!.refreshes).toBe(2);
    expect(other!.requests).toHaveLength(0);
  });

  it('a reused refresh token puts the account in "sign in again" without a retry loop; requests fall back', async () => {
    await setup();
    await signIn();
    // Another process already used this refresh token, and the API stops taking the access token.
    auth!.used.add(auth!.current.refresh);
    auth!.validAccess.clear();
    const res = await ask();
    expect(res.choices[0]!.message.content).toBe(
      JSON.parse(readFileSync(path.join('tests/fixtures/upstream/openai-chat/openai-text.json'), 'utf8'))
        .choices[0].message.content,
    );
    expect(auth!.refreshes).toBe(1);
    const accounts = (await (await t!.api('/api/connections?providerId=chatgpt-plan')).json()) as any[];
    expect(accounts[0].signInState).toBe('sign-in-again');
    const before = api!.requests.length;
    await ask();
    expect(auth!.refreshes).toBe(1); // no loop
    expect(api!.requests.length).toBe(before); // skipped until the user signs in again
    t!.core.runtime.store.requestLog.flush();
    const rows = (await (await t!.api('/api/logs?limit=1')).json()) as any;
    const detail = (await (await t!.api(`/api/logs/${rows.items[0].id}`)).json()) as any;
    // The account goes last in the order (it cannot serve), so the next step serves first time.
    expect(detail.attemptsDetail.map((a: any) => a.providerId)).toEqual(['cheap']);

    // Signing the account in again (same client id) clears the state.
    const start = (await (
      await t!.api('/api/chatgpt/sign-in', {
        method: 'POST',
        body: JSON.stringify({ connectionId: accounts[0].id }),
      })
    ).json()) as { url: string; state: string };
    const q = new URL(start.url).searchParams;
    expect(q.get('client_id')).toBe(ISSUED_CLIENT);
    expect(q.get('agent_name_hint')).toBeNull();
    expect(q.get('login_hint')).toBe('dev@example.com');
    await (await fetch(start.url)).text();
    const after = (await (await t!.api('/api/connections?providerId=chatgpt-plan')).json()) as any[];
    expect(after).toHaveLength(1);
    expect(after[0].signInState).toBeUndefined();
    expect((await ask()).choices[0]!.message.content).toBe(TEXT);
  });

  it('signing out revokes the refresh token at the discovery document’s endpoint and removes the account', async () => {
    await setup();
    await signIn();
    const [account] = (await (await t!.api('/api/connections?providerId=chatgpt-plan')).json()) as any[];
    const refresh = auth!.current.refresh;
    const out = await (
      await t!.api(`/api/chatgpt/accounts/${account.id}/sign-out`, { method: 'POST', body: '{}' })
    ).json();
    expect(out).toEqual({ revoked: true });
    expect(Object.fromEntries(auth!.revocations[0]!)).toEqual({
      token: refresh,
      token_type_hint: 'refresh_token',
      client_id: ISSUED_CLIENT,
    });
    expect((await (await t!.api('/api/connections?providerId=chatgpt-plan')).json()) as any[]).toHaveLength(
      0,
    );
    // A revocation that is not confirmed still removes the account here, and says so.
    await signIn();
    auth!.revokeStatus = 503;
    const [again] = (await (await t!.api('/api/connections?providerId=chatgpt-plan')).json()) as any[];
    const unconfirmed = await (
      await t!.api(`/api/chatgpt/accounts/${again.id}/sign-out`, { method: 'POST', body: '{}' })
    ).json();
    expect(unconfirmed).toEqual({ revoked: false, message: 'the revocation answered 503' });
    expect((await (await t!.api('/api/connections?providerId=chatgpt-plan')).json()) as any[]).toHaveLength(
      0,
    );
    expect(
      (await t!.api(`/api/chatgpt/accounts/${again.id}/sign-out`, { method: 'POST', body: '{}' })).status,
    ).toBe(404);
  });

  it('the plan’s usage limit falls back to the next step', async () => {
    await setup();
    await signIn();
    api!.queue({
      kind: 'error',
      status: 429,
      body: {
        error: {
          code: 'subscription_sharing_usage_limit_exceeded',
          type: 'usage_limit',
          message: 'You have reached your ChatGPT plan usage limit for this app.',
        },
      },
    });
    const res = await ask();
    expect(res.choices[0]!.message.content).toBe(
      JSON.parse(readFileSync('tests/fixtures/upstream/openai-chat/openai-text.json', 'utf8')).choices[0]
        .message.content,
    );
    expect(other!.requests).toHaveLength(1);
    expect(JSON.stringify(other!.requests[0]!.headers)).not.toContain(auth!.current.access);
  });

  it('a declined sign-in and a replayed callback are refused without storing anything', async () => {
    await setup();
    const start = (await (await t!.api('/api/chatgpt/sign-in', { method: 'POST', body: '{}' })).json()) as {
      state: string;
    };
    const denied = await fetch(`${t!.url}/auth/callback?error=access_denied&state=${start.state}`);
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain('You declined the sign-in.');
    const unknown = await fetch(`${t!.url}/auth/callback?code=x&state=not-a-state`);
    expect(unknown.status).toBe(400);
    expect((await (await t!.api('/api/connections?providerId=chatgpt-plan')).json()) as any[]).toHaveLength(
      0,
    );
    expect(((await (await t!.api(`/api/chatgpt/sign-in/${start.state}`)).json()) as any).state).toBe('error');
  });
});

describe('omniroute login chatgpt', () => {
  it('prints the address, waits for the sign-in and stores the account (starting a gateway when none runs)', async () => {
    auth = await startFakeAuth();
    api = await startReplayUpstream();
    other = await startReplayUpstream();
    api.setDefault(() => ({
      kind: 'error',
      status: 200,
      body: { models: [{ slug: 'gpt-5.5', visibility: 'list' }] },
    }));
    dir = tempDir();
    writeConfig();
    const p = spawnNode([
      'bin/omniroute.mjs',
      'login',
      'chatgpt',
      '--port',
      '0',
      '--data-dir',
      dir,
      '--config',
      path.join(dir, 'omniroute.yaml'),
    ]);
    const [, url] = await p.waitFor(/^\s+(http:\/\/127\.0\.0\.1:\d+\/api\/accounts\/authorize\?\S+)$/m);
    expect(new URL(url!).searchParams.get('redirect_uri')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/auth\/callback$/,
    );
    await (await fetch(url!)).text();
    await p.waitFor(/Signed in as dev@example\.com/);
    expect((await p.exited).code).toBe(0);
    t = await startTestCore({ dataDir: dir, configFile: path.join(dir, 'omniroute.yaml') });
    const accounts = (await (await t.api('/api/connections?providerId=chatgpt-plan')).json()) as any[];
    expect(accounts.map((a) => a.name)).toEqual(['dev@example.com']);
  });
});
