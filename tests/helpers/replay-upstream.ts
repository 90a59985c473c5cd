import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireFormat } from '../../core/formats/canonical.js';
import { WIRE_FACTS } from '../../core/formats/wire-facts.js';
import { fixtureSseMessages, FIXTURE_ROOT } from './fixtures.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A fake provider on 127.0.0.1 that replays the real captures in tests/fixtures/upstream, and
 * injects the faults real providers produce (429 with Retry-After, 5xx, hangs, resets, streams
 * cut midway). Every request is recorded for assertions.
 */
export type Scenario =
  | { kind: 'fixture'; file: string; status?: number; headers?: Record<string, string>; delayMs?: number }
  | { kind: 'error'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'reset' }
  /** Sends the first `afterEvents` events of a stream fixture, then destroys the socket. */
  | { kind: 'cut'; file: string; afterEvents: number }
  /** Sends the first `afterEvents` events, then goes silent (stall). */
  | { kind: 'stall'; file: string; afterEvents: number }
  /** A 200 event stream of exactly this text (e.g. one that opens with a documented error event). */
  | { kind: 'sse'; text: string }
  /** A 200 JSON body (a shape no capture has). */
  | { kind: 'json'; body: unknown };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json?: any;
}

export interface ReplayUpstream {
  url: string;
  /** Base URL for a provider of `format` (…/v1, …/v1beta, or the root for Ollama). */
  baseUrl(format: WireFormat): string;
  requests: RecordedRequest[];
  /** The next requests get these scenarios in order; then `fallback`. */
  queue(...s: Scenario[]): void;
  setDefault(fn: (req: RecordedRequest) => Scenario): void;
  close(): Promise<void>;
}

export function formatOfFixture(file: string): WireFormat {
  return file.split('/')[0] as WireFormat;
}

/** A stream fixture's messages as its format frames them: SSE events, or NDJSON lines (Ollama). */
function sseFrames(file: string): string[] {
  const format = formatOfFixture(file);
  if (WIRE_FACTS[format].streamFraming === 'ndjson')
    return fixtureSseMessages(file, format).map((m) => `${m.data}\n`);
  return fixtureSseMessages(file, format).map(
    (m) => (m.event ? `event: ${m.event}\n` : '') + `data: ${m.data}\n\n`,
  );
}

const streamType = (file: string) =>
  WIRE_FACTS[formatOfFixture(file)].streamContentType ?? 'text/event-stream';

export async function startReplayUpstream(): Promise<ReplayUpstream> {
  const requests: RecordedRequest[] = [];
  const queue: Scenario[] = [];
  let fallback: (req: RecordedRequest) => Scenario = () => ({
    kind: 'error',
    status: 500,
    body: { error: { message: 'no scenario' } },
  });
  const sockets = new Set<import('node:net').Socket>();

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const c of req) body += c;
    const rec: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
    };
    try {
      rec.json = JSON.parse(body);
    } catch {}
    requests.push(rec);
    const s = queue.shift() ?? fallback(rec);
    await serve(s, res, req);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    // Ollama's API sits at the server's root (`/api/chat`).
    baseUrl: (f) => (f === 'gemini' ? `${url}/v1beta` : f === 'ollama' ? url : `${url}/v1`),
    requests,
    queue: (...s) => queue.push(...s),
    setDefault: (fn) => (fallback = fn),
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function serve(s: Scenario, res: ServerResponse, req: IncomingMessage): Promise<void> {
  switch (s.kind) {
    case 'hang':
      return; // never answers; the socket stays open until the client gives up
    case 'reset':
      req.socket.destroy();
      return;
    case 'error':
      res.writeHead(s.status, { 'content-type': 'application/json', ...s.headers });
      res.end(typeof s.body === 'string' ? s.body : JSON.stringify(s.body));
      return;
    case 'fixture': {
      if (s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
      if (s.file.endsWith('.json')) {
        res.writeHead(s.status ?? 200, { 'content-type': 'application/json', ...s.headers });
        res.end(readFileSync(path.join(FIXTURE_ROOT, s.file)));
        return;
      }
      res.writeHead(s.status ?? 200, {
        'content-type': streamType(s.file),
        'cache-control': 'no-cache',
        ...s.headers,
      });
      for (const frame of sseFrames(s.file)) res.write(frame);
      res.end();
      return;
    }
    case 'sse':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(s.text);
      return;
    case 'json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(s.body));
      return;
    case 'cut':
    case 'stall': {
      res.writeHead(200, { 'content-type': streamType(s.file) });
      const frames = sseFrames(s.file).slice(0, s.afterEvents);
      for (const f of frames) res.write(f);
      if (s.kind === 'cut') setTimeout(() => req.socket.destroy(), 20);
      return;
    }
  }
}
