import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/index.js';
import { startTestCore, tempDir, type TestCore } from '../../helpers/core.js';

// Upstreams that quote the credential they were sent in their error answers — in full, as
// "Bearer <key>", and in the partial forms providers use — and a proxy whose error page quotes
// its Basic credentials. None of it may reach the caller, a log line, /api/logs or the database.

// Not `sk-…`: the logger's own patterns would hide that form and make the log check pointless.
const KEY = 'acme_live_Q7f3K9pL2mX8vR4tW6yZ1bN5';
const PROXY_USER = 'puser';
const PROXY_PASS = 'pr0xy-Pa55-9f8e7d6c5b4a';
const PROXY_BASIC = Buffer.from(`${PROXY_USER}:${PROXY_PASS}`).toString('base64');
const LOGIN = 'sk-ant-oat01-FAKE-login-token-0123456789abcdef';

/** Everything that must not be found anywhere: the secrets and the pieces the upstreams quote. */
const FORBIDDEN = [
  KEY,
  KEY.slice(0, 10),
  KEY.slice(-8),
  PROXY_PASS,
  PROXY_BASIC,
  LOGIN,
  LOGIN.slice(0, 20),
  LOGIN.slice(-8),
];

function leaks(text: string): string[] {
  return FORBIDDEN.filter((s) => text.includes(s));
}

/** The partial forms providers echo, e.g. OpenAI's "sk-proj-****…wxyz". */
const partials = (s: string, head: number) =>
  `${s.slice(0, head)}...${s.slice(-4)} / ****************${s.slice(-8)}`;

let upstream: Server;
let upstreamUrl: string;
let proxy: Server;
let proxyPort: number;
const proxySockets = new Set<Socket>();
let t: TestCore;
const logLines: string[] = [];

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function answer(req: IncomingMessage, res: ServerResponse): void {
  const auth = String(req.headers.authorization ?? '');
  const path = req.url ?? '';
  req.resume();
  req.on('end', () => {
    if (path.startsWith('/openai/')) {
      // OpenAI's own wording, with the key in every form.
      return json(res, 401, {
        error: {
          message: `Incorrect API key provided: ${auth}. Hint: ${partials(KEY, 10)}. You can find your API key at https://platform.example/account/api-keys.`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    }
    if (path.startsWith('/stream/')) {
      // An error event as the first event of a 200 stream.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        `data: ${JSON.stringify({ error: { message: `key ${auth} (${partials(KEY, 10)}) is not allowed`, type: 'server_error' } })}\n\n`,
      );
      return;
    }
    if (path.startsWith('/vendor/')) {
      return json(res, 401, {
        type: 'error',
        error: {
          type: 'authentication_error',
          message: `Invalid bearer token ${partials(LOGIN, 20)} (received ${auth})`,
        },
      });
    }
    json(res, 404, { error: { message: 'no such path' } });
  });
}

/**
 * An HTTP CONNECT proxy that answers the tunnelled request itself with an error page quoting
 * the credentials it was given (corporate proxies and gateways do print their headers).
 */
function proxyServer(): Server {
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connection', (s: Socket) => {
    proxySockets.add(s);
    s.on('close', () => proxySockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket) => {
    const got = String(req.headers['proxy-authorization'] ?? '');
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    client.once('data', () => {
      const body = JSON.stringify({
        error: {
          message: `proxy could not forward the request: Proxy-Authorization: ${got}; user ${PROXY_USER}:${PROXY_PASS}`,
          type: 'server_error',
        },
      });
      client.end(
        `HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
    client.on('error', () => client.destroy());
  });
  return server;
}

const listen = async (s: Server) => {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as { port: number }).port;
};

beforeAll(async () => {
  upstream = createServer(answer);
  upstreamUrl = `http://127.0.0.1:${await listen(upstream)}`;
  proxy = proxyServer();
  proxyPort = await listen(proxy);
  const dir = tempDir();
  const file = path.join(dir, 'omniroute.yaml');
  writeFileSync(
    file,
    `providers:
  - id: echo
    format: openai-chat
    baseUrl: ${upstreamUrl}/openai/v1
    models: [m1]
    accounts:
      - apiKey: ${KEY}
  - id: echo2
    format: openai-chat
    baseUrl: ${upstreamUrl}/openai/v1
    models: [m1]
    accounts:
      - apiKey: ${KEY}
  - id: echostream
    format: openai-chat
    baseUrl: ${upstreamUrl}/stream/v1
    models: [m1]
    accounts:
      - apiKey: ${KEY}
  - id: viaproxy
    format: openai-chat
    baseUrl: http://upstream.test/v1
    models: [m1]
    accounts:
      - apiKey: ${KEY}
        proxy: http://${PROXY_USER}:${PROXY_PASS}@127.0.0.1:${proxyPort}
  - id: claude-login
    login: anthropic
    baseUrl: ${upstreamUrl}/vendor
    models: [claude-sonnet-4-6]
`,
  );
  t = await startTestCore({
    dataDir: dir,
    configFile: file,
    logger: createLogger('debug', (line) => void logLines.push(line)),
  });
});

afterAll(async () => {
  await t?.close();
  for (const s of proxySockets) s.destroy();
  await new Promise((r) => proxy?.close(r));
  await new Promise((r) => upstream?.close(r));
});

const chat = (model: string) =>
  fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });

const messages = (model: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  fetch(`${t.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
    body: JSON.stringify({ model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], ...extra }),
  });

const loginHeaders = { authorization: `Bearer ${LOGIN}`, 'anthropic-beta': 'oauth-2025-04-20' };

describe('secrets quoted by an upstream error', () => {
  it('same format: the upstream error body passed through is redacted', async () => {
    const res = await chat('echo/m1');
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(leaks(text)).toEqual([]);
    expect(text).toContain('Bearer [redacted]');
    // The rest of the vendor's answer is kept.
    expect(JSON.parse(text).error.code).toBe('invalid_api_key');
  });

  it('translated: the error message in the caller format is redacted', async () => {
    // Another provider: the first 401 rested the account of echo.
    const res = await messages('echo2/m1');
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(leaks(text)).toEqual([]);
    expect(JSON.parse(text).error.message).toContain('[redacted]');
  });

  it('an error event opening a translated stream is redacted', async () => {
    const res = await messages('echostream/m1', { stream: true });
    const text = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(leaks(text)).toEqual([]);
    expect(text).toContain('[redacted]');
  });

  it("a proxy's error page quoting its credentials is redacted", async () => {
    const res = await chat('viaproxy/m1');
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(leaks(text)).toEqual([]);
    expect(text).toContain('[redacted]');
  });

  it("the caller's own login quoted back by its vendor is redacted (routed request and side call)", async () => {
    const res = await messages('claude-login/claude-sonnet-4-6', {}, loginHeaders);
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(leaks(text)).toEqual([]);
    expect(text).toContain('[redacted]');

    const side = await fetch(`${t.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...loginHeaders },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(side.status).toBe(401);
    const sideText = await side.text();
    expect(leaks(sideText)).toEqual([]);
    expect(sideText).toContain('[redacted]');
  });

  it('nothing of it reaches /api/logs, the log lines or the database files', async () => {
    const list = (await (await t.api('/api/logs?limit=50')).json()) as { items: Array<{ id: string }> };
    expect(list.items.length).toBeGreaterThanOrEqual(5);
    const listed = JSON.stringify(list);
    expect(leaks(listed)).toEqual([]);
    expect(listed).toContain('[redacted]');
    for (const item of list.items) {
      const one = await (await t.api(`/api/logs/${item.id}`)).text();
      expect(leaks(one), item.id).toEqual([]);
    }
    const rows = t.core.runtime.store.db.prepare('SELECT * FROM request_log').all();
    expect(leaks(JSON.stringify(rows))).toEqual([]);
    // The bytes on disk: the database and its write-ahead log (proxy URLs are sealed too).
    t.core.runtime.store.requestLog.flush();
    for (const f of ['omniroute.db', 'omniroute.db-wal']) {
      const file = path.join(t.dataDir, f);
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (const s of FORBIDDEN) expect(bytes.includes(Buffer.from(s)), `${f}: ${s}`).toBe(false);
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(leaks(logLines.join('\n'))).toEqual([]);
  });
});
