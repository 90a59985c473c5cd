// The real coding CLIs in their *logged-in* mode, through the gateway's login passthrough
// (../shared/SUBSCRIPTIONS.md, route 1), against local fake vendors that replay real captures.
// Heavy (three CLIs), so not part of `npm test`: run `npm run test:agents:login`. Installs the
// agents into .agents/ on first use. Every CLI gets a fake login file, its base URL pointed at
// the gateway and the gateway key in `x-omniroute-key`; nothing leaves 127.0.0.1 (an HTTP(S)
// proxy on loopback refuses, and records, anything that tries).
//   Claude Code (`claude -p`, its /login OAuth token)   → claude-login (fake api.anthropic.com)
//   Codex CLI (`codex exec`, its ChatGPT login)         → chatgpt-login (fake chatgpt.com/backend-api/codex)
//   Gemini CLI (`gemini -p`, its Google login)           → gemini-login (fake cloudcode-pa)
// Run A of each: the vendor answers, its quota headers show in /api/quota/plans. Run B: the
// vendor says the plan is exhausted, the combo's next step (another format) answers, and later
// requests skip the login. Last: the fake credentials appear nowhere they should not.
// The Gemini CLI sends the gateway key with GEMINI_CLI_CUSTOM_HEADERS (on every Code Assist
// call), so all three run with `requireApiKey: true`; `-m <combo>` names the combo in the
// envelope's `model` and skips the CLI's model-router call. (With `-m gemini-2.5-pro` the
// request is routed to the login alone: no fallback.) Each run prints what the CLI sent to the
// gateway, what the gateway sent on, and any direct call a CLI tried beyond loopback.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http, { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installAgents } from './install.mjs';

const started = Date.now();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const agentsDir = process.env.OMNIROUTE_AGENTS_DIR ?? path.join(root, '.agents');
const AGENTS = { '@anthropic-ai/claude-code': '2.1', '@openai/codex': '0.169', '@google/gemini-cli': '0.61' };
const VERBOSE = Boolean(process.env.VERBOSE);

const bin = installAgents(agentsDir, AGENTS, ['claude', 'codex', 'gemini']);

// ---------------------------------------------------------------- fixtures (real captures)
const fx = path.join(root, 'tests', 'fixtures', 'upstream');
const lines = (f) =>
  readFileSync(path.join(fx, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
const frames = (f, named) =>
  lines(f)
    .map((l) => (named ? `event: ${JSON.parse(l).type}\n` : '') + `data: ${l}\n\n`)
    .join('');
const fixture = (f) => readFileSync(path.join(fx, f));
const geminiText = (r) => r.candidates?.[0]?.content?.parts?.map((p) => p.text ?? '').join('') ?? '';
/** What each capture says, streamed and not (a CLI may ask either way). */
const TEXT = {
  anthropic: [
    lines('anthropic/anthropic-text.chunks.txt')
      .map((l) => JSON.parse(l).delta?.text ?? '')
      .join(''),
    JSON.parse(fixture('anthropic/anthropic-text.json')).content[0].text,
  ],
  openai: [
    lines('openai-chat/openai-text.chunks.txt')
      .map((l) => JSON.parse(l).choices?.[0]?.delta?.content ?? '')
      .join(''),
    JSON.parse(fixture('openai-chat/openai-text.json')).choices[0].message.content,
  ],
  responses: [
    lines('openai-responses/openai-text.chunks.txt')
      .map((l) => JSON.parse(l))
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta)
      .join(''),
  ],
  gemini: [
    lines('gemini/google-text.chunks.txt')
      .map((l) => geminiText(JSON.parse(l)))
      .join(''),
    geminiText(JSON.parse(fixture('gemini/google-text.json'))),
  ],
};
/** The CLI printed one of the capture's texts (its start; markdown emphasis may be rendered away). */
const printed = (out, texts) => {
  const plain = (s) => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
  return texts.some((t) => t.trim() && plain(out).includes(plain(t).slice(0, 50)));
};

/** Temporary directories (homes, data dir): removed when everything passed, kept to inspect otherwise. */
const tempDirs = [];
const tempDir = (prefix) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(d);
  return d;
};

// ---------------------------------------------------------------- fake credentials
const rnd = (n = 24) => randomBytes(n).toString('hex');
const b64url = (o) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const nowS = () => Math.floor(Date.now() / 1000);
const CRED = {
  claudeAccess: `sk-ant-oat01-${rnd()}`,
  claudeRefresh: `sk-ant-ort01-${rnd()}`,
  codexAccess: `fake-chatgpt-access-${rnd()}`,
  codexRefresh: `fake-chatgpt-refresh-${rnd()}`,
  geminiAccess: `ya29.fake-${rnd()}`,
  geminiRefresh: `1//fake-refresh-${rnd()}`,
};
const CODEX_ACCOUNT = `acct-${rnd(8)}`;
const GATEWAY_KEY = `omr-agents-login-${rnd(12)}`;
const ADMIN_TOKEN = `admin-${rnd(12)}`;
const FB_KEY = `fb-upstream-key-${rnd(8)}`;
const AN_KEY = `an-upstream-key-${rnd(8)}`;
/** For printing: every secret shown as its name. */
const LABELS = Object.entries({ ...CRED, gatewayKey: GATEWAY_KEY, adminToken: ADMIN_TOKEN });
const mask = (s) => LABELS.reduce((t, [name, v]) => t.split(v).join(`<${name}>`), String(s));

// ---------------------------------------------------------------- local servers
/** A recording HTTP server on loopback: every request with its headers and body. */
async function fakeServer(handle) {
  const seen = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const rec = { method: req.method, url: req.url, headers: req.headers, body, status: 0 };
      seen.push(rec);
      res.on('finish', () => (rec.status = res.statusCode));
      try {
        handle(req, body, res);
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, seen, close: () => server.close() };
}
const sendJson = (res, status, body, headers = {}) =>
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
const sendSse = (res, text, headers = {}) =>
  res.writeHead(200, { 'content-type': 'text/event-stream', ...headers }).end(text);
const safeJson = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const streamed = (body) => /"stream"\s*:\s*true/.test(body);
const pathOf = (url) => url.split('?')[0];

const mode = { claude: 'ok', codex: 'ok', gemini: 'ok' };

// Anthropic (api.anthropic.com) as Claude Code's login sees it.
const claudeReset = { h5: nowS() + 2 * 3600, d7: nowS() + 3 * 86_400, rejected: nowS() + 3600 };
const claudeVendor = await fakeServer((req, body, res) => {
  const p = pathOf(req.url);
  if (p === '/') return res.writeHead(200).end();
  if (p === '/v1/messages/count_tokens') return sendJson(res, 200, { input_tokens: 12 });
  if (p !== '/v1/messages' || req.method !== 'POST')
    return sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } });
  if (mode.claude === 'exhausted')
    return sendJson(
      res,
      429,
      {
        type: 'error',
        error: {
          type: 'rate_limit_error',
          message: "This request would exceed your account's rate limit. Please try again later.",
        },
      },
      {
        'anthropic-ratelimit-unified-status': 'rejected',
        'anthropic-ratelimit-unified-reset': String(claudeReset.rejected),
        'anthropic-ratelimit-unified-representative-claim': 'five_hour',
        'anthropic-ratelimit-unified-5h-status': 'rejected',
        'anthropic-ratelimit-unified-5h-utilization': '1',
        'anthropic-ratelimit-unified-5h-reset': String(claudeReset.rejected),
        'anthropic-ratelimit-unified-7d-status': 'allowed',
        'anthropic-ratelimit-unified-7d-utilization': '0.35',
        'anthropic-ratelimit-unified-7d-reset': String(claudeReset.d7),
        'request-id': `req_${rnd(8)}`,
      },
    );
  const headers = {
    'anthropic-ratelimit-unified-status': 'allowed',
    'anthropic-ratelimit-unified-reset': String(claudeReset.h5),
    'anthropic-ratelimit-unified-representative-claim': 'five_hour',
    'anthropic-ratelimit-unified-5h-utilization': '0.62',
    'anthropic-ratelimit-unified-5h-reset': String(claudeReset.h5),
    'anthropic-ratelimit-unified-5h-status': 'allowed',
    'anthropic-ratelimit-unified-7d-utilization': '0.3',
    'anthropic-ratelimit-unified-7d-reset': String(claudeReset.d7),
    'anthropic-ratelimit-unified-7d-status': 'allowed',
    'request-id': `req_${rnd(8)}`,
  };
  if (streamed(body)) sendSse(res, frames('anthropic/anthropic-text.chunks.txt', true), headers);
  else sendJson(res, 200, fixture('anthropic/anthropic-text.json'), headers);
});

// The ChatGPT Codex backend (chatgpt.com/backend-api/codex) as Codex's login sees it.
const codexHeaders = (primary) => ({
  'x-codex-primary-used-percent': String(primary),
  'x-codex-primary-window-minutes': '300',
  'x-codex-primary-reset-at': String(nowS() + 3600),
  'x-codex-secondary-used-percent': '12',
  'x-codex-secondary-window-minutes': '10080',
  'x-codex-secondary-reset-after-seconds': String(5 * 86_400),
});
const codexVendor = await fakeServer((req, body, res) => {
  const p = pathOf(req.url);
  if (req.method === 'GET' && p === '/backend-api/codex/models') return sendJson(res, 200, { models: [] });
  if (req.method === 'POST' && p === '/backend-api/codex/responses') {
    if (mode.codex === 'exhausted')
      return sendJson(
        res,
        429,
        {
          error: {
            type: 'usage_limit_reached',
            message: 'The usage limit has been reached',
            plan_type: 'plus',
            resets_in_seconds: 1800,
          },
        },
        codexHeaders(100),
      );
    return sendSse(res, frames('openai-responses/openai-text.chunks.txt', true), codexHeaders(40));
  }
  sendJson(res, 404, { detail: 'Not Found' });
});

// Google's token endpoint for the Gemini CLI's credential (its `token_url`): the CLI calls it
// itself, never through the gateway (which does not know this address).
const googleOauth = await fakeServer((req, body, res) => {
  if (pathOf(req.url) === '/token')
    return sendJson(res, 200, {
      access_token: CRED.geminiAccess,
      expires_in: 3599,
      token_type: 'Bearer',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
    });
  sendJson(res, 404, { error: 'not_found' });
});

// Code Assist (cloudcode-pa.googleapis.com) as the Gemini CLI's login sees it.
const geminiQuotaReset = new Date(Date.now() + 6 * 3600_000).toISOString();
const GEMINI_PROJECT = 'fake-project-123';
const geminiVendor = await fakeServer((req, body, res) => {
  const m = /^\/v1internal:([A-Za-z]+)$/.exec(pathOf(req.url));
  const method = m?.[1];
  const exhausted = () =>
    sendJson(res, 429, {
      error: {
        code: 429,
        message: 'You have exhausted your daily quota on this model.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'QUOTA_EXHAUSTED',
            domain: 'cloudcode-pa.googleapis.com',
          },
        ],
      },
    });
  switch (method) {
    case 'loadCodeAssist':
      return sendJson(res, 200, {
        currentTier: {
          id: 'standard-tier',
          name: 'Gemini Code Assist',
          userDefinedCloudaicompanionProject: true,
          hasOnboardedPreviously: true,
        },
        allowedTiers: [{ id: 'standard-tier', isDefault: true, userDefinedCloudaicompanionProject: true }],
        cloudaicompanionProject: GEMINI_PROJECT,
        gcpManaged: false,
      });
    case 'retrieveUserQuota':
      return sendJson(res, 200, {
        buckets: [
          {
            modelId: 'gemini-2.5-pro',
            tokenType: 'REQUESTS',
            remainingFraction: 0.25,
            remainingAmount: '25',
            resetTime: geminiQuotaReset,
          },
          {
            modelId: 'gemini-2.5-flash',
            tokenType: 'REQUESTS',
            remainingFraction: 0.9,
            remainingAmount: '900',
            resetTime: geminiQuotaReset,
          },
        ],
      });
    case 'listExperiments':
      return sendJson(res, 200, { experimentIds: [], flags: [] });
    case 'fetchAdminControls':
      return sendJson(res, 200, { adminControlsApplicable: false });
    case 'getCodeAssistGlobalUserSetting':
      return sendJson(res, 200, { freeTierDataCollectionOptin: false });
    case 'recordCodeAssistMetrics':
      return sendJson(res, 200, {});
    case 'countTokens':
      return sendJson(res, 200, { totalTokens: 10 });
    case 'generateContent':
      if (mode.gemini === 'exhausted') return exhausted();
      return sendJson(
        res,
        200,
        `{"response":${fixture('gemini/google-text.json').toString('utf8')},"traceId":"trace-1"}`,
      );
    case 'streamGenerateContent':
      if (mode.gemini === 'exhausted') return exhausted();
      return sendSse(
        res,
        lines('gemini/google-text.chunks.txt')
          .map((l) => `data: {"response":${l},"traceId":"trace-1"}\r\n\r\n`)
          .join(''),
      );
  }
  sendJson(res, 404, { error: { code: 404, message: `unknown ${req.url}`, status: 'NOT_FOUND' } });
});

// The combos' other steps, on API keys: OpenAI chat and Anthropic, streamed or not.
const fallback = await fakeServer((req, body, res) => {
  const p = pathOf(req.url);
  if (p === '/v1/chat/completions') {
    if (streamed(body))
      return sendSse(res, frames('openai-chat/openai-text.chunks.txt', false) + 'data: [DONE]\n\n');
    return sendJson(res, 200, fixture('openai-chat/openai-text.json'));
  }
  if (p === '/v1/messages') {
    if (streamed(body)) return sendSse(res, frames('anthropic/anthropic-text.chunks.txt', true));
    return sendJson(res, 200, fixture('anthropic/anthropic-text.json'));
  }
  sendJson(res, 404, { error: { message: 'not found' } });
});

// Anything a CLI tries to reach beyond loopback meets this proxy: refused, and recorded.
const outbound = [];
const blackhole = createServer((req, res) => {
  outbound.push(`${req.method} ${req.url}`);
  res.writeHead(403).end();
});
blackhole.on('connect', (req, socket) => {
  outbound.push(`CONNECT ${req.url}`);
  socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
});
await new Promise((r) => blackhole.listen(0, '127.0.0.1', r));
const PROXY = `http://127.0.0.1:${blackhole.address().port}`;
const proxyEnv = {
  HTTPS_PROXY: PROXY,
  HTTP_PROXY: PROXY,
  https_proxy: PROXY,
  http_proxy: PROXY,
  NO_PROXY: '127.0.0.1,localhost',
  no_proxy: '127.0.0.1,localhost',
};

// ---------------------------------------------------------------- the core
spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--core-only', '--quiet'], {
  stdio: 'inherit',
});
const { startCore, createLogger } = await import(
  pathToFileURL(path.join(root, 'dist', 'core', 'index.js')).href
);

// What reached the gateway, exactly as the CLIs sent it (method, path, headers, status): read
// off the core's own node:http server, without a hop in between.
let corePort = -1;
const gatewaySeen = [];
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res) {
  if (event === 'request' && req.socket?.localPort === corePort) {
    const rec = { method: req.method, url: req.url, headers: { ...req.headers }, status: 0 };
    gatewaySeen.push(rec);
    res.on('finish', () => {
      rec.status = res.statusCode;
      // The header block as sent (the gateway writes its headers with writeHead, which
      // getHeaders() does not see).
      rec.answerHeaders = Object.fromEntries(
        String(res._header ?? '')
          .split('\r\n')
          .slice(1)
          .filter((l) => l.includes(':'))
          .map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
    });
  }
  return emit.apply(this, arguments);
};

const dataDir = tempDir('omniroute-agents-login-');
const configFile = path.join(tempDir('omniroute-agents-login-cfg-'), 'omniroute.yaml');
writeFileSync(
  configFile,
  `providers:
  - id: claude-login
    login: anthropic
    baseUrl: ${claudeVendor.url}
    models: [claude-sonnet-4-6]
  - id: chatgpt-login
    login: chatgpt
    baseUrl: ${codexVendor.url}/backend-api/codex
    models: [gpt-5.4]
  - id: gemini-login
    login: code-assist
    baseUrl: ${geminiVendor.url}
    models: [gemini-2.5-pro]
  - id: fb
    format: openai-chat
    baseUrl: ${fallback.url}/v1
    accounts:
      - apiKey: ${FB_KEY}
  - id: an
    format: anthropic
    baseUrl: ${fallback.url}/v1
    accounts:
      - apiKey: ${AN_KEY}
combos:
  - name: claude-first
    models: [claude-login/claude-sonnet-4-6, fb/gpt-4.1-nano]
  - name: codex-first
    models: [chatgpt-login/gpt-5.4, an/claude-sonnet-4-5]
  - name: gemini-first
    models: [gemini-login/gemini-2.5-pro, fb/gpt-4.1-nano]
apiKeys:
  - name: agents
    key: ${GATEWAY_KEY}
settings:
  requireApiKey: true
  debugLogging: true
`,
);
const core = await startCore({
  dataDir,
  configFile,
  port: 0,
  adminToken: ADMIN_TOKEN,
  logger: createLogger(process.env.LOG_LEVEL ?? 'warn'),
});
corePort = core.port;
const api = (p, init = {}) =>
  fetch(core.url + p, {
    ...init,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });
const plans = async () => (await api('/api/quota/plans')).json();
const planOf = async (kind) => (await plans()).find((p) => p.kind === kind);

// ---------------------------------------------------------------- checks and runs
const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok: Boolean(ok) });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${!ok && detail ? `\n      ${mask(detail)}` : ''}`);
}

/** The CLIs still running: killed if this script dies first. */
const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
/** One CLI run. A normal run takes 2–4 s; 45 s caps a CLI stuck retrying. */
function run(cmd, args, { env, cwd, timeoutMs = 45_000 }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, {
      cwd,
      env: { PATH: process.env.PATH, TERM: 'dumb', ...proxyEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      children.delete(child);
      clearTimeout(t);
      resolve({ code: code ?? signal, out, err, ms: Date.now() - t0 });
    });
  });
}

const HEADERS_SHOWN = [
  'authorization',
  'x-api-key',
  'x-omniroute-key',
  'anthropic-beta',
  'anthropic-version',
  'chatgpt-account-id',
  'originator',
  'content-encoding',
  'accept',
  'user-agent',
];
const showHeaders = (h) =>
  HEADERS_SHOWN.filter((k) => h[k] !== undefined)
    .map((k) => {
      let v = String(h[k]);
      if (k === 'authorization' && !LABELS.some(([, s]) => v.includes(s))) v = v.slice(0, 18) + '…';
      return `${k}: ${v.length > 90 ? v.slice(0, 90) + '…' : v}`;
    })
    .join(' | ');
const mark = () => ({
  gateway: gatewaySeen.length,
  claude: claudeVendor.seen.length,
  codex: codexVendor.seen.length,
  gemini: geminiVendor.seen.length,
  oauth: googleOauth.seen.length,
  fallback: fallback.seen.length,
  outbound: outbound.length,
});
/** What each party saw since `m`. */
const since = (m) => ({
  gateway: gatewaySeen.slice(m.gateway),
  claude: claudeVendor.seen.slice(m.claude),
  codex: codexVendor.seen.slice(m.codex),
  gemini: geminiVendor.seen.slice(m.gemini),
  oauth: googleOauth.seen.slice(m.oauth),
  fallback: fallback.seen.slice(m.fallback),
  outbound: outbound.slice(m.outbound),
});
function report(title, r, seen) {
  console.log(`\n── ${title}: exit ${r.code}, ${(r.ms / 1000).toFixed(1)} s`);
  const show = (who, list, withStatus = true) => {
    for (const x of list)
      console.log(
        mask(
          `   ${who} ${x.method} ${x.url}${withStatus ? ` → ${x.status}` : ''}   [${showHeaders(x.headers)}]`,
        ),
      );
  };
  show('CLI → gateway  ', seen.gateway);
  show('gateway → login', [...seen.claude, ...seen.codex, ...seen.gemini]);
  show('CLI → token url', seen.oauth);
  show('gateway → fb   ', seen.fallback);
  for (const o of seen.outbound) console.log(`   refused outbound: ${o}`);
  if (VERBOSE || r.code !== 0) {
    console.log(mask(`   stdout: ${r.out.trim().slice(0, 400)}`));
    console.log(mask(`   stderr: ${r.err.trim().slice(-1500)}`));
  }
}
const calls = (list, p) => list.filter((x) => pathOf(x.url) === p);

/** The request log (newest first) with each row's detail. */
async function logRows(limit = 500) {
  const { items } = await (await api(`/api/logs?limit=${limit}`)).json();
  return Promise.all(items.map(async (i) => (await api(`/api/logs/${i.id}`)).json()));
}
/** The newest log row for this combo: who served it, with its usage. */
const lastRow = async (combo) => (await logRows(20)).find((x) => x.requestedModel === combo);
const stepsOf = (row) => JSON.stringify(row?.attemptsDetail ?? row?.attempts ?? []);

// ================================================================ Claude Code
{
  const home = tempDir('agents-login-claude-');
  mkdirSync(path.join(home, '.claude'), { recursive: true });
  writeFileSync(
    path.join(home, '.claude', '.credentials.json'),
    JSON.stringify({
      claudeAiOauth: {
        accessToken: CRED.claudeAccess,
        refreshToken: CRED.claudeRefresh,
        expiresAt: Date.now() + 86_400_000,
        scopes: ['user:inference', 'user:profile'],
        subscriptionType: 'max',
      },
    }),
  );
  const work = path.join(home, 'work');
  mkdirSync(work);
  const combo = 'claude-first';
  const claude = () =>
    run(bin('claude'), ['-p', 'Say hello in one short sentence.'], {
      cwd: work,
      env: {
        HOME: home,
        ANTHROPIC_BASE_URL: core.url,
        ANTHROPIC_CUSTOM_HEADERS: `x-omniroute-key: ${GATEWAY_KEY}`,
        ANTHROPIC_MODEL: combo,
        ANTHROPIC_DEFAULT_HAIKU_MODEL: combo,
        ANTHROPIC_DEFAULT_SONNET_MODEL: combo,
        ANTHROPIC_DEFAULT_OPUS_MODEL: combo,
        ANTHROPIC_SMALL_FAST_MODEL: combo,
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
      },
    });

  // Run A: the plan serves.
  mode.claude = 'ok';
  let m = mark();
  let r = await claude();
  let seen = since(m);
  report('Claude Code, run A (login answers)', r, seen);
  const msgsA = calls(seen.claude, '/v1/messages');
  check('claude A: exit 0', r.code === 0, `exit ${r.code}: ${r.err.slice(-400)}`);
  check(
    'claude A: prints the Anthropic capture',
    printed(r.out, TEXT.anthropic),
    `stdout: ${r.out.slice(0, 300)}`,
  );
  check(
    'claude A: vendor got /v1/messages with Authorization: Bearer <the login’s accessToken>',
    msgsA.length > 0 && msgsA.every((x) => x.headers.authorization === `Bearer ${CRED.claudeAccess}`),
    `messages calls: ${msgsA.map((x) => x.headers.authorization).join(', ') || 'none'}`,
  );
  check(
    'claude A: vendor got anthropic-beta with oauth-2025-04-20',
    msgsA.length > 0 && msgsA.every((x) => String(x.headers['anthropic-beta']).includes('oauth-2025-04-20')),
    `anthropic-beta: ${msgsA.map((x) => x.headers['anthropic-beta']).join(' ; ')}`,
  );
  check(
    'claude A: no x-omniroute-key reached the vendor',
    seen.claude.every((x) => x.headers['x-omniroute-key'] === undefined),
  );
  check(
    'claude A: the CLI sent the gateway key as x-omniroute-key',
    seen.gateway.some((x) => x.headers['x-omniroute-key'] === GATEWAY_KEY),
  );
  const planA = await planOf('anthropic');
  const w5 = planA?.windows?.find((w) => w.id === '5h');
  check(
    'claude A: /api/quota/plans shows the 5h window at 62 % with its reset',
    w5?.usedPct === 62 && w5?.resetsAt === claudeReset.h5 * 1000 && planA?.providerId === 'claude-login',
    `plan: ${JSON.stringify(planA)}`,
  );
  check(
    'claude A: the fallback got nothing',
    seen.fallback.length === 0,
    `fallback saw ${seen.fallback.length}`,
  );
  const answered = (list, p) =>
    list.find((x) => pathOf(x.url) === p && x.status === 200)?.answerHeaders ?? {};
  const claudeBack = answered(seen.gateway, '/v1/messages');
  check(
    'claude A: the vendor’s anthropic-ratelimit-unified-* headers were passed back to the CLI',
    claudeBack['anthropic-ratelimit-unified-5h-utilization'] === '0.62' &&
      claudeBack['anthropic-ratelimit-unified-status'] === 'allowed',
    `answer headers: ${JSON.stringify(claudeBack)}`,
  );
  const rowA = await lastRow(combo);
  check(
    'claude A: the log row names claude-login, status 200, with the capture’s usage',
    rowA?.providerId === 'claude-login' && rowA?.status === 200 && rowA?.outputTokens > 0,
    `log row: ${JSON.stringify(rowA)?.slice(0, 600)}`,
  );

  // Run B: the plan's 5 h window is used up.
  mode.claude = 'exhausted';
  m = mark();
  r = await claude();
  seen = since(m);
  report('Claude Code, run B (plan exhausted → fallback)', r, seen);
  check('claude B: exit 0', r.code === 0, `exit ${r.code}: ${r.err.slice(-400)}`);
  check(
    'claude B: prints the openai-chat fallback capture',
    printed(r.out, TEXT.openai),
    `stdout: ${r.out.slice(0, 300)}`,
  );
  const msgsB = calls(seen.claude, '/v1/messages');
  check(
    'claude B: the vendor’s /v1/messages was asked once (no retry on the exhausted login)',
    msgsB.length === 1,
    `vendor /v1/messages calls in run B: ${msgsB.length}`,
  );
  check(
    'claude B: the fallback was called with its own key',
    calls(seen.fallback, '/v1/chat/completions').some((x) => x.headers.authorization === `Bearer ${FB_KEY}`),
  );
  const planB = await planOf('anthropic');
  check(
    'claude B: /api/quota/plans shows the login exhausted until the vendor’s reset',
    planB?.exhaustedUntil === claudeReset.rejected * 1000,
    `plan: ${JSON.stringify(planB)}`,
  );

  // Run C: still exhausted, so the login is skipped without asking the vendor.
  m = mark();
  r = await claude();
  seen = since(m);
  report('Claude Code, run C (login skipped until reset)', r, seen);
  check('claude C: exit 0 and prints the fallback capture', r.code === 0 && printed(r.out, TEXT.openai));
  check(
    'claude C: the vendor’s /v1/messages was not called',
    calls(seen.claude, '/v1/messages').length === 0,
    `vendor saw: ${seen.claude.map((x) => `${x.method} ${x.url}`).join(', ')}`,
  );
  // The exhausted login goes last in the order, so the next step serves at the first attempt.
  const row = (await logRows(5)).find((x) => x.requestedModel === combo);
  check(
    'claude C: the log shows fb serving at the first attempt (the exhausted login ordered last)',
    row?.providerId === 'fb' && row?.attempts === 1 && !stepsOf(row).includes('claude-login'),
    `log row: ${JSON.stringify(row)?.slice(0, 600)}`,
  );
}

// ================================================================ Codex CLI
{
  const home = tempDir('agents-login-codex-');
  const codexHome = path.join(home, '.codex');
  mkdirSync(codexHome, { recursive: true });
  const idToken = [
    b64url({ alg: 'none', typ: 'JWT' }),
    b64url({
      email: 'dev@example.com',
      exp: nowS() + 10 * 365 * 86_400,
      iat: nowS(),
      'https://api.openai.com/auth': { chatgpt_account_id: CODEX_ACCOUNT, chatgpt_plan_type: 'plus' },
    }),
    b64url('sig'),
  ].join('.');
  writeFileSync(
    path.join(codexHome, 'auth.json'),
    JSON.stringify({
      OPENAI_API_KEY: null,
      tokens: {
        id_token: idToken,
        access_token: CRED.codexAccess,
        refresh_token: CRED.codexRefresh,
        account_id: CODEX_ACCOUNT,
      },
      last_refresh: new Date().toISOString(),
    }),
  );
  const combo = 'codex-first';
  writeFileSync(
    path.join(codexHome, 'config.toml'),
    `model_provider = "omniroute"
model = "${combo}"

[model_providers.omniroute]
name = "OmniRoute"
base_url = "${core.url}/v1"
wire_api = "responses"
requires_openai_auth = true
http_headers = { "x-omniroute-key" = "${GATEWAY_KEY}" }
`,
  );
  const work = path.join(home, 'work');
  mkdirSync(work);
  const codex = () =>
    run(
      bin('codex'),
      ['exec', '--skip-git-repo-check', '--disable', 'plugins', 'Say hello in one short sentence.'],
      { cwd: work, env: { HOME: home, CODEX_HOME: codexHome } },
    );

  mode.codex = 'ok';
  let m = mark();
  let r = await codex();
  let seen = since(m);
  report('Codex CLI, run A (login answers)', r, seen);
  const resA = calls(seen.codex, '/backend-api/codex/responses');
  check('codex A: exit 0', r.code === 0, `exit ${r.code}: ${r.err.slice(-400)}`);
  check(
    'codex A: prints the Responses capture',
    printed(r.out, TEXT.responses),
    `stdout: ${r.out.slice(0, 300)}`,
  );
  check(
    'codex A: vendor got /backend-api/codex/responses with Bearer <the login’s access_token> and chatgpt-account-id',
    resA.length > 0 &&
      resA.every(
        (x) =>
          x.headers.authorization === `Bearer ${CRED.codexAccess}` &&
          x.headers['chatgpt-account-id'] === CODEX_ACCOUNT,
      ),
    `responses calls: ${resA.map((x) => showHeaders(x.headers)).join(' ; ') || 'none'}`,
  );
  check(
    'codex A: no x-omniroute-key reached the vendor',
    seen.codex.every((x) => x.headers['x-omniroute-key'] === undefined),
  );
  const planA = await planOf('chatgpt');
  const win = (id) => planA?.windows?.find((w) => w.id === id);
  check(
    'codex A: /api/quota/plans shows primary 40 % (5 h) and secondary 12 % (weekly)',
    win('primary')?.usedPct === 40 && win('secondary')?.usedPct === 12,
    `plan: ${JSON.stringify(planA)}`,
  );
  check(
    'codex A: the fallback got nothing',
    seen.fallback.length === 0,
    `fallback saw ${seen.fallback.length}`,
  );
  const codexBack =
    seen.gateway.find((x) => pathOf(x.url) === '/v1/responses' && x.status === 200)?.answerHeaders ?? {};
  check(
    'codex A: the vendor’s x-codex-* headers were passed back to the CLI',
    codexBack['x-codex-primary-used-percent'] === '40' &&
      codexBack['x-codex-secondary-used-percent'] === '12',
    `answer headers: ${JSON.stringify(codexBack)}`,
  );
  const rowA = await lastRow(combo);
  check(
    'codex A: the log row names chatgpt-login, status 200, with the capture’s usage',
    rowA?.providerId === 'chatgpt-login' && rowA?.status === 200 && rowA?.outputTokens > 0,
    `log row: ${JSON.stringify(rowA)?.slice(0, 600)}`,
  );

  mode.codex = 'exhausted';
  m = mark();
  r = await codex();
  seen = since(m);
  report('Codex CLI, run B (usage_limit_reached → fallback)', r, seen);
  check('codex B: exit 0', r.code === 0, `exit ${r.code}: ${r.err.slice(-400)}`);
  check(
    'codex B: prints the Anthropic fallback capture',
    printed(r.out, TEXT.anthropic),
    `stdout: ${r.out.slice(0, 300)}`,
  );
  check(
    'codex B: the vendor’s /responses was asked once',
    calls(seen.codex, '/backend-api/codex/responses').length === 1,
    `vendor /responses calls: ${calls(seen.codex, '/backend-api/codex/responses').length}`,
  );
  check(
    'codex B: the fallback was called with its own key',
    calls(seen.fallback, '/v1/messages').some((x) => x.headers['x-api-key'] === AN_KEY),
  );
  const planB = await planOf('chatgpt');
  check(
    'codex B: /api/quota/plans shows the login exhausted for ~30 min (resets_in_seconds)',
    planB?.exhaustedUntil > Date.now() + 1700_000 && planB?.exhaustedUntil < Date.now() + 1900_000,
    `plan: ${JSON.stringify(planB)}`,
  );
}

// ================================================================ Gemini CLI
{
  const home = tempDir('agents-login-gemini-');
  const gdir = path.join(home, '.gemini');
  mkdirSync(gdir, { recursive: true });
  writeFileSync(
    path.join(gdir, 'settings.json'),
    JSON.stringify({
      security: { auth: { selectedType: 'oauth-personal' }, folderTrust: { enabled: false } },
      privacy: { usageStatisticsEnabled: false },
      telemetry: { enabled: false },
      general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
    }),
  );
  // An "external account authorized user" credential: google-auth-library refreshes it at its
  // own token_url (our fake), so no call goes to oauth2.googleapis.com (see the recipe notes).
  writeFileSync(
    path.join(gdir, 'oauth_creds.json'),
    JSON.stringify({
      type: 'external_account_authorized_user',
      audience: '//iam.googleapis.com/locations/global/workforcePools/fake/providers/fake',
      client_id: 'fake-client-id',
      client_secret: 'fake-client-secret',
      refresh_token: CRED.geminiRefresh,
      token_url: `${googleOauth.url}/token`,
      token_info_url: `${googleOauth.url}/tokeninfo`,
      universe_domain: 'googleapis.com',
    }),
  );
  writeFileSync(path.join(gdir, 'google_accounts.json'), '{"active":"dev@example.com","old":[]}');
  const work = path.join(home, 'work');
  mkdirSync(work);
  const combo = 'gemini-first';
  const gemini = () =>
    run(bin('gemini'), ['-p', 'Say hello in one short sentence.', '-m', combo], {
      cwd: work,
      env: {
        HOME: home,
        CODE_ASSIST_ENDPOINT: core.url,
        GEMINI_CLI_CUSTOM_HEADERS: `x-omniroute-key: ${GATEWAY_KEY}`,
        GEMINI_CLI_NO_RELAUNCH: 'true',
        GEMINI_FORCE_FILE_STORAGE: 'true',
        NO_BROWSER: 'true',
      },
    });

  mode.gemini = 'ok';
  let m = mark();
  let r = await gemini();
  let seen = since(m);
  report('Gemini CLI, run A (login answers)', r, seen);
  const gen = (list) => list.filter((x) => /^\/v1internal:(stream)?[gG]enerateContent$/.test(pathOf(x.url)));
  const genA = gen(seen.gemini);
  check('gemini A: exit 0', r.code === 0, `exit ${r.code}: ${r.err.slice(-400)}`);
  check('gemini A: prints the Gemini capture', printed(r.out, TEXT.gemini), `stdout: ${r.out.slice(0, 300)}`);
  check(
    'gemini A: vendor got generateContent with Bearer <the token the CLI got from its token_url>',
    genA.length > 0 && seen.gemini.every((x) => x.headers.authorization === `Bearer ${CRED.geminiAccess}`),
    `vendor saw: ${seen.gemini.map((x) => `${x.url} ${x.headers.authorization}`).join(', ')}`,
  );
  check(
    'gemini A: the envelope reached the vendor with the step’s model',
    genA.length > 0 && genA.every((x) => safeJson(x.body)?.model === 'gemini-2.5-pro'),
    `models: ${genA.map((x) => x.body.slice(0, 80)).join(' ; ')}`,
  );
  check(
    'gemini A: no x-omniroute-key reached the vendor',
    seen.gemini.every((x) => x.headers['x-omniroute-key'] === undefined),
  );
  check(
    'gemini A: the CLI sent the gateway key (GEMINI_CLI_CUSTOM_HEADERS) on every Code Assist call',
    seen.gateway.length > 0 && seen.gateway.every((x) => x.headers['x-omniroute-key'] === GATEWAY_KEY),
  );
  check(
    'gemini A: the token exchange went to the token_url directly, not through the gateway',
    calls(seen.oauth, '/token').some(
      (x) => x.body.includes(encodeURIComponent(CRED.geminiRefresh)) || x.body.includes(CRED.geminiRefresh),
    ) && seen.gateway.every((x) => pathOf(x.url) !== '/token'),
    `token url saw: ${seen.oauth.map((x) => `${x.method} ${x.url}`).join(', ')}`,
  );
  const planA = await planOf('code-assist');
  const bucket = (id) => planA?.windows?.find((w) => w.id === id);
  check(
    'gemini A: /api/quota/plans shows the per-model buckets (2.5-pro 75 %, 2.5-flash 10 %)',
    bucket('gemini-2.5-pro')?.usedPct === 75 &&
      bucket('gemini-2.5-flash')?.usedPct === 10 &&
      bucket('gemini-2.5-pro')?.resetsAt === Date.parse(geminiQuotaReset),
    `plan: ${JSON.stringify(planA)}`,
  );
  check(
    'gemini A: the fallback got nothing',
    seen.fallback.length === 0,
    `fallback saw ${seen.fallback.length}`,
  );
  const rowA = await lastRow(combo);
  check(
    'gemini A: the log row names gemini-login, status 200, with the capture’s usage',
    rowA?.providerId === 'gemini-login' && rowA?.status === 200 && rowA?.outputTokens > 0,
    `log row: ${JSON.stringify(rowA)?.slice(0, 600)}`,
  );

  mode.gemini = 'exhausted';
  m = mark();
  r = await gemini();
  seen = since(m);
  report('Gemini CLI, run B (QUOTA_EXHAUSTED → fallback)', r, seen);
  check('gemini B: exit 0', r.code === 0, `exit ${r.code}: ${r.err.slice(-400)}`);
  check(
    'gemini B: prints the openai-chat fallback capture',
    printed(r.out, TEXT.openai),
    `stdout: ${r.out.slice(0, 300)}`,
  );
  check(
    'gemini B: the vendor’s generateContent was asked once (no retry on the exhausted model)',
    gen(seen.gemini).length === 1,
    `vendor generate calls: ${gen(seen.gemini).length}`,
  );
  check(
    'gemini B: the fallback was called with its own key',
    calls(seen.fallback, '/v1/chat/completions').some((x) => x.headers.authorization === `Bearer ${FB_KEY}`),
  );

  m = mark();
  r = await gemini();
  seen = since(m);
  report('Gemini CLI, run C (model skipped until reset)', r, seen);
  check('gemini C: exit 0 and prints the fallback capture', r.code === 0 && printed(r.out, TEXT.openai));
  check(
    'gemini C: the vendor’s generateContent was not called',
    gen(seen.gemini).length === 0,
    `vendor saw: ${seen.gemini.map((x) => `${x.method} ${x.url}`).join(', ')}`,
  );
}

// ================================================================ the credentials stay with their owners
{
  const rows = await logRows(500);
  const logsText =
    JSON.stringify(await (await api('/api/logs?limit=500')).json()) +
    JSON.stringify(rows) +
    JSON.stringify(await plans());
  const backup = await api('/api/backups', { method: 'POST' });
  check('leaks: a backup was written before the scan', backup.ok, `POST /api/backups → ${backup.status}`);
  /** Every file of the data directory (database, -wal, -shm, backups/, key), as bytes. */
  const readAll = () => {
    const files = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(dataDir);
    return { files, text: files.map((f) => readFileSync(f).toString('latin1')).join('\n') };
  };
  // Once while the core runs (the -wal and -shm files hold the latest writes), once after it stopped.
  const live = readAll();
  await core.stop(1000);
  const stopped = readAll();
  const files = [...new Set([...live.files, ...stopped.files])];
  const disk = live.text + stopped.text;
  const fbText = fallback.seen.map((x) => JSON.stringify(x.headers) + x.url + x.body).join('\n');
  console.log(
    `\n── scanned ${files.length} files in the data directory (${files.map((f) => path.relative(dataDir, f)).join(', ')}), ${rows.length} log rows, ${fallback.seen.length} fallback requests`,
  );
  for (const [name, secret] of Object.entries(CRED)) {
    const where = [
      disk.includes(secret) && 'data directory',
      logsText.includes(secret) && 'logs API',
      fbText.includes(secret) && 'fallback requests',
    ].filter(Boolean);
    check(
      `leaks: ${name} appears nowhere (data dir, logs, fallback)`,
      where.length === 0,
      `found in: ${where.join(', ')}`,
    );
  }
  // Not the gateway's doing: calls the CLIs make straight to their vendors whatever their base URL
  // (Claude Code: GET api.anthropic.com/api/oauth/profile; Codex: chatgpt.com/backend-api/wham/…,
  // /backend-api/ps/mcp, analytics, ab.chatgpt.com metrics). Refused on loopback, listed here.
  const hosts = {};
  for (const o of outbound) hosts[o] = (hosts[o] ?? 0) + 1;
  console.log(
    `\n── refused direct (non-gateway) attempts by the CLIs: ${
      Object.entries(hosts)
        .map(([h, n]) => `${h} ×${n}`)
        .join(', ') || 'none'
    }`,
  );
}

http.Server.prototype.emit = emit;
for (const s of [claudeVendor, codexVendor, geminiVendor, googleOauth, fallback]) s.close();
blackhole.close();
const passed = results.filter((r) => r.ok).length;
if (passed === results.length) for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
else console.log(`\nkept for inspection: ${tempDirs.join(' ')}`);
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
