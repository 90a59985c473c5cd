import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { fixtureSseText, loadChunkLines } from '../../helpers/fixtures.js';

// Same-format streams relayed as they come, found by the hostile-upstream fuzzer
// (tests/integration/fuzz/hostile-upstream.test.ts):
// - an upstream that breaks off in the middle of an event: the gateway's error event was glued
//   onto the broken one (`…"text":". How areevent: error`), so no SDK could read it;
// - a Gemini caller's `:streamGenerateContent` without `alt=sse` wants one JSON array, but got the
//   upstream's SSE text, labelled application/json.

let t: TestCore;
let upstream: Server;
/** What the upstream sends next: its body pieces, then whether it breaks the connection. */
let answer: { text: string; cut: boolean } = { text: '', cut: false };

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(answer.text);
      if (answer.cut) setTimeout(() => req.socket.destroy(), 20);
      else res.end();
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  t = await startTestCore();
  await t.addProvider(
    'up-anth',
    { format: 'anthropic', baseUrl: `${url}/v1` },
    { name: 'k', apiKey: 'key-anth-1234567' },
  );
  await t.addProvider(
    'up-gem',
    { format: 'gemini', baseUrl: `${url}/v1beta` },
    { name: 'k', apiKey: 'key-gem-1234567' },
  );
});
afterAll(async () => {
  await t?.close();
  upstream?.closeAllConnections();
  await new Promise((r) => upstream?.close(r));
});

/** SSE events as a client library splits them. */
function events(text: string): Array<{ event?: string; data: string }> {
  return text
    .split(/\n\n/)
    .filter((b) => b.trim())
    .map((b) => {
      const event = /^event: (.*)$/m.exec(b)?.[1];
      const data = [...b.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n');
      return { event, data };
    });
}

describe('a relayed stream that breaks off', () => {
  it('inside an event: the error is an event of its own', async () => {
    const full = fixtureSseText('anthropic/anthropic-text.chunks.txt', 'anthropic');
    const at = full.indexOf('"text":"') + 12; // inside the first text delta
    answer = { text: full.slice(0, at), cut: true };
    const res = await fetch(`${t.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'up-anth/claude-x',
        max_tokens: 10,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(res.status).toBe(200);
    const evs = events(await res.text());
    const last = evs.at(-1)!;
    expect(last.event).toBe('error');
    expect(JSON.parse(last.data)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });

  it('between events: nothing is added before the error event', async () => {
    const full = fixtureSseText('anthropic/anthropic-text.chunks.txt', 'anthropic');
    const at = full.indexOf('\n\n') + 2; // after message_start
    answer = { text: full.slice(0, at), cut: true };
    const res = await fetch(`${t.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'up-anth/claude-x',
        max_tokens: 10,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    const text = await res.text();
    expect(text.startsWith(full.slice(0, at) + 'event: error\n')).toBe(true);
  });
});

describe('Gemini streamGenerateContent without alt=sse, same format', () => {
  const call = () =>
    fetch(`${t.url}/v1beta/models/up-gem%2Fgemini-x:streamGenerateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });

  it("answers one JSON array of the upstream's responses, unchanged", async () => {
    answer = { text: fixtureSseText('gemini/google-text.chunks.txt', 'gemini'), cut: false };
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const arr = (await res.json()) as unknown[];
    expect(arr).toEqual(loadChunkLines('gemini/google-text.chunks.txt').map((l) => JSON.parse(l)));
  });

  it('ends the array with an error element when the upstream breaks off', async () => {
    const full = fixtureSseText('gemini/google-text.chunks.txt', 'gemini');
    answer = {
      text:
        full.slice(0, full.indexOf('\n\n') + 2) +
        full.slice(full.indexOf('\n\n') + 2, full.indexOf('\n\n') + 40),
      cut: true,
    };
    const res = await call();
    expect(res.status).toBe(200);
    const arr = (await res.json()) as any[];
    expect(arr).toHaveLength(2);
    expect(arr[1].error).toMatchObject({ code: 502, status: 'INTERNAL' });
  });
});
