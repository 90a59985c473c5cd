// A minimal fake provider for benchmarks: answers OpenAI Chat and Anthropic Messages, streamed
// or not, with real captured bodies (tests/fixtures/upstream); and a stream of 20 small events
// written apart. Usage: node upstream.mjs <port>
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'upstream');
const read = (f) => readFileSync(path.join(root, f), 'utf8');
const frames = (f, named) =>
  read(f)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (named ? `event: ${JSON.parse(l).type}\n` : '') + `data: ${l}\n\n`)
    .join('');
const BODIES = {
  '/v1/chat/completions': {
    json: read('openai-chat/openai-text.json'),
    sse: frames('openai-chat/openai-text.chunks.txt', false) + 'data: [DONE]\n\n',
  },
  '/v1/messages': {
    json: read('anthropic/anthropic-text.json'),
    sse: frames('anthropic/anthropic-text.chunks.txt', true),
  },
};

const QUOTA_429 = read('openai-responses/openai-error-insufficient-quota.json');

// A chat stream as agents mostly see it: 20 small events (the capture's role chunk, its first
// 17 deltas of a token or two, its finish and usage chunks), each written on its own turn of the
// event loop so each reaches the proxy as its own read, then [DONE]. Asked for with the model
// `bench-events`.
const lines = read('openai-chat/openai-text.chunks.txt')
  .split('\n')
  .filter((l) => l.trim());
const SMALL_EVENTS = [...lines.slice(0, 18), ...lines.slice(-2), '[DONE]'].map((l) => `data: ${l}\n\n`);
const writeApart = (res, frames, i = 0) => {
  if (i === frames.length) return void res.end();
  res.write(frames[i]);
  setImmediate(writeApart, res, frames, i + 1);
};

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    // The benchmark's "locked" account: a real 429 capture with a long Retry-After.
    if (req.headers.authorization === 'Bearer bench-key-3') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600' });
      res.end(QUOTA_429);
      return;
    }
    const b = BODIES[req.url.split('?')[0]];
    if (!b) {
      res.writeHead(404).end();
      return;
    }
    const received = Buffer.concat(chunks);
    const stream = received.includes('"stream":true');
    if (stream && received.includes('"bench-events"')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      writeApart(res, SMALL_EVENTS);
    } else if (stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(b.sse);
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b.json) });
      res.end(b.json);
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
