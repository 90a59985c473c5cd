import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// A web page the user visits can POST to 127.0.0.1 (a "simple" text/plain request needs no
// preflight) and, through DNS rebinding, make its own name point here and read the answers.
// Requests below carry the headers a browser sends; `fetch` cannot set Host, so node:http.

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {}
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

let t: TestCore;
let up: ReplayUpstream;
let port: number;
const chat = JSON.stringify({ model: 'up/m', messages: [{ role: 'user', content: 'x' }] });
const patch = (body: unknown) => t.api('/api/settings', { method: 'PATCH', body: JSON.stringify(body) });
const post = (path: string, headers: Record<string, string>, body = chat) =>
  send(port, 'POST', path, { 'content-type': 'application/json', ...headers }, body);

beforeAll(async () => {
  up = await startReplayUpstream();
  up.setDefault((r) =>
    r.path.includes('generateContent')
      ? { kind: 'fixture', file: 'gemini/google-text.json' }
      : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
  );
  t = await startTestCore();
  port = t.core.port;
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

describe('browsers and DNS rebinding', () => {
  it("a cross-site page's simple POST never reaches the upstream, in every caller format", async () => {
    const before = up.requests.length;
    const page = {
      origin: 'http://evil.example',
      'sec-fetch-site': 'cross-site',
      'content-type': 'text/plain',
    };
    const openai = await post('/v1/chat/completions', page);
    expect(openai.status).toBe(403);
    expect(openai.json.error).toMatchObject({ type: 'permission_error' });
    expect(openai.json.error.message).toContain('corsOrigins');
    const anthropic = await post('/v1/messages', page, '{}');
    expect(anthropic.json).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
    const gemini = await post('/v1beta/models/up/m:generateContent', page, '{}');
    expect(gemini.json.error.status).toBe('PERMISSION_DENIED');
    // No Origin (a no-cors request) but the browser still says it is cross-site.
    const noOrigin = await post('/v1/responses', { 'sec-fetch-site': 'cross-site' }, '{}');
    expect(noOrigin.status).toBe(403);
    // Another port of localhost is the same site but another origin: still refused.
    const sameSite = await post('/v1/chat/completions', {
      origin: 'http://localhost:3000',
      'sec-fetch-site': 'same-site',
    });
    expect(sameSite.status).toBe(403);
    expect(up.requests.length).toBe(before);
  });

  it('a rebound DNS name is refused on every route; loopback names and listed names are answered', async () => {
    const before = up.requests.length;
    const evil = { host: `evil.example:${port}` };
    expect((await post('/v1/chat/completions', evil)).status).toBe(403);
    expect((await send(port, 'GET', '/v1/models', evil)).status).toBe(403);
    expect((await send(port, 'GET', '/', evil)).status).toBe(403);
    expect(
      (await send(port, 'GET', '/api/health', { ...evil, authorization: `Bearer ${t.adminToken}` })).status,
    ).toBe(403);
    expect(up.requests.length).toBe(before);

    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `app.localhost:${port}`, `[::1]:${port}`])
      expect((await post('/v1/chat/completions', { host })).status, host).toBe(200);

    expect((await post('/v1/chat/completions', { host: `mybox.lan:${port}` })).status).toBe(403);
    expect((await patch({ allowedHosts: ['mybox.lan'] })).status).toBe(200);
    expect((await post('/v1/chat/completions', { host: `mybox.lan:${port}` })).status).toBe(200);
    expect((await post('/v1/chat/completions', { host: `MyBox.LAN:${port}` })).status).toBe(200);
    expect((await patch({ allowedHosts: [] })).status).toBe(200);
    expect((await post('/v1/chat/completions', { host: `mybox.lan:${port}` })).status).toBe(403);
  });

  it('agents, SDKs and the dashboard itself keep working', async () => {
    // curl / SDK: no browser headers at all.
    expect((await post('/v1/chat/completions', {})).status).toBe(200);
    // The dashboard's own page (the translator playground): same origin.
    const same = await post('/v1/chat/completions', {
      origin: `http://127.0.0.1:${port}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
    const api = await send(port, 'GET', '/api/health', {
      origin: `http://127.0.0.1:${port}`,
      authorization: `Bearer ${t.adminToken}`,
    });
    expect(api.status).toBe(200);
    // A page typed into the address bar or opened from a terminal.
    expect((await send(port, 'GET', '/', { 'sec-fetch-site': 'none' })).status).toBe(200);
  });

  it('a listed origin gets a CORS preflight and its answers; the management API stays closed to it', async () => {
    const origin = 'http://app.example:3000';
    const refused = await send(port, 'OPTIONS', '/v1/chat/completions', {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();

    expect((await patch({ corsOrigins: [origin] })).status).toBe(200);
    const pre = await send(port, 'OPTIONS', '/v1/chat/completions', {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(origin);
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    expect(pre.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect(pre.headers.vary).toContain('Origin');

    const ok = await post('/v1/chat/completions', { origin, 'sec-fetch-site': 'cross-site' });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(origin);
    expect(ok.json.choices[0].message.content).toBeTruthy();

    const api = await send(port, 'GET', '/api/health', { origin, authorization: `Bearer ${t.adminToken}` });
    expect(api.status).toBe(403);
    // Other origins stay refused.
    expect((await post('/v1/chat/completions', { origin: 'http://other.example' })).status).toBe(403);
    expect((await patch({ corsOrigins: [] })).status).toBe(200);
  });

  it('settings refuse malformed hosts and origins', async () => {
    expect((await patch({ corsOrigins: ['http://app.example/path'] })).status).toBe(400);
    expect((await patch({ corsOrigins: ['*'] })).status).toBe(400);
    expect((await patch({ allowedHosts: ['evil host'] })).status).toBe(400);
  });
});
