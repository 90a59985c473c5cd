import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ClientSink } from '../../../core/gateway/client-sink.js';

// The caller's response. A stream's last bytes and its end go out in one system call, so the
// caller is woken once for them; these count the socket's writes on a real node:http response.

let server: Server;
let url: string;
let handle: (res: ServerResponse) => void = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

/** Counts the writes that reach the socket (each one a system call). */
type Writer = (...args: unknown[]) => void;
function countWrites(res: ServerResponse): { n: number } {
  const socket = res.socket as Socket & { _write: Writer; _writev: Writer };
  const count = { n: 0 };
  const w = socket._write.bind(socket);
  const wv = socket._writev.bind(socket);
  socket._write = (...a) => (count.n++, w(...a));
  socket._writev = (...a) => (count.n++, wv(...a));
  return count;
}

async function respond(fn: (sink: ClientSink, res: ServerResponse) => void): Promise<string> {
  handle = (res) => fn(new ClientSink(res), res);
  const r = await fetch(url, { method: 'POST', body: '{}' });
  return r.text();
}

describe('ClientSink', () => {
  it('endWith sends the head, every piece and the chunked end in one write', async () => {
    let writes: { n: number } | undefined;
    const body = await respond((sink, res) => {
      writes = countWrites(res);
      sink.setHeaders(200, { 'content-type': 'text/event-stream' });
      sink.endWith([Buffer.from('data: 1\n\n'), Buffer.from('data: 2\n\n')]);
    });
    expect(body).toBe('data: 1\n\ndata: 2\n\n');
    expect(writes!.n).toBe(1);
  });

  it('after earlier writes, endWith ends with one more write; write then end takes two', async () => {
    let writes: { n: number } | undefined;
    let afterFirst = 0;
    const body = await respond((sink, res) => {
      writes = countWrites(res);
      sink.setHeaders(200, { 'content-type': 'text/event-stream' });
      sink.write('data: 1\n\n');
      setImmediate(() => {
        afterFirst = writes!.n;
        sink.endWith('data: 2\n\n');
      });
    });
    expect(body).toBe('data: 1\n\ndata: 2\n\n');
    expect(writes!.n - afterFirst).toBe(1);

    // The way it was: the last bytes, then the terminator on its own.
    let apart: { n: number } | undefined;
    await respond((sink, res) => {
      apart = countWrites(res);
      sink.setHeaders(200, { 'content-type': 'text/event-stream' });
      sink.write('data: 1\n\n');
      setImmediate(() => {
        const before = apart!.n;
        sink.write('data: 2\n\n');
        setImmediate(() => {
          sink.end();
          apart!.n -= before;
        });
      });
    });
    expect(apart!.n).toBe(2);
  });
});
