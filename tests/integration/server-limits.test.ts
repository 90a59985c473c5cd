import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { createLogger, type LogLevel } from '../../core/index.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// What a caller can hold of the server: the time it takes to send a request body
// (requestBodyTimeoutMs) and the number of connections (maxConnections). Raw sockets, so a body
// can be sent in part and connections counted exactly.

let t: TestCore;
let up: ReplayUpstream;
const lines: Array<{ level: LogLevel; line: string }> = [];

beforeAll(async () => {
  up = await startReplayUpstream();
  up.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
  t = await startTestCore({ logger: createLogger('debug', (line, level) => lines.push({ level, line })) });
  await t.addProvider(
    'up',
    { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
    { name: 'k', apiKey: 'key-up' },
  );
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

async function settings(patch: Record<string, unknown>): Promise<void> {
  const r = await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify(patch) });
  expect(r.status, await r.clone().text()).toBe(200);
}

/** A raw connection to the core that records what comes back and whether the server closed it. */
async function open(): Promise<{ socket: Socket; received: () => string; ended: Promise<void> }> {
  const { port } = new URL(t.url);
  const socket = connect(Number(port), '127.0.0.1');
  let got = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (got += d));
  socket.on('error', () => {});
  const ended = new Promise<void>((r) => socket.once('close', () => r()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => got, ended };
}

const head = (path: string, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

/** Resolves once `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('request body timeout (setting requestBodyTimeoutMs)', () => {
  it('answers a body that stops half-way with 408 in the caller format, then closes the connection', async () => {
    await settings({ requestBodyTimeoutMs: 1000 });
    const body = JSON.stringify({ model: 'up/m', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] });
    const c = await open();
    const t0 = performance.now();
    c.socket.write(head('/v1/messages', body.length) + body.slice(0, 20)); // ...and nothing more
    await until(() => c.received().length > 0, 10_000, 'an answer');
    const ms = performance.now() - t0;
    await c.ended;
    const res = c.received();
    expect(res).toMatch(/^HTTP\/1\.1 408 /);
    const json = JSON.parse(res.slice(res.indexOf('\r\n\r\n') + 4));
    expect(json).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
    expect(json.error.message).toContain('requestBodyTimeoutMs');
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(up.requests).toHaveLength(0);
  });

  it('a body that trickles in is cut at the same limit (it counts from the start, not from the last byte)', async () => {
    await settings({ requestBodyTimeoutMs: 1000 });
    const body = JSON.stringify({ model: 'up/m', messages: [{ role: 'user', content: 'x'.repeat(200) }] });
    const c = await open();
    c.socket.write(head('/v1/chat/completions', body.length));
    let i = 0;
    const drip = setInterval(() => {
      if (i < body.length && !c.socket.destroyed) c.socket.write(body[i++]!);
    }, 50);
    await c.ended;
    clearInterval(drip);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(c.received().slice(c.received().indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { type: 'timeout_error' },
    });
    expect(i).toBeLessThan(body.length);
  });

  it('a body that arrives in time is served', async () => {
    await settings({ requestBodyTimeoutMs: 1000 });
    const res = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'up/m', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(res.status).toBe(200);
  });
});

describe('client aborts', () => {
  it('a caller that goes away while sending its body is logged at info, not as an error', async () => {
    await settings({ requestBodyTimeoutMs: 60_000 });
    const errorsBefore = lines.filter((l) => l.level === 'error').length;
    const c = await open();
    // The server answers "100 Continue" once it has the request's head and hands it on: then the
    // caller sends part of its body and leaves.
    c.socket.write(
      head('/v1/chat/completions', 1000).replace('\r\n\r\n', '\r\nExpect: 100-continue\r\n\r\n'),
    );
    await until(() => c.received().startsWith('HTTP/1.1 100 Continue'), 10_000, '100 Continue');
    c.socket.write('{"model":"up/m",');
    c.socket.destroy();
    await until(() => lines.some((l) => l.line.includes('client went away')), 5000, 'the info line');
    expect(lines.find((l) => l.line.includes('client went away'))!.level).toBe('info');
    expect(lines.filter((l) => l.level === 'error').slice(errorsBefore)).toEqual([]);
  });
});

describe('connection cap (setting maxConnections)', () => {
  /** Opens a connection and asks for /health: true when answered, false when the server closed it. */
  async function served(): Promise<{ ok: boolean; c: Awaited<ReturnType<typeof open>> }> {
    const c = await open();
    c.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const answered = until(() => /^HTTP\/1\.1 200 /.test(c.received()), 10_000, 'an answer to /health');
    await Promise.race([c.ended, answered.catch(() => {})]);
    return { ok: /^HTTP\/1\.1 200 /.test(c.received()), c };
  }

  it('refuses connections past the cap, and takes new ones once some close', async () => {
    await settings({ maxConnections: 16 });
    // The API calls above may keep a connection or two open: the cap is reached at 16 at the
    // latest, counting them. Each connection is answered before the next opens, so the server has
    // counted it (not only the kernel accepted it).
    const held: Array<Awaited<ReturnType<typeof open>>> = [];
    let refused: Awaited<ReturnType<typeof open>> | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const r = await served();
      if (r.ok) held.push(r.c);
      else refused = r.c;
    }
    expect(refused, 'a connection past the cap').toBeDefined();
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThanOrEqual(16);
    expect(refused!.received()).toBe('');
    await until(() => lines.some((l) => l.line.includes('maxConnections reached')), 5000, 'the warning');

    held.pop()!.socket.destroy();
    // The server counts the closed one once it has seen it close.
    let again = false;
    for (let tries = 0; !again && tries < 100; tries++) {
      const r = await served();
      again = r.ok;
      r.c.socket.destroy();
      if (!again) await new Promise((res) => setTimeout(res, 50));
    }
    expect(again).toBe(true);
    for (const c of held) c.socket.destroy();
    // Back under the cap (the server has seen them close) before the API is called again.
    for (let ok = false, tries = 0; !ok && tries < 100; tries++) {
      const r = await served();
      ok = r.ok;
      r.c.socket.destroy();
    }
    await settings({ maxConnections: 1024 });
  });
});
