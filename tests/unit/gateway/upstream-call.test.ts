import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, errors } from '../../../core/gateway/undici.js';
import { callUpstream, ClientGone } from '../../../core/gateway/upstream-call.js';

// The gateway's upstream calls go through undici's dispatch with our own body reader; these
// run it against a real HTTP server on 127.0.0.1.

const CHUNK = Buffer.alloc(16 * 1024, 'x');
let server: Server;
let origin: string;
const agent = new Agent({ connections: 4 });
let bigSent = 0;
let bigClosedEarly = false;

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
      // 8 MB as fast as the socket takes it: a reader that does not read must stop it.
      bigSent = 0;
      bigClosedEarly = false;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.on('close', () => (bigClosedEarly = !res.writableFinished));
      const pump = () => {
        while (bigSent < 8 * 1024 * 1024) {
          bigSent += CHUNK.length;
          if (!res.write(CHUNK)) return void res.once('drain', pump);
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
      setTimeout(() => res.end('data: 2\n\n'), 30);
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
    // Not reading for a while: with the socket paused, the server cannot get far ahead.
    await new Promise((r) => setTimeout(r, 200));
    expect(bigSent).toBeLessThan(4 * 1024 * 1024);
    let total = (first.value as Buffer).length;
    for (let r = await it.next(); !r.done; r = await it.next()) total += r.value.length;
    expect(total).toBe(8 * 1024 * 1024);
  });

  it('says the body is complete when the chunk just taken is the last one', async () => {
    // Sent in one write: the last bytes and the end arrive together, as usual for a short answer.
    const one = await post('/one-write');
    const seen: boolean[] = [];
    for await (const chunk of one.body) seen.push(chunk.length > 0 && one.body.complete);
    expect(seen).toEqual([true]);

    const two = await post('/two-writes');
    const steps: Array<[string, boolean]> = [];
    for await (const chunk of two.body) steps.push([chunk.toString(), two.body.complete]);
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
    await new Promise((r) => setTimeout(r, 100));
    expect(bigClosedEarly).toBe(true);
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
    await expect(
      callUpstream(agent, { origin: 'http://127.0.0.1:9', path: '/', headers: {}, body: '' }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
