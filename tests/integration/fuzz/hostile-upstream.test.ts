import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../../core/formats/canonical.js';
import { createLogger } from '../../../core/index.js';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { loadChunkLines, FIXTURE_ROOT } from '../../helpers/fixtures.js';
import { readFileSync } from 'node:fs';
import {
  errorShapeProblem,
  fuzzSeed,
  leakIn,
  pool,
  prototypeSnapshot,
  report,
  Rng,
  send,
  onlyCases,
  defineOwn,
  triage,
  type Answer,
  type Failure,
  type Pending,
} from './harness.js';

// Ollama is not fuzzed here yet: its NDJSON frames need hostile variants of their own (the
// relay's NDJSON path is covered by tests/integration/gateway/ollama.test.ts).
type FuzzFormat = Exclude<WireFormat, 'ollama'>;

// A seeded fuzzer over what upstreams answer: the real captures in tests/fixtures/upstream,
// broken the ways a faulty or hostile provider breaks them (truncated and garbled SSE and JSON,
// dropped and repeated events, huge events, prototype keys, Gemini partialArgs paths through
// __proto__, non-JSON bodies with 200, wrong content types, error bodies that echo the key they
// were sent, stalls and resets), for every caller format × upstream format, streamed or not
// (same format: passthrough; otherwise translated). The gateway must not crash, answer 5xx other
// than a proper 502 (or an upstream's own 5xx status, or 503/504 for a failed or silent stream)
// in the caller's format, leak a stack trace, a path or the key, or let a prototype change; a
// stream must end, and a translated one with its format's last event or an error event.
//
// FUZZ_SEED=<n> replays a run; FUZZ_UPSTREAM_CASES=<n> changes how many cases run (default 1000).

const CASES = Number(process.env.FUZZ_UPSTREAM_CASES ?? 1000);
const CONCURRENCY = 8;
const seed = fuzzSeed('hostile-upstream');

const FORMATS: FuzzFormat[] = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'];
const PROVIDER: Record<FuzzFormat, string> = {
  'openai-chat': 'h-chat',
  'openai-responses': 'h-resp',
  anthropic: 'h-anth',
  gemini: 'h-gem',
};
const SECRET: Record<FuzzFormat, string> = {
  'openai-chat': 'sk-fuzzsecret-chat-7d2f4a9c1b8e6d3f',
  'openai-responses': 'sk-fuzzsecret-resp-5c1e9b7a3d2f8e4c',
  anthropic: 'sk-ant-fuzzsecret-2b8d4f6a1c9e7b3d',
  gemini: 'AIzaFuzzSecretGem4e6c8a2d9f1b7c5e',
};

const FIXTURES: Record<FuzzFormat, { stream: string[]; json: string[] }> = {
  'openai-chat': {
    stream: [
      'openai-chat/openai-text.chunks.txt',
      'openai-chat/deepseek-tool-call.chunks.txt',
      'openai-chat/deepseek-reasoning.chunks.txt',
      'openai-chat/xai-text.chunks.txt',
    ],
    json: [
      'openai-chat/openai-text.json',
      'openai-chat/deepseek-tool-call.json',
      'openai-chat/groq-reasoning.json',
      'openai-chat/xai-tool-call.json',
    ],
  },
  'openai-responses': {
    stream: [
      'openai-responses/openai-text.chunks.txt',
      'openai-responses/openai-function-call.chunks.txt',
      'openai-responses/xai-reasoning-summary.chunks.txt',
      'openai-responses/azure-function-call.chunks.txt',
    ],
    json: [
      'openai-responses/openai-text.json',
      'openai-responses/openai-function-call.json',
      'openai-responses/openai-reasoning-encrypted-content.json',
    ],
  },
  anthropic: {
    stream: [
      'anthropic/anthropic-text.chunks.txt',
      'anthropic/anthropic-tool-use.chunks.txt',
      'anthropic/anthropic-thinking.chunks.txt',
      'anthropic/anthropic-text-and-tool-use.chunks.txt',
    ],
    json: [
      'anthropic/anthropic-text.json',
      'anthropic/anthropic-tool-use.json',
      'anthropic/anthropic-thinking.json',
      'anthropic/anthropic-opus-thinking.json',
    ],
  },
  gemini: {
    stream: [
      'gemini/google-text.chunks.txt',
      'gemini/google-tool-call.chunks.txt',
      'gemini/google-reasoning.chunks.txt',
      'gemini/google-vertex-stream-tool-call-args.chunks.txt',
    ],
    json: ['gemini/google-text.json', 'gemini/google-tool-call.json', 'gemini/google-reasoning.json'],
  },
};

// --- the hostile upstream -------------------------------------------------------------------------

/** What the upstream does for one case: its head, the pieces of its body, how it ends. */
interface Plan {
  status: number;
  headers: Record<string, string>;
  parts: Array<string | Buffer | { repeat: string; times: number }>;
  end: 'end' | 'destroy' | 'stall';
  /** The upstream's own 5xx status, which the gateway may pass on. */
  upstream5xx?: boolean;
}

const plans = new Map<number, Plan>();
const sockets = new Set<Socket>();
let upstream: Server;
let upstreamUrl: string;
const seenSecrets = new Set<string>();

async function hostile(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = '';
  for await (const c of req) body += c;
  for (const h of ['authorization', 'x-api-key', 'x-goog-api-key']) {
    const v = req.headers[h];
    if (typeof v === 'string') seenSecrets.add(v.replace(/^Bearer /, ''));
  }
  const m = /case-(\d+)/.exec((req.url ?? '') + body.slice(0, 2000));
  const plan = m ? plans.get(Number(m[1])) : undefined;
  if (!plan) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"no such case"}}');
    return;
  }
  // Echo what the gateway sent, as a careless error page would.
  const auth = String(
    req.headers.authorization ?? req.headers['x-api-key'] ?? req.headers['x-goog-api-key'] ?? '',
  );
  const echo = (s: string) =>
    s.replaceAll('@@KEY@@', auth.replace(/^Bearer /, '')).replaceAll('@@AUTH@@', auth);
  try {
    res.writeHead(plan.status, plan.headers);
  } catch {
    res.writeHead(plan.status);
  }
  for (const p of plan.parts) {
    const chunk = typeof p === 'string' ? echo(p) : Buffer.isBuffer(p) ? p : p.repeat.repeat(p.times);
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    if (plan.end === 'destroy' || plan.end === 'stall') await new Promise((r) => setTimeout(r, 5));
  }
  if (plan.end === 'end') res.end();
  else if (plan.end === 'destroy') setTimeout(() => req.socket.destroy(), 10);
  // 'stall': nothing more; the gateway's stall timeout ends it.
}

// --- plans from the fixtures ----------------------------------------------------------------------

const frame = (format: FuzzFormat, line: string): string => {
  if (format === 'anthropic' || format === 'openai-responses') {
    let type: string | undefined;
    try {
      type = (JSON.parse(line) as { type?: string }).type;
    } catch {}
    return (type ? `event: ${type}\n` : '') + `data: ${line}\n\n`;
  }
  return `data: ${line}\n\n`;
};

function objects(v: unknown, out: any[] = [], depth = 0): any[] {
  if (depth > 20 || typeof v !== 'object' || v === null) return out;
  if (!Array.isArray(v)) out.push(v);
  for (const x of Object.values(v)) objects(x, out, depth + 1);
  return out;
}

function hostileValue(rng: Rng): unknown {
  return rng.pick<unknown>([
    null,
    0,
    -1,
    1e308,
    '',
    'x',
    [],
    {},
    [null],
    { a: 1 },
    true,
    '\u0000\ud800',
    'x'.repeat(100_000),
    -0,
    2 ** 53 + 1,
  ]);
}

const PROTO_PAYLOADS: Array<[string, unknown]> = [
  ['__proto__', { temperature: 1, polluted: true }],
  ['constructor', { prototype: { polluted: true } }],
  ['prototype', { polluted: true }],
];

const PARTIAL_PATHS = [
  '$.__proto__.temperature',
  '$.__proto__.polluted',
  '$.constructor.prototype.polluted',
  "$['__proto__']['polluted']",
  '$["constructor"]["prototype"]["polluted"]',
  '$.a.__proto__.polluted',
  '$.a[0].__proto__.polluted',
  '$.toString',
  '$.a[4294967295]',
  '$.a[99999999]',
  '$' + '.a'.repeat(3000),
  '$.a.length',
  '$..a',
  '$[',
  '',
  '$',
];

/** Mutates one JSON text (an event or a body) at the value level. */
function mutateJson(rng: Rng, text: string, kind: 'proto' | 'wrong-type'): string {
  let v: any;
  try {
    v = JSON.parse(text);
  } catch {
    return text;
  }
  const objs = objects(v);
  if (!objs.length) return text;
  for (let k = rng.range(1, 3); k > 0; k--) {
    const o = rng.pick(objs);
    if (kind === 'proto') {
      const [key, payload] = rng.pick(PROTO_PAYLOADS);
      defineOwn(o, key, structuredClone(payload));
    } else {
      const keys = Object.keys(o);
      if (keys.length) o[rng.pick(keys)] = hostileValue(rng);
    }
  }
  return JSON.stringify(v);
}

/** A proper error body in the upstream's own format, quoting the key it was sent. */
function errorBodyFor(format: FuzzFormat, status: number, message: string): string {
  switch (format) {
    case 'anthropic':
      return JSON.stringify({
        type: 'error',
        error: { type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', message },
      });
    case 'gemini':
      return JSON.stringify({ error: { code: status, message, status: 'INVALID_ARGUMENT' } });
    default:
      return JSON.stringify({
        error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
      });
  }
}

const SSE = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const JSONH = { 'content-type': 'application/json' };

const KINDS = [
  'ok',
  'proto',
  'wrong-type',
  'drop',
  'dup',
  'garble',
  'truncate',
  'cut',
  'huge',
  'nonjson',
  'wrong-ct',
  'error-echo',
  'sse-odd',
  'error-event',
  'headers',
  'partial-args',
  'stall',
] as const;
type Kind = (typeof KINDS)[number];

function makePlan(rng: Rng, up: FuzzFormat, stream: boolean, kind: Kind): { plan: Plan; desc: string } {
  const file =
    kind === 'partial-args' && up === 'gemini' && stream
      ? 'gemini/google-vertex-stream-tool-call-args.chunks.txt'
      : rng.pick(stream ? FIXTURES[up].stream : FIXTURES[up].json);
  let desc = `${file}`;
  let events = stream ? loadChunkLines(file) : [readFileSync(path.join(FIXTURE_ROOT, file), 'utf8')];
  const wire = (evs: string[]) =>
    stream
      ? evs.map((e) => frame(up, e)).join('') + (up === 'openai-chat' ? 'data: [DONE]\n\n' : '')
      : evs[0]!;
  const plan: Plan = { status: 200, headers: stream ? SSE : JSONH, parts: [], end: 'end' };
  switch (kind) {
    case 'ok':
      break;
    case 'proto':
    case 'wrong-type': {
      const n = rng.range(1, Math.min(3, events.length));
      for (let k = 0; k < n; k++) {
        const i = rng.int(events.length);
        events[i] = mutateJson(rng, events[i]!, kind);
      }
      desc += ` ${kind} ×${n}`;
      break;
    }
    case 'partial-args': {
      // Gemini (Vertex) streamed arguments whose paths name the prototype, far indexes, deep paths.
      const jsonPath = rng.pick(PARTIAL_PATHS);
      const arg = rng.pick([
        { stringValue: 'x' },
        { numberValue: 1 },
        { boolValue: true },
        { nullValue: null },
      ]);
      const inject = JSON.stringify({
        candidates: [
          {
            content: {
              role: 'model',
              parts: [{ functionCall: { partialArgs: [{ jsonPath, ...arg }], willContinue: true } }],
            },
          },
        ],
      });
      if (up === 'gemini' && stream) events.splice(rng.range(1, events.length - 1), 0, inject);
      else events = events.map((e) => mutateJson(rng, e, 'proto'));
      desc += ` partialArgs ${jsonPath.slice(0, 40)}`;
      break;
    }
    case 'drop': {
      const n = rng.range(1, Math.max(1, Math.floor(events.length / 2)));
      for (let k = 0; k < n && events.length > 1; k++) events.splice(rng.int(events.length), 1);
      if (!stream)
        events = [
          rng.pick([
            '{}',
            '{"id":"x"}',
            '{"candidates":[]}',
            '{"content":[]}',
            '{"output":[]}',
            '{"choices":[]}',
          ]),
        ];
      desc += ` drop ${n}`;
      break;
    }
    case 'dup': {
      for (let k = rng.range(1, 4); k > 0; k--) {
        const i = rng.int(events.length);
        events.splice(i, 0, events[i]!);
      }
      if (stream && up === 'openai-chat') events.splice(rng.int(events.length), 0, '[DONE]');
      desc += ' dup';
      break;
    }
    case 'garble': {
      const i = rng.int(events.length);
      const e = events[i]!;
      const at = rng.int(e.length);
      events[i] = rng.chance(0.5)
        ? e.slice(0, at)
        : e.slice(0, at) + rng.pick(['{', '}', '"', '\\', ',', '\u0000', 'NaN', ']']) + e.slice(at);
      desc += ` garble event ${i} at ${at}`;
      break;
    }
    case 'truncate': {
      const w = wire(events);
      plan.parts = [w.slice(0, rng.int(w.length))];
      desc += ' truncated';
      return { plan, desc };
    }
    case 'cut': {
      const w = wire(events);
      plan.parts = [w.slice(0, rng.int(w.length))];
      plan.end = 'destroy';
      desc += ' cut (socket destroyed)';
      return { plan, desc };
    }
    case 'stall': {
      const w = wire(events);
      plan.parts = [w.slice(0, rng.int(w.length))];
      plan.end = 'stall';
      desc += ' stall';
      return { plan, desc };
    }
    case 'huge': {
      // One event (or a body) with a string of 1–4 MB (20 MB in the fixed cases below).
      const mb = rng.pick([1, 2, 4]);
      const prefix = stream ? hugePrefix(up) : hugeBodyPrefix(up);
      const i = stream ? rng.range(1, Math.max(1, events.length - 2)) : 0;
      const before = wire(events.slice(0, i));
      const after = wire(events.slice(i));
      plan.parts = stream
        ? [before, prefix.open, { repeat: 'a', times: mb << 20 }, prefix.close, after]
        : [prefix.open, { repeat: 'a', times: mb << 20 }, prefix.close];
      desc += ` huge ${mb} MB`;
      return { plan, desc };
    }
    case 'nonjson': {
      plan.headers = rng.pick([JSONH, SSE, { 'content-type': 'text/html' }, {}]);
      plan.parts = [
        rng.pick([
          '<html><body>502 Bad Gateway</body></html>',
          '',
          'null',
          '[]',
          '{',
          '"x"',
          '1',
          'data: {"x":1}\n\n',
          '\u0000\u0001',
          '{"__proto__":{"polluted":true}}',
        ]),
      ];
      desc += ` non-JSON ${JSON.stringify(plan.parts[0]).slice(0, 30)} as ${JSON.stringify(plan.headers)}`;
      return { plan, desc };
    }
    case 'wrong-ct':
      plan.headers = rng.pick([
        JSONH,
        SSE,
        { 'content-type': 'text/html; charset=utf-16' },
        { 'content-type': 'application/octet-stream' },
        {},
      ]);
      desc += ` content-type ${JSON.stringify(plan.headers)}`;
      break;
    case 'error-echo': {
      const status = rng.pick([400, 401, 403, 404, 413, 429, 500, 502, 503, 529]);
      plan.status = status;
      plan.upstream5xx = status >= 500;
      const msg = rng.pick([
        'Incorrect API key provided: @@KEY@@. You can find your API key at https://example.invalid.',
        'invalid x-api-key: @@AUTH@@',
        'API key not valid. Please pass a valid API key. (@@KEY@@)',
        'bad key ' + '@@KEY@@'.repeat(3),
      ]);
      plan.headers = {
        ...JSONH,
        ...(rng.chance(0.3)
          ? {
              'retry-after': rng.pick([
                '-1',
                'abc',
                '1e999',
                '99999999999',
                '0',
                'Wed, 21 Oct 2015 07:28:00 GMT',
              ]),
            }
          : {}),
      };
      plan.parts = [rng.chance(0.8) ? errorBodyFor(up, status, msg) : `<html>${msg}</html>`];
      desc += ` error ${status} echoing the key`;
      return { plan, desc };
    }
    case 'sse-odd': {
      if (!stream) {
        events = [events[0]!.replace(/\n/g, '\r\n')];
        plan.headers = rng.pick([JSONH, { 'content-type': 'application/json; charset=latin1' }]);
        desc += ' CRLF json';
        break;
      }
      const w = wire(events);
      const variant = rng.int(8);
      desc += ` sse-odd ${variant}`;
      plan.parts = [
        [
          w.replace(/\n/g, '\r\n'),
          w.replace(/\n/g, '\r'),
          '\ufeff' + w,
          ': ping\n\n' + w.replace(/data: /g, 'data:'),
          w.replace(/\n\n/g, '\nid: 1\nretry: x\n\n'),
          'event: error\ndata: not json\n\n' + w,
          'data: ' + 'x\ndata: '.repeat(5000) + '\n\n' + w,
          Array.from({ length: 3000 }, () => 'data: {}\n\n').join('') + w,
        ][variant]!,
      ];
      return { plan, desc };
    }
    case 'error-event': {
      const errLine =
        up === 'anthropic'
          ? JSON.stringify({
              type: 'error',
              error: { type: 'overloaded_error', message: 'Overloaded @@KEY@@' },
            })
          : up === 'openai-responses'
            ? JSON.stringify({ type: 'error', code: 'server_error', message: 'boom @@KEY@@', param: null })
            : up === 'gemini'
              ? JSON.stringify({ error: { code: 500, message: 'Internal @@KEY@@', status: 'INTERNAL' } })
              : JSON.stringify({ error: { message: 'boom @@KEY@@', type: 'server_error' } });
      if (stream) events.splice(rng.chance(0.5) ? 0 : rng.int(events.length), 0, errLine);
      else events = [errLine];
      plan.upstream5xx = true;
      desc += ' in-stream error event';
      break;
    }
    case 'headers': {
      const variant = rng.int(4);
      desc += ` headers ${variant}`;
      if (variant === 0)
        plan.headers = { ...plan.headers, 'content-length': String(Buffer.byteLength(wire(events)) + 50) };
      if (variant === 1) plan.headers = { ...plan.headers, 'x-huge': 'a'.repeat(70_000) };
      if (variant === 2) plan.headers = { ...plan.headers, 'content-encoding': 'gzip' };
      if (variant === 3) plan.headers = { ...plan.headers, 'content-length': '0' };
      break;
    }
  }
  plan.parts = [wire(events)];
  return { plan, desc };
}

function hugePrefix(up: FuzzFormat): { open: string; close: string } {
  switch (up) {
    case 'anthropic':
      return {
        open: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"',
        close: '"}}\n\n',
      };
    case 'openai-responses':
      return {
        open: 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"',
        close: '"}\n\n',
      };
    case 'gemini':
      return {
        open: 'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"',
        close: '"}]}}]}\n\n',
      };
    default:
      return {
        open: 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"',
        close: '"}}]}\n\n',
      };
  }
}

function hugeBodyPrefix(up: FuzzFormat): { open: string; close: string } {
  switch (up) {
    case 'anthropic':
      return {
        open: '{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"',
        close: '"}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}',
      };
    case 'openai-responses':
      return {
        open: '{"id":"resp_1","object":"response","status":"completed","model":"m","output":[{"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"',
        close: '"}]}],"usage":{"input_tokens":1,"output_tokens":1,"total_tokens":2}}',
      };
    case 'gemini':
      return {
        open: '{"candidates":[{"content":{"role":"model","parts":[{"text":"',
        close: '"}]},"finishReason":"STOP"}]}',
      };
    default:
      return {
        open: '{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"',
        close: '"},"finish_reason":"stop"}]}',
      };
  }
}

// --- the caller's side ----------------------------------------------------------------------------

function callerRequest(
  format: FuzzFormat,
  model: string,
  stream: boolean,
  jsonArray = false,
): { path: string; body: string } {
  switch (format) {
    case 'openai-chat':
      return {
        path: '/v1/chat/completions',
        body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] }),
      };
    case 'openai-responses':
      return { path: '/v1/responses', body: JSON.stringify({ model, stream, input: 'hi' }) };
    case 'anthropic':
      return {
        path: '/v1/messages',
        body: JSON.stringify({ model, stream, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
      };
    case 'gemini':
      return {
        path: `/v1beta/models/${encodeURIComponent(model)}:${stream ? (jsonArray ? 'streamGenerateContent' : 'streamGenerateContent?alt=sse') : 'generateContent'}`,
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      };
  }
}

/** The data payloads of an SSE text. */
function sseData(text: string): Array<{ event?: string; data: string }> {
  const out: Array<{ event?: string; data: string }> = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) out.push({ event, data: data.join('\n') });
  }
  return out;
}

/** Why a translated stream in `format` has neither its last event nor an error event at its end. */
function streamEndProblem(format: FuzzFormat, text: string): string | undefined {
  const events = sseData(text);
  const last = events.at(-1);
  if (!last) return `an empty stream: ${JSON.stringify(text.slice(0, 200))}`;
  const tail = events.slice(-3);
  const parsed = (d: string) => {
    try {
      return JSON.parse(d);
    } catch {
      return undefined;
    }
  };
  switch (format) {
    case 'openai-chat':
      return last.data === '[DONE]' ? undefined : `no [DONE] at the end: ${last.data.slice(0, 200)}`;
    case 'anthropic':
      return tail.some((e) => e.event === 'message_stop' || e.event === 'error')
        ? undefined
        : `no message_stop or error event at the end: ${last.event} ${last.data.slice(0, 200)}`;
    case 'openai-responses':
      return tail.some((e) =>
        /^(response\.(completed|incomplete|failed)|error)$/.test(e.event ?? parsed(e.data)?.type ?? ''),
      )
        ? undefined
        : `no response.completed/incomplete/failed or error event at the end: ${last.event} ${last.data.slice(0, 200)}`;
    case 'gemini': {
      const j = parsed(last.data);
      return j?.error || j?.candidates?.some((c: any) => c.finishReason)
        ? undefined
        : `no finishReason or error at the end: ${last.data.slice(0, 200)}`;
    }
  }
}

let t: TestCore;
const errorLogs: string[] = [];
let protoBefore: string;
const LOCAL_PATHS = [
  process.cwd(),
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..'),
  os.homedir(),
].filter((p) => p.length > 4);

beforeAll(async () => {
  protoBefore = prototypeSnapshot();
  upstream = createServer((req, res) => {
    hostile(req, res).catch(() => res.destroy());
  });
  upstream.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  t = await startTestCore({
    logger: createLogger('error', (line) => errorLogs.push(line)),
    timeouts: { firstByteMs: 3000, answerMs: 5000, stallMs: 1000 },
  });
  for (const f of FORMATS)
    await t.addProvider(
      PROVIDER[f],
      { format: f, baseUrl: f === 'gemini' ? `${upstreamUrl}/v1beta` : `${upstreamUrl}/v1` },
      { name: 'k', apiKey: SECRET[f] },
    );
  // A hostile upstream fails often: its circuit must not open and turn cases into 503s.
  const s = await t.api('/api/settings', {
    method: 'PATCH',
    body: JSON.stringify({ breakerFailureThreshold: 100 }),
  });
  expect(s.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  for (const s of sockets) s.destroy();
  await new Promise((r) => upstream?.close(r));
});

// Bugs that changes in progress elsewhere fix (see Pending in harness.ts): reported, not failed.
const PENDING: Pending[] = [
  {
    // Known and deliberate (docs/security.md): a same-format success answer is passed on byte for
    // byte, never scanned; only error answers and translated streams are redacted.
    id: 'key-in-passthrough-answer',
    why: 'the key an upstream quotes in a 200 answer or in an error event inside a passed-through stream reaches the caller: redaction (core/util/redact-secrets.ts) covers answers with an error status and translated streams; success bytes on a same-format route pass through unscanned',
    match: (f) =>
      f.problem.startsWith('the answer quotes the provider key') && f.what.includes('(passthrough)'),
  },
];

interface Case {
  i: number;
  caller: FuzzFormat;
  up: FuzzFormat;
  stream: boolean;
  kind: Kind;
  plan: Plan;
  what: string;
  /** Gemini `:streamGenerateContent` without `alt=sse`: the answer is one JSON array. */
  jsonArray?: boolean;
}

function makeCase(i: number, rng: Rng): Case {
  const caller = rng.pick(FORMATS);
  const up = rng.pick(FORMATS);
  const stream = rng.chance(0.6);
  // Stalls cost a second each: a few are enough.
  let kind = rng.pick(KINDS);
  if (kind === 'stall' && rng.chance(0.7)) kind = 'cut';
  const { plan, desc } = makePlan(rng, up, stream, kind);
  const jsonArray = caller === 'gemini' && stream && rng.chance(0.3);
  return {
    i,
    caller,
    up,
    stream,
    kind,
    plan,
    jsonArray,
    what: `#${i} [${caller} → ${up}${caller === up ? ' (passthrough)' : ''}${stream ? (jsonArray ? ' stream (JSON array)' : ' stream') : ''}: ${kind} ${desc}]`,
  };
}

function check(c: Case, a: Answer): string | undefined {
  const passthrough = c.caller === c.up;
  for (const s of [...Object.values(SECRET), ...seenSecrets])
    if (a.text.includes(s) || a.text.includes(s.slice(0, 14)) || a.text.includes(s.slice(-14)))
      return `the answer quotes the provider key: …${a.text.slice(Math.max(0, a.text.indexOf(s.slice(-14)) - 150), a.text.indexOf(s.slice(-14)) + 20)}`;
  const leak = leakIn(a.text, '', [...LOCAL_PATHS, t.dataDir]);
  if (leak) return `leaks ${leak}`;
  if (a.status >= 500) {
    // 502: the upstream's answer was unusable; 503: it failed at the start of a stream, or its
    // circuit is open; 504: it went silent. Any other 5xx only when the upstream itself declared
    // it (its own status, or an error event naming the failure), never the gateway's own 500.
    const declared = (c.plan.upstream5xx && a.status === c.plan.status) || c.kind === 'error-event';
    const allowed = a.status === 502 || a.status === 503 || a.status === 504 || declared;
    if (!allowed || a.text.includes('Internal error (request'))
      return `status ${a.status}: ${a.text.slice(0, 300)}`;
  }
  if (a.status >= 400) {
    // Same format: the upstream's own error body is passed on as it came (only the key removed).
    if (passthrough && c.plan.status === a.status) {
      try {
        JSON.parse(a.text);
      } catch {
        return `status ${a.status}: a passed-on upstream error that is not JSON: ${a.text.slice(0, 200)}`;
      }
      return undefined;
    }
    const problem = errorShapeProblem(c.caller, a.text);
    return problem ? `status ${a.status}, error not in the caller's format: ${problem}` : undefined;
  }
  if (a.status !== 200) return `status ${a.status}`;
  // Same format, not streamed: the upstream's body is relayed as it came (only its first byte is
  // looked at, to tell JSON from an error page), so a broken one reaches the caller as it was.
  if (!c.stream && passthrough) return undefined;
  if (!c.stream) {
    try {
      JSON.parse(a.text);
    } catch {
      return `a 200 that is not JSON: ${a.text.slice(0, 200)}`;
    }
    return undefined;
  }
  if (c.jsonArray) {
    let arr: unknown;
    try {
      arr = JSON.parse(a.text);
    } catch {
      return `a JSON-array stream that is not JSON: …${a.text.slice(-200)}`;
    }
    if (!Array.isArray(arr)) return `a JSON-array stream that is not an array: ${a.text.slice(0, 200)}`;
    const last = arr.at(-1) as any;
    return last?.error || last?.candidates?.some((x: any) => x.finishReason) || c.plan.end === 'end'
      ? undefined
      : `a JSON-array stream that ends with neither a finishReason nor an error: …${a.text.slice(-200)}`;
  }
  // Passthrough relays the upstream's bytes; a translated stream is the gateway's own. A relayed
  // stream whose upstream connection broke ends with the gateway's error event.
  if (!passthrough || c.plan.end !== 'end') return streamEndProblem(c.caller, a.text);
  return undefined;
}

describe('hostile upstream fuzz', () => {
  it(
    `${CASES} seeded cases: no crash, no 5xx but 502/503/504, no leaks, streams end properly`,
    { timeout: 240_000 },
    async () => {
      const root = new Rng(seed);
      const rngs = Array.from({ length: CASES }, () => root.fork());
      const failures: Failure[] = [];
      const statuses = new Map<number, number>();
      const started = performance.now();
      let polluted = false;
      const runCase = async (c: Case) => {
        plans.set(c.i, c.plan);
        const req = callerRequest(c.caller, `${PROVIDER[c.up]}/case-${c.i}`, c.stream, c.jsonArray);
        let a: Answer;
        try {
          a = await send(t.url, {
            path: req.path,
            headers: { 'content-type': 'application/json' },
            body: req.body,
            timeoutMs: 30_000,
            fresh: true,
          });
        } catch (err) {
          failures.push({ what: c.what, problem: `request failed: ${(err as Error).message}` });
          return;
        } finally {
          plans.delete(c.i);
        }
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        const problem = check(c, a);
        if (problem) failures.push({ what: c.what, problem });
        if (({} as any).polluted !== undefined || ({} as any).temperature !== undefined) {
          failures.push({ what: c.what, problem: 'Object.prototype was polluted' });
          delete (Object.prototype as any).polluted;
          delete (Object.prototype as any).temperature;
          polluted = true;
        }
      };
      const only = onlyCases();
      await pool(CASES, CONCURRENCY, async (k) => {
        if (only && !only.has(k)) return;
        const c = makeCase(k, new Rng(rngs[k]!.seed));
        await runCase(c);
        // A 429 (or 529, 503 with Retry-After) rests the account: later cases would never reach the
        // upstream. The rest is lifted at once.
        if (c.plan.status >= 400 || k % 50 === 49)
          await t.api('/api/health/reset', { method: 'POST', body: '{}' });
      });
      // Fixed cases: a 20 MB single-line event (passthrough and translated), and a 20 MB line that
      // never ends.
      const fixed: Case[] = [];
      for (const [caller, up] of [
        ['anthropic', 'anthropic'],
        ['openai-chat', 'gemini'],
      ] as Array<[FuzzFormat, FuzzFormat]>) {
        const events = loadChunkLines(FIXTURES[up].stream[0]!);
        const p = hugePrefix(up);
        const w = (evs: string[]) =>
          evs.map((e) => frame(up, e)).join('') + (up === 'openai-chat' ? 'data: [DONE]\n\n' : '');
        fixed.push({
          i: CASES + fixed.length,
          caller,
          up,
          stream: true,
          kind: 'huge',
          plan: {
            status: 200,
            headers: SSE,
            parts: [
              w(events.slice(0, 1)),
              p.open,
              { repeat: 'b', times: 20 << 20 },
              p.close,
              w(events.slice(1)),
            ],
            end: 'end',
          },
          what: `fixed [${caller} → ${up} stream: one 20 MB event]`,
        });
        fixed.push({
          i: CASES + fixed.length,
          caller,
          up,
          stream: true,
          kind: 'huge',
          plan: {
            status: 200,
            headers: SSE,
            parts: [w(events.slice(0, 1)), p.open, { repeat: 'c', times: 20 << 20 }],
            end: 'end',
          },
          what: `fixed [${caller} → ${up} stream: a 20 MB line that never ends]`,
        });
      }
      if (!only) for (const c of fixed) await runCase(c);
      console.log(
        `[fuzz] hostile-upstream: ${CASES + fixed.length} cases in ${Math.round(performance.now() - started)} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
      );
      const failing = triage('hostile-upstream', seed, failures, PENDING);
      expect(polluted, 'a global prototype was polluted').toBe(false);
      expect(failing, report(seed, failing, CASES + fixed.length)).toEqual([]);
    },
  );

  it('afterwards: every caller format is served by every upstream format, nothing was logged as an internal error, no prototype changed', async () => {
    await t.api('/api/health/reset', { method: 'POST', body: '{}' });
    let i = 1_000_000;
    for (const caller of FORMATS)
      for (const up of FORMATS)
        for (const stream of [false, true]) {
          const id = i++;
          plans.set(id, {
            status: 200,
            headers: stream ? SSE : JSONH,
            parts: [
              stream
                ? loadChunkLines(FIXTURES[up].stream[0]!)
                    .map((e) => frame(up, e))
                    .join('') + (up === 'openai-chat' ? 'data: [DONE]\n\n' : '')
                : readFileSync(path.join(FIXTURE_ROOT, FIXTURES[up].json[0]!), 'utf8'),
            ],
            end: 'end',
          });
          const req = callerRequest(caller, `${PROVIDER[up]}/case-${id}`, stream);
          const a = await send(t.url, {
            path: req.path,
            headers: { 'content-type': 'application/json' },
            body: req.body,
          });
          expect(a.status, `${caller} → ${up} stream=${stream}: ${a.text.slice(0, 300)}`).toBe(200);
          if (stream && caller !== up) expect(streamEndProblem(caller, a.text)).toBeUndefined();
        }
    expect(
      errorLogs.filter((l) => /unhandled error|gateway error/.test(l)),
      `seed ${seed}`,
    ).toEqual([]);
    expect(({} as any).polluted).toBeUndefined();
    expect(({} as any).temperature).toBeUndefined();
    expect(prototypeSnapshot()).toBe(protoBefore);
  });
});
