import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, errors } from '../../../core/gateway/undici.js';
import { callUpstream, ClientGone } from '../../../core/gateway/upstream-call.js';

// The gateway's upstream calls go through undici's dispatch with our own body reader; these
// run it against a real HTTP server on 127.0.0.1.

const CHUNK = Buffer.alloc(16 * 1024, 'x');
/**
 * Far more than loopback TCP buffers hold on any machine (tens of MB at most), so only a reader that
 * stops the socket can stop the server before it: how much a machine's kernel buffers take is
 * never what a test measures.
 */
const BIG_CAP = 256 * 1024 * 1024;
let server: Server;
let origin: string;
const agent = new Agent({ connections: 4 });
/** The /big answer's server side. */
const big = { sent: 0, waiting: false, waits: 0, endOnDrain: false, closedEarly: false };
/** /two-writes: sends its second write when the test says so. */
let secondWrite: (() => void) | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.url === '/json') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '7' });
      res.write('{"a":');
      setTimeout(() => res.end('1}'), 5);
      return;
    }
    if (req.url === '/big') {
      // As fast as the socket takes it, honouring backpressure: when write() returns false the
      // server waits for 'drain'. A reader that does not read must keep it waiting.
      Object.assign(big, { sent: 0, waiting: false, waits: 0, endOnDrain: false, closedEarly: false });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.on('close', () => (big.closedEarly = !res.writableFinished));
      const pump = () => {
        big.waiting = false;
        if (big.endOnDrain) return void res.end();
        while (big.sent < BIG_CAP) {
          big.sent += CHUNK.length;
          if (!res.write(CHUNK)) {
            big.waiting = true;
            big.waits++;
            return void res.once('drain', pump);
          }
        }
        res.end();
      };
      pump();
      return;
    }
    if (req.url === '/one-write') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: 1\n\ndata: 2\n\n');
      return;
    }
    if (req.url === '/two-writes') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      secondWrite = () => res.end('data: 2\n\n');
      return;
    }
    if (req.url === '/hang') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      return; // never ends
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

/** Polls until `check` holds; fails after 20 s (a deadline, not a duration anything depends on). */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within 20 s: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Until the /big server is held back: waiting for 'drain', with nothing more sent for a while.
 * Fails if it sent everything instead (the reader never stopped the socket).
 */
async function untilServerHeld(): Promise<void> {
  let last = -1;
  let since = performance.now();
  await until(() => {
    if (big.sent >= BIG_CAP)
      throw new Error('the server sent everything: the reader never paused the socket');
    if (big.sent !== last || !big.waiting) {
      last = big.sent;
      since = performance.now();
      return false;
    }
    return performance.now() - since >= 200;
  }, 'the server waiting for drain');
}

const post = (path: string, signal?: ClientGone) =>
  callUpstream(agent, { origin, path, headers: { 'content-type': 'application/json' }, body: '{}', signal });

describe('callUpstream', () => {
  it('answers at the response head with lower-cased headers, and reads a body sent in parts whole', async () => {
    const up = await post('/json');
    expect(up.statusCode).toBe(200);
    expect(up.headers['x-ratelimit-remaining']).toBe('7');
    expect(await up.body.text()).toBe('{"a":1}');
  });

  it('pauses the upstream socket while a chunk-by-chunk reader falls behind, and gets every byte', async () => {
    const up = await post('/big');
    const it = up.body[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    // Not reading: the server must come to wait for a 'drain' that does not come, its write()
    // having returned false, long before it has sent everything. Where it stops depends on the
    // kernel's buffers, so that is not asserted.
    await untilServerHeld();
    expect(big.waiting).toBe(true);
    expect(big.waits).toBeGreaterThan(0);
    expect(big.sent).toBeLessThan(BIG_CAP);
    // Reading again drains it; it sends what it had and ends. Every byte arrives.
    big.endOnDrain = true;
    let total = (first.value as Buffer).length;
    for (let r = await it.next(); !r.done; r = await it.next()) total += r.value.length;
    expect(total).toBe(big.sent);
    expect(big.closedEarly).toBe(false);
  });

  it('says the body is complete when the chunk just taken is the last one', async () => {
    // Sent in one write: the last bytes and the end arrive together, as usual for a short answer.
    const one = await post('/one-write');
    const seen: boolean[] = [];
    for await (const chunk of one.body) seen.push(chunk.length > 0 && one.body.complete);
    expect(seen).toEqual([true]);

    const two = await post('/two-writes');
    const steps: Array<[string, boolean]> = [];
    for await (const chunk of two.body) {
      steps.push([chunk.toString(), two.body.complete]);
      // The second write only now: the two cannot reach the reader as one read.
      if (steps.length === 1) secondWrite!();
    }
    expect(steps).toEqual([
      ['data: 1\n\n', false],
      ['data: 2\n\n', true],
    ]);

    // Ended by the reader, not by the upstream: never complete.
    const cut = await post('/hang');
    cut.body.destroy();
    expect(cut.body.complete).toBe(false);
  });

  it('stops the upstream request when the reader destroys the body', async () => {
    const up = await post('/big');
    for await (const chunk of up.body) {
      expect(chunk.length).toBeGreaterThan(0);
      break; // return() destroys
    }
    // Ended by the reader while the server still had most of it to send.
    await until(() => big.closedEarly, 'the server saw the request end early');
    expect(big.sent).toBeLessThan(BIG_CAP);
  });

  it('aborts when the caller goes away: before the head, the call rejects; after it, the body does', async () => {
    const gone = new ClientGone();
    gone.abort();
    await expect(post('/hang', gone)).rejects.toBeInstanceOf(errors.RequestAbortedError);

    const early = new ClientGone();
    const pending = post('/hang', early);
    early.abort();
    await expect(pending).rejects.toBeInstanceOf(errors.RequestAbortedError);

    const late = new ClientGone();
    const up = await post('/hang', late);
    const reading = up.body.text();
    setTimeout(() => late.abort(), 20);
    await expect(reading).rejects.toBeInstanceOf(errors.RequestAbortedError);
    expect(late.listening).toBe(false);

    // A call that ended stops listening: a later abort reaches nothing.
    const done = new ClientGone();
    const ok = await post('/json', done);
    await ok.body.text();
    expect(done.listening).toBe(false);
  });

  it('rejects with undici’s connect error when nothing listens', async () => {
    // A port this test just had and let go, not a fixed one some machine may use.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    await expect(
      callUpstream(agent, { origin: `http://127.0.0.1:${port}`, path: '/', headers: {}, body: '' }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
