import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  connect as netConnect,
  createServer as createNetServer,
  isIPv4,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProxyDispatcher, socks5Connector } from '../../../core/gateway/proxy.js';
import { transportError } from '../../../core/gateway/upstream.js';
import { DEFAULT_TIMEOUTS } from '../../../core/runtime/timeouts.js';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// Real proxies on 127.0.0.1, written here: an HTTP CONNECT proxy and a SOCKS5 server. Both
// resolve the made-up host "upstream.test" to the replay upstream, which nothing else can:
// a request to it that succeeds went through a proxy. Both count the requests they carried
// (the tunnels hold plain HTTP: the replay upstream is http://).

const FAKE_HOST = 'upstream.test';
const resolveName = (host: string) => (host === FAKE_HOST ? '127.0.0.1' : host);

interface TestProxy {
  url: string;
  port: number;
  /** POSTs seen inside tunnels. */
  requests: number;
  tunnels: number;
  /** Tunnels still open. */
  open: () => number;
  targets: string[];
  authHeaders: Array<string | undefined>;
  close(): Promise<void>;
}

function countPosts(p: TestProxy, from: Socket): void {
  from.on('data', (chunk: Buffer) => {
    p.requests += chunk.toString('latin1').match(/(^|\r\n)POST \//g)?.length ?? 0;
  });
}

function pipeBoth(a: Socket, b: Socket, live: Set<Socket>): void {
  for (const s of [a, b]) {
    live.add(s);
    s.on('close', () => live.delete(s));
    s.on('error', () => {
      a.destroy();
      b.destroy();
    });
  }
  a.pipe(b);
  b.pipe(a);
}

async function listening(server: NetServer): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

async function startHttpProxy(opts: { auth?: { user: string; pass: string } } = {}): Promise<TestProxy> {
  const live = new Set<Socket>();
  const tunnels = new Set<Socket>();
  const server = createHttpServer((_req, res) => {
    res.writeHead(405).end();
  });
  const p: TestProxy = {
    url: '',
    port: 0,
    requests: 0,
    tunnels: 0,
    open: () => tunnels.size,
    targets: [],
    authHeaders: [],
    close: () =>
      new Promise((r) => {
        for (const s of live) s.destroy();
        server.close(() => r());
      }),
  };
  const expected =
    opts.auth && `Basic ${Buffer.from(`${opts.auth.user}:${opts.auth.pass}`).toString('base64')}`;
  server.on('connection', (s: Socket) => {
    live.add(s);
    s.on('close', () => live.delete(s));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const auth = req.headers['proxy-authorization'];
    p.authHeaders.push(auth);
    if (expected && auth !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    const target = req.url ?? '';
    p.targets.push(target);
    const colon = target.lastIndexOf(':');
    const upstream = netConnect(Number(target.slice(colon + 1)), resolveName(target.slice(0, colon)), () => {
      p.tunnels++;
      tunnels.add(client);
      client.once('close', () => tunnels.delete(client));
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      countPosts(p, client);
      pipeBoth(client, upstream, live);
    });
    upstream.on('error', () => client.destroy());
  });
  p.port = await listening(server);
  p.url = opts.auth
    ? `http://${opts.auth.user}:${opts.auth.pass}@127.0.0.1:${p.port}`
    : `http://127.0.0.1:${p.port}`;
  return p;
}

/** Buffered exact reads for the SOCKS server side. */
function reader(s: Socket) {
  let buf = Buffer.alloc(0);
  let waiting: (() => void) | undefined;
  const onData = (c: Buffer) => {
    buf = Buffer.concat([buf, c]);
    waiting?.();
  };
  s.on('data', onData);
  return {
    async read(n: number): Promise<Buffer> {
      while (buf.length < n) await new Promise<void>((r) => (waiting = r));
      const out = buf.subarray(0, n);
      buf = buf.subarray(n);
      return out;
    },
    detach(): Buffer {
      s.off('data', onData);
      return buf;
    },
  };
}

async function startSocks5(opts: { auth?: { user: string; pass: string } } = {}): Promise<TestProxy> {
  const live = new Set<Socket>();
  const tunnels = new Set<Socket>();
  const p: TestProxy = {
    url: '',
    port: 0,
    requests: 0,
    tunnels: 0,
    open: () => tunnels.size,
    targets: [],
    authHeaders: [],
    close: () =>
      new Promise((r) => {
        for (const s of live) s.destroy();
        server.close(() => r());
      }),
  };
  const server = createNetServer(async (client) => {
    live.add(client);
    client.on('close', () => live.delete(client));
    client.on('error', () => client.destroy());
    const r = reader(client);
    try {
      const [, n] = await r.read(2);
      const methods = [...(await r.read(n!))];
      if (opts.auth) {
        if (!methods.includes(2)) return void client.end(Buffer.from([5, 0xff]));
        client.write(Buffer.from([5, 2]));
        const [, ulen] = await r.read(2);
        const user = (await r.read(ulen!)).toString();
        const [plen] = await r.read(1);
        const pass = (await r.read(plen!)).toString();
        p.authHeaders.push(`${user}:${pass}`);
        if (user !== opts.auth.user || pass !== opts.auth.pass) return void client.end(Buffer.from([1, 1]));
        client.write(Buffer.from([1, 0]));
      } else {
        if (!methods.includes(0)) return void client.end(Buffer.from([5, 0xff]));
        client.write(Buffer.from([5, 0]));
      }
      const [, cmd, , atyp] = await r.read(4);
      let host: string;
      if (atyp === 1) host = [...(await r.read(4))].join('.');
      else if (atyp === 3) host = (await r.read((await r.read(1))[0]!)).toString();
      else host = (await r.read(16)).toString('hex').replace(/(.{4})(?!$)/g, '$1:');
      const port = (await r.read(2)).readUInt16BE(0);
      p.targets.push(`${atyp === 3 ? 'name' : 'ip'} ${host}:${port}`);
      if (cmd !== 1) return void client.end(Buffer.from([5, 7, 0, 1, 0, 0, 0, 0, 0, 0]));
      const upstream = netConnect(port, resolveName(host), () => {
        p.tunnels++;
        tunnels.add(client);
        client.once('close', () => tunnels.delete(client));
        client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
        const rest = r.detach();
        if (rest.length) upstream.write(rest);
        countPosts(p, client);
        pipeBoth(client, upstream, live);
      });
      upstream.on('error', () => client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0])));
    } catch {
      client.destroy();
    }
  });
  p.port = await listening(server);
  const auth = opts.auth ? `${opts.auth.user}:${opts.auth.pass}@` : '';
  p.url = `socks5h://${auth}127.0.0.1:${p.port}`;
  return p;
}

/** A port nothing listens on: connecting there is refused at once. */
async function deadPort(): Promise<number> {
  const s = createNetServer();
  const port = await listening(s);
  await new Promise((r) => s.close(r));
  return port;
}

/** A plain TCP forwarder on a non-loopback address of this machine, to the replay upstream. */
async function startForwarder(host: string, to: number) {
  const live = new Set<Socket>();
  const f = { requests: 0, port: 0 };
  const server = createNetServer((client) => {
    const upstream = netConnect(to, '127.0.0.1');
    client.on('data', (c: Buffer) => {
      f.requests += c.toString('latin1').match(/(^|\r\n)POST \//g)?.length ?? 0;
    });
    pipeBoth(client, upstream, live);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  f.port = (server.address() as { port: number }).port;
  return {
    ...f,
    get requests() {
      return f.requests;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of live) s.destroy();
        server.close(() => r());
      }),
  };
}

const externalIPv4 = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && isIPv4(i.address))?.address;

let up: ReplayUpstream;
let envProxy: TestProxy;
let globalProxy: TestProxy;
let socks: TestProxy;
let authProxy: TestProxy;
let forwarder: Awaited<ReturnType<typeof startForwarder>> | undefined;
let t: TestCore;
let upPort: number;
let connA: string;

const chat = (model: string) =>
  fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: `hi ${Math.random()}` }] }),
  });

const json = (method: string, body: unknown) => ({ method, body: JSON.stringify(body) });

beforeAll(async () => {
  up = await startReplayUpstream();
  up.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
  upPort = Number(new URL(up.url).port);
  envProxy = await startHttpProxy();
  globalProxy = await startHttpProxy();
  socks = await startSocks5({ auth: { user: 'suser', pass: 'spass-canary' } });
  authProxy = await startHttpProxy({ auth: { user: 'puser', pass: 'ppass-canary' } });
  if (externalIPv4) forwarder = await startForwarder(externalIPv4, upPort);
  t = await startTestCore({
    timeouts: { connectMs: 1500, firstByteMs: 3000, answerMs: 3000, stallMs: 3000 },
    env: {
      HTTP_PROXY: envProxy.url,
      NO_PROXY: `example.invalid, ${externalIPv4 ? `${externalIPv4.split('.').slice(0, 3).join('.')}.0/24` : ''}`,
    },
  });
  await t.api('/api/settings', json('PATCH', { cacheEnabled: false }));
  // "px" is reachable only by name, through a proxy; "loop" is on loopback.
  await t.api(
    '/api/providers/px',
    json('PUT', { format: 'openai-chat', baseUrl: `http://${FAKE_HOST}:${upPort}/v1` }),
  );
  await t.api(
    '/api/providers/loop',
    json('PUT', { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') }),
  );
  const a = await t.api(
    '/api/connections',
    json('POST', { providerId: 'px', name: 'a', apiKey: 'key-px-a' }),
  );
  connA = ((await a.json()) as { id: string }).id;
  await t.api('/api/connections', json('POST', { providerId: 'loop', name: 'a', apiKey: 'key-loop-a' }));
});

afterAll(async () => {
  await t?.close();
  for (const p of [envProxy, globalProxy, socks, authProxy]) await p?.close();
  await forwarder?.close();
  await up?.close();
});

beforeEach(async () => {
  up.requests.length = 0;
  await t.api('/api/health/reset', { method: 'POST', body: '{}' });
});

const counts = () => [envProxy.requests, globalProxy.requests, socks.requests, authProxy.requests];

describe('upstream proxy precedence: connection → provider → global → environment', () => {
  it('environment: HTTP_PROXY carries a request to a non-local upstream, which it reaches', async () => {
    const before = counts();
    const res = await chat('px/m');
    expect(res.status).toBe(200);
    expect(counts()).toEqual([before[0]! + 1, before[1], before[2], before[3]]);
    expect(envProxy.targets).toContain(`${FAKE_HOST}:${upPort}`);
    expect(up.requests).toHaveLength(1);
    expect(up.requests[0]!.headers.authorization).toBe('Bearer key-px-a');
  });

  it('environment: loopback upstreams always go direct', async () => {
    const before = counts();
    expect((await chat('loop/m')).status).toBe(200);
    expect(counts()).toEqual(before);
    expect(up.requests).toHaveLength(1);
  });

  it.skipIf(!externalIPv4)('environment: NO_PROXY (a CIDR range here) goes direct', async () => {
    await t.api(
      '/api/providers/lan',
      json('PUT', { format: 'openai-chat', baseUrl: `http://${externalIPv4}:${forwarder!.port}/v1` }),
    );
    await t.api('/api/connections', json('POST', { providerId: 'lan', name: 'a', apiKey: 'k' }));
    const before = counts();
    const direct = forwarder!.requests;
    expect((await chat('lan/m')).status).toBe(200);
    expect(counts()).toEqual(before);
    expect(forwarder!.requests).toBe(direct + 1);
  });

  it('global beats environment', async () => {
    await t.api('/api/settings', json('PATCH', { proxy: globalProxy.url }));
    const before = counts();
    expect((await chat('px/m')).status).toBe(200);
    expect(counts()).toEqual([before[0], before[1]! + 1, before[2], before[3]]);
    // The global proxy is not for this machine either.
    expect((await chat('loop/m')).status).toBe(200);
    expect(counts()).toEqual([before[0], before[1]! + 1, before[2], before[3]]);
    expect(up.requests).toHaveLength(2);
  });

  it('provider beats global (SOCKS5 with user/password; socks5h: the proxy resolves the name)', async () => {
    await t.api(
      '/api/providers/px',
      json('PUT', { format: 'openai-chat', baseUrl: `http://${FAKE_HOST}:${upPort}/v1`, proxy: socks.url }),
    );
    const before = counts();
    expect((await chat('px/m')).status).toBe(200);
    expect(counts()).toEqual([before[0], before[1], before[2]! + 1, before[3]]);
    expect(socks.targets).toContain(`name ${FAKE_HOST}:${upPort}`);
    expect(socks.authHeaders).toContain('suser:spass-canary');
    const view = await (await t.api('/api/providers/px')).text();
    expect(view).toContain(`"proxy":"socks5h://***@127.0.0.1:${socks.port}"`);
    expect(view).not.toContain('spass-canary');
  });

  it('connection beats provider (HTTP proxy with Basic auth from the URL)', async () => {
    await t.api(`/api/connections/${connA}`, json('PATCH', { proxy: authProxy.url }));
    const before = counts();
    expect((await chat('px/m')).status).toBe(200);
    expect(counts()).toEqual([before[0], before[1], before[2], before[3]! + 1]);
    expect(authProxy.authHeaders.at(-1)).toBe(
      `Basic ${Buffer.from('puser:ppass-canary').toString('base64')}`,
    );
    const list = await (await t.api('/api/connections')).text();
    expect(list).toContain(`"proxy":"http://***@127.0.0.1:${authProxy.port}"`);
    expect(list).not.toContain('ppass-canary');
  });

  it('sending back the masked value keeps the stored proxy; a masked value that matches nothing is refused', async () => {
    const masked = `http://***@127.0.0.1:${authProxy.port}`;
    const kept = await t.api(`/api/connections/${connA}`, json('PATCH', { proxy: masked, priority: 0 }));
    expect(kept.status).toBe(200);
    expect(t.core.runtime.connections.find((c) => c.id === connA)?.proxy).toBe(authProxy.url);
    const wrong = await t.api(
      `/api/connections/${connA}`,
      json('PATCH', { proxy: 'http://***@127.0.0.1:1' }),
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as any).error.param).toBe('proxy');
    await t.api(
      '/api/settings',
      json('PATCH', { proxy: `http://u:settings-canary@127.0.0.1:${globalProxy.port}` }),
    );
    const settings = await (await t.api('/api/settings')).text();
    expect(settings).toContain(`"proxy":"http://***@127.0.0.1:${globalProxy.port}"`);
    expect(settings).not.toContain('settings-canary');
    await t.api('/api/settings', json('PATCH', { proxy: globalProxy.url }));
  });

  it('back down the chain: without the connection proxy the provider proxy serves again, then global, then env', async () => {
    await t.api(`/api/connections/${connA}`, json('PATCH', { proxy: null }));
    let before = counts();
    await chat('px/m');
    expect(counts()).toEqual([before[0], before[1], before[2]! + 1, before[3]]);
    await t.api(
      '/api/providers/px',
      json('PUT', { format: 'openai-chat', baseUrl: `http://${FAKE_HOST}:${upPort}/v1` }),
    );
    before = counts();
    await chat('px/m');
    expect(counts()).toEqual([before[0], before[1]! + 1, before[2], before[3]]);
    await t.api('/api/settings', json('PATCH', { proxy: null }));
    before = counts();
    await chat('px/m');
    expect(counts()).toEqual([before[0]! + 1, before[1], before[2], before[3]]);
  });

  it('socks5:// resolves locally and also carries loopback traffic when set on the account', async () => {
    const res = await t.api(
      '/api/connections',
      json('POST', {
        providerId: 'loop',
        name: 'via-socks',
        apiKey: 'k2',
        priority: -1,
        proxy: socks.url.replace('socks5h:', 'socks5:'),
      }),
    );
    expect(res.status).toBe(201);
    const before = socks.requests;
    expect((await chat('loop/m')).status).toBe(200);
    expect(socks.requests).toBe(before + 1);
    expect(socks.targets.at(-1)).toBe(`ip 127.0.0.1:${upPort}`);
    await t.api(`/api/connections/${((await res.json()) as { id: string }).id}`, { method: 'DELETE' });
  });

  it('count_tokens goes through the same proxy', async () => {
    await t.api(
      '/api/providers/pxa',
      json('PUT', {
        format: 'anthropic',
        baseUrl: `http://${FAKE_HOST}:${upPort}/v1`,
        proxy: globalProxy.url,
      }),
    );
    await t.api('/api/connections', json('POST', { providerId: 'pxa', name: 'a', apiKey: 'k' }));
    up.queue({
      kind: 'error',
      status: 500,
      body: { type: 'error', error: { type: 'api_error', message: 'x' } },
    });
    const before = globalProxy.requests;
    const res = await fetch(`${t.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'pxa/claude', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(globalProxy.requests).toBe(before + 1);
    expect(up.requests.at(-1)?.path).toBe('/v1/messages/count_tokens');
  });
});

describe('a dead or refusing proxy', () => {
  it('is a connect failure: the next account serves, and the log names the proxy without its credentials', async () => {
    const dead = await deadPort();
    await t.api(
      '/api/providers/px2',
      json('PUT', { format: 'openai-chat', baseUrl: `http://${FAKE_HOST}:${upPort}/v1` }),
    );
    await t.api(
      '/api/connections',
      json('POST', {
        providerId: 'px2',
        name: 'first',
        apiKey: 'k1',
        priority: 0,
        proxy: `http://someone:dead-canary@127.0.0.1:${dead}`,
      }),
    );
    await t.api(
      '/api/connections',
      json('POST', { providerId: 'px2', name: 'second', apiKey: 'k2', priority: 1, proxy: globalProxy.url }),
    );
    const res = await chat('px2/m');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omniroute-attempts')).toBe('2');
    expect(up.requests.map((r) => r.headers.authorization)).toEqual(['Bearer k2']);
    t.core.runtime.store.requestLog.flush();
    const id = res.headers.get('x-request-id');
    const detail = (await (await t.api(`/api/logs/${id}`)).json()) as any;
    const first = JSON.stringify(detail.attemptsDetail[0]);
    expect(first).toContain(`through proxy http://127.0.0.1:${dead}`);
    expect(first).toContain('ECONNREFUSED');
    expect(JSON.stringify(detail)).not.toContain('dead-canary');
  });

  it('an unparseable proxy URL fails that account (never a silent direct connection)', async () => {
    await t.api(
      '/api/providers/px3',
      json('PUT', { format: 'openai-chat', baseUrl: `http://${FAKE_HOST}:${upPort}/v1` }),
    );
    const add = await t.api(
      '/api/connections',
      json('POST', { providerId: 'px3', name: 'a', apiKey: 'k', proxy: 'http://[oops' }),
    );
    expect(add.status).toBe(201);
    const before = counts();
    const res = await chat('px3/m');
    expect(res.status).toBe(502);
    expect(((await res.json()) as any).error.message).toContain('is not valid');
    expect(counts()).toEqual(before);
    expect(up.requests).toHaveLength(0);
  });

  it.each([
    ['HTTP proxy, nothing listening', async () => `http://127.0.0.1:${await deadPort()}`],
    ['SOCKS5 proxy, nothing listening', async () => `socks5h://127.0.0.1:${await deadPort()}`],
    [
      'HTTP proxy refusing the credentials (407)',
      async () => `http://puser:wrong@127.0.0.1:${authProxy.port}`,
    ],
    ['SOCKS5 proxy refusing the credentials', async () => `socks5h://suser:wrong@127.0.0.1:${socks.port}`],
  ])('%s: transportError kind "connect"', async (_name, proxyUrl) => {
    const url = await proxyUrl();
    const d = createProxyDispatcher(url, { ...DEFAULT_TIMEOUTS, connectMs: 1500 });
    try {
      const err = await d
        .request({
          origin: `http://${FAKE_HOST}:${upPort}`,
          path: '/v1/chat/completions',
          method: 'POST',
          body: '{}',
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeDefined();
      const e = transportError(err, 'px', 'proxy');
      expect(e.transport).toBe('connect');
      expect(e.status).toBe(502);
    } finally {
      await d.close();
    }
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('https origins through SOCKS5', () => {
  it.skipIf(!hasOpenssl)('tunnels, then verifies the origin certificate for its name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'omniroute-tls-'));
    const [key, cert] = ['key.pem', 'cert.pem'].map((f) => path.join(dir, f)) as [string, string];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
        '-subj',
        `/CN=${FAKE_HOST}`,
        '-addext',
        `subjectAltName=DNS:${FAKE_HOST}`,
      ]),
      { stdio: 'ignore' },
    );
    const ca = readFileSync(cert);
    const origin = createHttpsServer({ key: readFileSync(key), cert: ca }, (req, res) => {
      res.end(`tls ok ${req.url}`);
    });
    const port = await listening(origin);
    const before = socks.tunnels;
    const agent = new Agent({ connect: socks5Connector(new URL(socks.url), 2000, { ca }) });
    const wrongName = new Agent({ connect: socks5Connector(new URL(socks.url), 2000, { ca }) });
    try {
      const res = await agent.request({ origin: `https://${FAKE_HOST}:${port}`, path: '/x', method: 'GET' });
      expect(await res.body.text()).toBe('tls ok /x');
      expect(socks.tunnels).toBe(before + 1);
      // Through the same tunnel kind, a name the certificate does not carry is refused.
      const err = await wrongName
        .request({ origin: `https://127.0.0.1:${port}`, path: '/', method: 'GET' })
        .then(
          () => undefined,
          (e: unknown) => e as Error,
        );
      expect(String(err)).toMatch(/altname|IP: 127\.0\.0\.1|certificate/i);
    } finally {
      await agent.close();
      await wrongName.close();
      await new Promise((r) => origin.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('shutdown', () => {
  it('closes every proxy dispatcher: no tunnel stays open after stop', async () => {
    const own = await startHttpProxy();
    const ownSocks = await startSocks5();
    const local = await startTestCore({ env: { HTTP_PROXY: own.url } });
    try {
      await local.api('/api/settings', json('PATCH', { cacheEnabled: false }));
      for (const [id, proxy] of [
        ['viaenv', undefined],
        ['viasocks', ownSocks.url],
      ] as const) {
        await local.api(
          `/api/providers/${id}`,
          json('PUT', { format: 'openai-chat', baseUrl: `http://${FAKE_HOST}:${upPort}/v1`, proxy }),
        );
        await local.api('/api/connections', json('POST', { providerId: id, name: 'a', apiKey: 'k' }));
        const r = await fetch(`${local.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: `${id}/m`, messages: [{ role: 'user', content: 'x' }] }),
        });
        expect(r.status).toBe(200);
      }
      // Keep-alive: the tunnels stay open after the answers.
      expect(own.open()).toBe(1);
      expect(ownSocks.open()).toBe(1);
    } finally {
      await local.close();
    }
    await expect.poll(() => own.open() + ownSocks.open(), { timeout: 2000 }).toBe(0);
    await own.close();
    await ownSocks.close();
  });
});
