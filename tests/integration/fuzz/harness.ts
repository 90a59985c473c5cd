// Shared by the fuzz suites: a seeded PRNG, an HTTP client that sends exactly the bytes and
// headers it is given, the checks every answer must pass, and a pool that runs cases in parallel.
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { WireFormat } from '../../../core/formats/canonical.js';

/** mulberry32: a tiny, fast, seedable PRNG (32-bit state), good enough to pick test cases. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** 0 ≤ n < max */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** A new generator derived from this one, so one case's draws do not shift the next's. */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 2 ** 32));
  }
}

/** CI's seed: a gate must not turn red on a case no change of the commit's made. */
export const CI_SEED = 20_261_206;

/**
 * The run's seed: FUZZ_SEED when set (to replay a failure); in CI the fixed CI_SEED, so a run
 * is repeatable; elsewhere a new one each run, so a developer's repeated runs cover more cases.
 * Printed either way; every failure message repeats it with the case.
 */
export function fuzzSeed(suite: string): number {
  const env = process.env.FUZZ_SEED;
  const seed =
    env !== undefined && env !== ''
      ? Number(env) >>> 0
      : process.env.CI
        ? CI_SEED
        : (Math.random() * 2 ** 32) >>> 0;
  console.log(`[fuzz] ${suite}: seed ${seed} (replay with FUZZ_SEED=${seed})`);
  return seed;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface SendOptions {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Give up on the answer after this long (a hang is a failure too). */
  timeoutMs?: number;
  /** A new connection instead of a kept-alive one. */
  fresh?: boolean;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** node:http, so headers and bytes go out as given (fetch would normalise or refuse some). */
export function send(base: string, o: SendOptions): Promise<Answer> {
  const url = new URL(base);
  // node:http frames a GET, DELETE or OPTIONS body only with an explicit length (it would send
  // the bytes unframed, to be read as the next request on the connection).
  const headers =
    o.body !== undefined && !Object.keys(o.headers ?? {}).some((h) => h.toLowerCase() === 'content-length')
      ? { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)) }
      : o.headers;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: o.method ?? 'POST',
        path: o.path,
        headers,
        agent: o.fresh ? false : agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no complete answer within ${o.timeoutMs ?? 20_000} ms`));
    }, o.timeoutMs ?? 20_000);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(o.body);
  });
}

/**
 * Raw bytes on a new connection (for what node:http refuses to send: header values outside
 * Latin-1, bare CR/LF, broken framing). Reads until the server closes; only the status line and
 * the body are parsed.
 */
export function sendRaw(base: string, bytes: Buffer, timeoutMs = 10_000): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`raw request: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', () => {}); // a reset after the answer is fine; a missing answer shows below
    sock.on('close', () => {
      clearTimeout(timer);
      let all: Buffer = Buffer.concat(chunks);
      // An interim `100 Continue` comes before the real answer.
      while (/^HTTP\/1\.[01] 1\d\d /.test(all.subarray(0, 16).toString('latin1'))) {
        const end = all.indexOf('\r\n\r\n');
        if (end < 0) break;
        all = all.subarray(end + 4);
      }
      const headEnd = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, headEnd < 0 ? all.length : headEnd).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      const headers: IncomingHttpHeaders = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      let body: Buffer = headEnd < 0 ? Buffer.alloc(0) : all.subarray(headEnd + 4);
      if (/chunked/i.test(String(headers['transfer-encoding'] ?? ''))) body = unchunk(body);
      resolve({ status, headers, body, text: body.toString('utf8') });
    });
    sock.write(bytes);
  });
}

function unchunk(b: Buffer): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  while (i < b.length) {
    const eol = b.indexOf('\r\n', i);
    if (eol < 0) break;
    const size = parseInt(b.subarray(i, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(b.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/** Runs `n` cases with `concurrency` in flight; every case runs even when some fail. */
export async function pool(n: number, concurrency: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await run(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
}

// --- what every answer must pass -------------------------------------------------------------

// Every pattern is anchored on literal text and bounded, so a body of megabytes is scanned in
// linear time (an unbounded `[\w-]+\.ts:` backtracks quadratically on a long run of letters).
const LEAKS: Array<[string, RegExp]> = [
  ['a stack frame', /\n\s{1,20}at (?:[\w$.<>[\] ]{1,200} \()?(?:file:\/\/|node:|\/[\w.-]+\/|[A-Za-z]:\\)/],
  ['a source path', /[\w-]\.(?:ts|js|mjs|cjs):\d+/],
  ['a node internal', /node:internal|internal\/(?:modules|process)/],
  [
    'an exception with a stack',
    /(?:TypeError|RangeError|SyntaxError|ReferenceError): [^\n]{0,500}\n\s{1,20}at /,
  ],
];

/**
 * What in `body` looks like a stack trace or a local file path. Text the request itself sent is
 * not counted (an error message may quote the caller's own model name or field).
 */
export function leakIn(body: string, sent: string, paths: string[]): string | undefined {
  for (const [what, re] of LEAKS) {
    const m = re.exec(body);
    if (m && !sent.includes(m[0])) return `${what}: ${JSON.stringify(m[0])}`;
  }
  for (const p of paths) if (p && body.includes(p) && !sent.includes(p)) return `a local path: ${p}`;
  return undefined;
}

const isObj = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string' && v.length > 0;

/**
 * Why `text` is not an error body in `format` (undefined when it is). The shapes each format's
 * SDKs read: OpenAI {error:{message,type}}, Anthropic {type:'error',error:{type,message}},
 * Gemini {error:{code,message,status}}, and the management API's {error:{message}}.
 */
export function errorShapeProblem(format: WireFormat | 'api', text: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return `not JSON: ${JSON.stringify(text.slice(0, 200))}`;
  }
  if (!isObj(v) || !isObj(v.error)) return `no error object: ${text.slice(0, 200)}`;
  const e = v.error;
  switch (format) {
    case 'openai-chat':
    case 'openai-responses':
      return str(e.message) && str(e.type) ? undefined : `not an OpenAI error: ${text.slice(0, 200)}`;
    case 'anthropic':
      return v.type === 'error' && str(e.type) && str(e.message)
        ? undefined
        : `not an Anthropic error: ${text.slice(0, 200)}`;
    case 'gemini':
      return typeof e.code === 'number' && str(e.message) && str(e.status)
        ? undefined
        : `not a Gemini error: ${text.slice(0, 200)}`;
    case 'api':
      return str(e.message) ? undefined : `not a management API error: ${text.slice(0, 200)}`;
  }
}

/** The global prototypes' own keys, to compare before and after (prototype pollution). */
export function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Reflect.ownKeys(p).map(String).sort().join(','))
    .join('|');
}

/** A JSON text nested `depth` levels deep around `inner`, built as text (no recursion here). */
export function nestedJson(depth: number, inner = '1', kind: 'array' | 'object' | 'mixed' = 'mixed'): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const arr = kind === 'array' || (kind === 'mixed' && i % 2 === 1);
    open += arr ? '[' : '{"a":';
    close = (arr ? ']' : '}') + close;
  }
  return open + inner + close;
}

/** A summary of failures that fits in an assertion message. */
export function report(seed: number, failures: string[], total: number): string {
  const shown = failures.slice(0, 15).join('\n  ');
  return `${failures.length} of ${total} cases failed (FUZZ_SEED=${seed}):\n  ${shown}${failures.length > 15 ? `\n  … ${failures.length - 15} more` : ''}`;
}

/**
 * A bug another change in progress is fixing. Its failures are counted and printed, not failed,
 * so the suite stays green meanwhile; FUZZ_STRICT=1 fails them too. Remove the entry when the fix
 * lands (the suite then enforces it).
 */
export interface Pending {
  id: string;
  /** What is wrong and whose change fixes it. */
  why: string;
  match(failure: Failure): boolean;
}

export interface Failure {
  /** The case, as a line to reproduce it: its index and what was done to it. */
  what: string;
  problem: string;
}

/** The failures no pending fix explains; prints those it explains. */
export function triage(suite: string, seed: number, failures: Failure[], pending: Pending[]): string[] {
  const strict = process.env.FUZZ_STRICT === '1';
  const out: string[] = [];
  const known = new Map<string, Failure[]>();
  for (const f of failures) {
    const p = pending.find((x) => x.match(f));
    if (p && !strict) known.set(p.id, [...(known.get(p.id) ?? []), f]);
    else out.push(`${f.what}: ${f.problem}`);
  }
  for (const [id, fs] of known) {
    const p = pending.find((x) => x.id === id)!;
    console.warn(
      `[fuzz] ${suite}: ${fs.length} case(s) hit pending fix "${id}" (${p.why}); not failed until it lands (FUZZ_STRICT=1 fails them). First: ${fs[0]!.what}: ${fs[0]!.problem.slice(0, 300)} (FUZZ_SEED=${seed})`,
    );
  }
  return out;
}

/** Every [container, key] in `v` down to `maxDepth`, for picking a place to mutate. */
export function places(v: unknown, maxDepth = 12): Array<[any, string | number]> {
  const out: Array<[any, string | number]> = [];
  const walk = (x: unknown, depth: number): void => {
    if (depth > maxDepth || typeof x !== 'object' || x === null) return;
    if (Array.isArray(x)) {
      x.forEach((e, i) => {
        out.push([x, i]);
        walk(e, depth + 1);
      });
      return;
    }
    for (const k of Object.keys(x)) {
      out.push([x, k]);
      walk((x as Record<string, unknown>)[k], depth + 1);
    }
  };
  walk(v, 0);
  return out;
}

/** Sets an own enumerable property, even `__proto__` (plain assignment would set the prototype). */
export function defineOwn(o: object, k: string | number, value: unknown): void {
  Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
}

export const KEPT_ALIVE_CLOSED = 'on a kept-alive connection (a new one is answered)';

/**
 * Sends one case: `go(false)` on a kept-alive connection, and when that one was closed under it,
 * `go(true)` on a new one, to tell a server that closed an idle connection without saying so
 * from a request that broke the server. `skip`: node:http itself refused to send the case.
 */
export async function exchange(
  go: (fresh: boolean) => Promise<Answer>,
): Promise<{ answer?: Answer; problem?: string; skip?: boolean }> {
  try {
    return { answer: await go(false) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_INVALID_CHAR') return { skip: true };
    const problem = `request failed: ${(err as Error).message}`;
    if (!/socket hang up|ECONNRESET/.test(problem)) return { problem };
    try {
      return { answer: await go(true), problem: `${problem} ${KEPT_ALIVE_CLOSED}` };
    } catch (err2) {
      return { problem: `request failed, on a new connection too: ${(err2 as Error).message}` };
    }
  }
}

/** FUZZ_ONLY=3,17: only those cases of the seed run (to replay a failure on its own). */
export function onlyCases(): Set<number> | undefined {
  const v = process.env.FUZZ_ONLY;
  return v ? new Set(v.split(',').map(Number)) : undefined;
}
