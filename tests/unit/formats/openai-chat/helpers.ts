import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StreamEvent, WireFormat } from '../../../../core/formats/canonical.js';
import type { StreamDecoder, StreamEncoder } from '../../../../core/formats/codec.js';
import { fixtureSseMessages } from '../../../helpers/fixtures.js';

/** Runs a decoder over a fixture's SSE messages, then `end()`. */
export function decodeFixture(decoder: StreamDecoder, name: string, format: WireFormat): StreamEvent[] {
  const events: StreamEvent[] = [];
  for (const message of fixtureSseMessages(name, format)) events.push(...decoder.push(message));
  events.push(...decoder.end());
  return events;
}

export function encodeAll(encoder: StreamEncoder, events: StreamEvent[]): string {
  return events.map((e) => encoder.push(e)).join('') + encoder.end();
}

/**
 * A deliberately naive SSE reader written from the spec, independent of core/util/sse.ts, so
 * the wire text an encoder produced is checked by something other than the code that wrote it.
 */
export function parseSseText(text: string): Array<{ event?: string; data: string }> {
  const out: Array<{ event?: string; data: string }> = [];
  if (!text.endsWith('\n\n')) throw new Error('SSE text must end with a blank line');
  for (const frame of text.split('\n\n')) {
    if (!frame) continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
      else throw new Error(`unexpected SSE line: ${line}`);
    }
    out.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
  }
  return out;
}

/** Concatenated text of canonical events of one kind. */
export function joined(events: StreamEvent[], type: 'text-delta' | 'reasoning-delta'): string {
  return events
    .filter((e): e is Extract<StreamEvent, { type: 'text-delta' | 'reasoning-delta' }> => e.type === type)
    .map((e) => e.text)
    .join('');
}

export function toolArgs(events: StreamEvent[], id: string): string {
  return events
    .filter(
      (e): e is Extract<StreamEvent, { type: 'tool-call-delta' }> =>
        e.type === 'tool-call-delta' && e.id === id,
    )
    .map((e) => e.argumentsDelta)
    .join('');
}

/** Serves one canned body on 127.0.0.1 (port 0) so a real SDK can be pointed at it. */
export async function withServer<T>(
  contentType: string,
  body: string,
  run: (baseURL: string, requests: Array<{ url: string; body: string }>) => Promise<T>,
): Promise<T> {
  const requests: Array<{ url: string; body: string }> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body: raw });
      res.writeHead(200, { 'content-type': contentType });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await run(`http://127.0.0.1:${port}`, requests);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
