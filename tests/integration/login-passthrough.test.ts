import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';
import { loadChunkLines, loadJson } from '../helpers/fixtures.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// Login passthrough (SUBSCRIPTIONS.md, route 1): a coding CLI keeps its own vendor login, the
// gateway forwards its requests unchanged to a fake vendor, reads the plan's quota off every
// answer, and falls back along the combo — in the caller's format — when the vendor says the
// plan is exhausted. The caller's credential must never reach anything but its vendor.

const CLAUDE_TOKEN = 'sk-ant-oat01-FAKE-claude-login-token-0123456789abcdef';
const CHATGPT_TOKEN = 'eyFAKE.chatgpt-access-token.0123456789abcdef';
const CHATGPT_ACCOUNT = 'acct-1234567890abcdef';
const GOOGLE_TOKEN = 'ya29.FAKE-google-login-token-0123456789abcdef';
const GATEWAY_KEY = 'omr-test-gateway-key-0123456789';

let t: TestCore | undefined;
let vendor: ReplayUpstream | undefined;
let other: ReplayUpstream | undefined;
afterEach(async () => {
  await t?.close();
  await vendor?.close();
  await other?.close();
  t = vendor = other = undefined;
});

async function setup(opts: { requireApiKey?: boolean } = {}) {
  vendor = await startReplayUpstream();
  other = await startReplayUpstream();
  const dir = tempDir();
  const file = path.join(dir, 'omniroute.yaml');
  writeFileSync(
    file,
    `providers:
  - id: claude-login
    login: anthropic
    baseUrl: ${vendor.url}
    models: [claude-sonnet-4-6, claude-opus-4-7]
  - id: chatgpt-login
    login: chatgpt
    baseUrl: ${vendor.url}/backend-api/codex
  - id: gemini-login
    login: code-assist
    baseUrl: ${vendor.url}
  - id: cheap
    format: openai-chat
    baseUrl: ${other.baseUrl('openai-chat')}
    accounts:
      - apiKey: cheap-api-key-0123456789
  - id: claude-api
    format: anthropic
    baseUrl: ${other.baseUrl('anthropic')}
    accounts:
      - apiKey: claude-api-key-0123456789
combos:
  - name: claude-first
    models: [claude-login/claude-sonnet-4-6, cheap/deepseek-chat]
  - name: codex-first
    models: [chatgpt-login/gpt-5.4, claude-api/claude-haiku-4-5]
  - name: gemini-first
    models: [gemini-login/gemini-2.5-pro, cheap/deepseek-chat]
apiKeys:
  - name: cli
    key: ${GATEWAY_KEY}
settings:
  requireApiKey: ${opts.requireApiKey ?? false}
`,
  );
  t = await startTestCore({ dataDir: dir, configFile: file });
  return { t, vendor, other };
}

const claude = (headers: Record<string, string> = {}) =>
  new Anthropic({
    apiKey: null,
    authToken: CLAUDE_TOKEN,
    baseURL: t!.url,
    maxRetries: 0,
    defaultHeaders: { 'x-omniroute-key': GATEWAY_KEY, ...headers },
  });

const codex = () =>
  new OpenAI({
    apiKey: CHATGPT_TOKEN,
    baseURL: `${t!.url}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'chatgpt-account-id': CHATGPT_ACCOUNT, 'x-omniroute-key': GATEWAY_KEY },
  });

/** A response body as the untyped JSON the assertions read. */
const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();

const nowS = () => Math.floor(Date.now() / 1000);

function claudeQuotaHeaders(
  status: 'allowed' | 'rejected',
  fiveHour: number,
  reset5h: number,
  reset7d: number,
) {
  return {
    'anthropic-ratelimit-unified-status': status,
    'anthropic-ratelimit-unified-reset': String(status === 'rejected' ? reset5h : reset7d),
    'anthropic-ratelimit-unified-representative-claim': 'five_hour',
    'anthropic-ratelimit-unified-5h-utilization': String(fiveHour),
    'anthropic-ratelimit-unified-5h-reset': String(reset5h),
    'anthropic-ratelimit-unified-5h-status': status,
    'anthropic-ratelimit-unified-7d-utilization': '0.3',
    'anthropic-ratelimit-unified-7d-reset': String(reset7d),
    'anthropic-ratelimit-unified-7d-status': 'allowed',
  };
}

/** The request log, newest first, each row with its detail (route, attempts, skips). */
async function logs(): Promise<any[]> {
  const items: Array<{ id: string }> = (await json(t!.api('/api/logs?limit=50'))).items;
  return Promise.all(items.map(async (i) => (await t!.api(`/api/logs/${i.id}`)).json()));
}

/** Every file of the data directory, read as bytes (database, WAL, backups, logs, keys). */
function dataDirText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out += dataDirText(p);
    else out += readFileSync(p).toString('latin1');
  }
  return out;
}

describe('Claude Code login (anthropic)', () => {
  it('forwards the request unchanged with the caller’s own credential and reads the plan windows', async () => {
    await setup();
    const reset5h = nowS() + 2 * 3600;
    const reset7d = nowS() + 3 * 86_400;
    vendor!.queue({
      kind: 'fixture',
      file: 'anthropic/anthropic-text.json',
      headers: claudeQuotaHeaders('allowed', 0.62, reset5h, reset7d),
    });
    const msg = await claude().beta.messages.create({
      model: 'claude-first',
      max_tokens: 64,
      betas: ['oauth-2025-04-20'],
      system: 'You are Claude Code.',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(msg.content[0]).toMatchObject({
      type: 'text',
      text: loadJson('anthropic/anthropic-text.json').content[0].text,
    });

    const seen = vendor!.requests[0]!;
    // The path and query the SDK used, on the vendor's host.
    expect(seen.path).toBe('/v1/messages');
    expect(seen.headers.authorization).toBe(`Bearer ${CLAUDE_TOKEN}`);
    expect(seen.headers['anthropic-beta']).toContain('oauth-2025-04-20');
    expect(seen.headers['x-omniroute-key']).toBeUndefined();
    // Same body, only the model swapped for the step's.
    expect(seen.json).toEqual({
      model: 'claude-sonnet-4-6',
      max_tokens: 64,
      system: 'You are Claude Code.',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(other!.requests).toHaveLength(0);

    const plans = await json(t!.api('/api/quota/plans'));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      kind: 'anthropic',
      providerId: 'claude-login',
      label: 'Claude Code login',
    });
    const w5 = plans[0].windows.find((w: any) => w.id === '5h');
    expect(w5).toMatchObject({ label: '5 h', usedPct: 62, resetsAt: reset5h * 1000, level: 'ok' });
    // 62 % used 3 h into a 5 h window: at that pace it runs out ≈ 1 h 50 min from now, before the reset.
    expect(w5.runsOutAt).toBeGreaterThan(Date.now() + 100 * 60_000);
    expect(w5.runsOutAt).toBeLessThan(reset5h * 1000);
    expect(plans[0].windows.find((w: any) => w.id === '7d')).toMatchObject({ label: 'weekly', usedPct: 30 });
  });

  it('streams through the login and passes the vendor’s quota headers back to the CLI', async () => {
    await setup();
    vendor!.queue({
      kind: 'fixture',
      file: 'anthropic/anthropic-text.chunks.txt',
      headers: claudeQuotaHeaders('allowed', 0.1, nowS() + 3600, nowS() + 86_400),
    });
    const res = await fetch(`${t!.url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${CLAUDE_TOKEN}`,
        'anthropic-beta': 'claude-code-20250219,oauth-2025-04-20',
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: 'claude-first',
        max_tokens: 64,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('anthropic-ratelimit-unified-5h-utilization')).toBe('0.1');
    expect(res.headers.get('x-omniroute-provider')).toBe('claude-login');
    const text = await res.text();
    const expected = loadChunkLines('anthropic/anthropic-text.chunks.txt')
      .map((l) => JSON.parse(l).delta?.text ?? '')
      .join('');
    const got = text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)).delta?.text ?? '')
      .join('');
    expect(got).toBe(expected);
    const row = (await logs())[0];
    expect(row).toMatchObject({ providerId: 'claude-login', status: 200 });
    expect(row.inputTokens).toBeGreaterThan(0);
    // The plan is already paid for: no API price is counted against budgets.
    expect(row.costUsd).toBe(0);
  });

  it('an exhausted plan falls back in the caller’s format at once, and later requests skip the login until its reset', async () => {
    await setup();
    const reset = nowS() + 3600;
    vendor!.queue({
      kind: 'error',
      status: 429,
      body: {
        type: 'error',
        error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' },
      },
      headers: claudeQuotaHeaders('rejected', 1, reset, nowS() + 86_400),
    });
    other!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    const first = await claude().beta.messages.create({
      model: 'claude-first',
      max_tokens: 64,
      betas: ['oauth-2025-04-20'],
      messages: [{ role: 'user', content: 'hi' }],
    });
    // Served by the next step (OpenAI chat), translated to Anthropic Messages.
    expect(first.content[0]).toMatchObject({
      type: 'text',
      text: loadJson('openai-chat/openai-text.json').choices[0].message.content,
    });
    expect(vendor!.requests).toHaveLength(1);
    expect(other!.requests).toHaveLength(1);

    await claude().beta.messages.create({
      model: 'claude-first',
      max_tokens: 64,
      betas: ['oauth-2025-04-20'],
      messages: [{ role: 'user', content: 'again' }],
    });
    expect(vendor!.requests).toHaveLength(1); // skipped without calling it
    expect(other!.requests).toHaveLength(2);
    const rows = await logs();
    // The exhausted login goes last in the order, so the next step serves first time.
    expect(rows[0]).toMatchObject({ providerId: 'cheap', attempts: 1 });
    expect(rows[0].attemptsDetail.map((a: any) => a.providerId)).toEqual(['cheap']);

    const plans = await json(t!.api('/api/quota/plans'));
    expect(plans[0].exhaustedUntil).toBe(reset * 1000);
    expect(plans[0].windows.find((w: any) => w.id === '5h')).toMatchObject({
      usedPct: 100,
      level: 'exhausted',
    });

    // What the other provider received carries no trace of the login.
    for (const r of other!.requests) {
      expect(JSON.stringify(r.headers) + r.body).not.toContain(CLAUDE_TOKEN);
      expect(String(r.headers['anthropic-beta'] ?? '')).not.toContain('oauth');
    }
  });

  it('when the exhausted login is the only route, the CLI gets a 429 with Retry-After at its reset', async () => {
    await setup();
    const reset = nowS() + 1800;
    vendor!.queue({
      kind: 'error',
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'rejected' } },
      headers: claudeQuotaHeaders('rejected', 1, reset, nowS() + 86_400),
    });
    const ask = () =>
      claude()
        .beta.messages.create({
          model: 'claude-login/claude-sonnet-4-6',
          max_tokens: 8,
          betas: ['oauth-2025-04-20'],
          messages: [{ role: 'user', content: 'a' }],
        })
        .catch((e: unknown) => e as any);
    expect((await ask()).status).toBe(429); // the vendor's own answer
    const second = await ask();
    expect(second.status).toBe(429);
    expect(second.error.error.message).toContain('plan window exhausted');
    const retryAfter = Number(second.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(1790);
    expect(retryAfter).toBeLessThanOrEqual(1800);
    expect(vendor!.requests).toHaveLength(1);
  });

  it('a 429 without plan signals rests only that model of the login', async () => {
    await setup();
    vendor!.queue({
      kind: 'error',
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
      headers: { 'retry-after': '60' },
    });
    other!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    await claude().beta.messages.create({
      model: 'claude-first',
      max_tokens: 8,
      betas: ['oauth-2025-04-20'],
      messages: [{ role: 'user', content: 'a' }],
    });
    expect(other!.requests).toHaveLength(1);
    vendor!.queue({ kind: 'fixture', file: 'anthropic/anthropic-text.json' });
    // Another model of the same login is still tried.
    await claude().beta.messages.create({
      model: 'claude-login/claude-opus-4-7',
      max_tokens: 8,
      betas: ['oauth-2025-04-20'],
      messages: [{ role: 'user', content: 'b' }],
    });
    expect(vendor!.requests).toHaveLength(2);
    expect(vendor!.requests[1]!.json.model).toBe('claude-opus-4-7');
  });

  it('a caller without the login skips the step ("no login from the caller")', async () => {
    await setup();
    other!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    const client = new Anthropic({ apiKey: 'not-a-login', baseURL: t!.url, maxRetries: 0 });
    await client.messages.create({
      model: 'claude-first',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'a' }],
    });
    expect(vendor!.requests).toHaveLength(0);
    expect((await logs())[0].attemptsDetail[0]).toMatchObject({
      providerId: 'claude-login',
      skipped: 'no login from the caller',
    });
  });

  it('a refused login goes back to the CLI (it refreshes its own token) instead of falling back', async () => {
    await setup();
    other!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    vendor!.queue({
      kind: 'error',
      status: 401,
      body: {
        type: 'error',
        error: { type: 'authentication_error', message: `OAuth token has expired: ${CLAUDE_TOKEN}` },
      },
    });
    const err = await claude()
      .beta.messages.create({
        model: 'claude-first',
        max_tokens: 8,
        betas: ['oauth-2025-04-20'],
        messages: [{ role: 'user', content: 'a' }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(other!.requests).toHaveLength(0);
    // The echoed token reached its owner, but not the log.
    const rows = await logs();
    expect(JSON.stringify(rows)).not.toContain(CLAUDE_TOKEN);
    expect(rows[0].error).toContain('[redacted]');
  });

  it('count_tokens goes to the vendor on the login', async () => {
    await setup();
    vendor!.queue({ kind: 'error', status: 200, body: { input_tokens: 42 } });
    const n = await claude().beta.messages.countTokens({
      model: 'claude-sonnet-4-6',
      betas: ['oauth-2025-04-20'],
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(n.input_tokens).toBe(42);
    expect(vendor!.requests[0]).toMatchObject({ path: '/v1/messages/count_tokens' });
    expect(vendor!.requests[0]!.headers.authorization).toBe(`Bearer ${CLAUDE_TOKEN}`);
    // Named by the combo the CLI was pointed at: the vendor gets the login step's model.
    vendor!.queue({ kind: 'error', status: 200, body: { input_tokens: 7 } });
    await claude().beta.messages.countTokens({
      model: 'claude-first',
      betas: ['oauth-2025-04-20'],
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(vendor!.requests[1]!.json.model).toBe('claude-sonnet-4-6');
  });
});

describe('Codex ChatGPT login (chatgpt)', () => {
  const codexHeaders = (primary: number) => ({
    'x-codex-primary-used-percent': String(primary),
    'x-codex-primary-window-minutes': '300',
    'x-codex-primary-reset-at': String(nowS() + 3600),
    'x-codex-secondary-used-percent': '12',
    'x-codex-secondary-window-minutes': '10080',
    'x-codex-secondary-reset-after-seconds': String(5 * 86_400),
  });

  it('forwards /v1/responses to the Codex backend and reads primary and secondary windows', async () => {
    await setup();
    vendor!.queue({
      kind: 'fixture',
      file: 'openai-responses/openai-text.chunks.txt',
      headers: codexHeaders(40),
    });
    const stream = await codex().responses.create({
      model: 'codex-first',
      input: [{ role: 'user', content: 'hi' }],
      stream: true,
      store: false,
    });
    let text = '';
    for await (const ev of stream) if (ev.type === 'response.output_text.delta') text += ev.delta;
    expect(text.length).toBeGreaterThan(0);
    const seen = vendor!.requests[0]!;
    expect(seen.path).toBe('/backend-api/codex/responses');
    expect(seen.headers.authorization).toBe(`Bearer ${CHATGPT_TOKEN}`);
    expect(seen.headers['chatgpt-account-id']).toBe(CHATGPT_ACCOUNT);
    expect(seen.json.model).toBe('gpt-5.4');
    const plans = await json(t!.api('/api/quota/plans'));
    expect(plans[0]).toMatchObject({ kind: 'chatgpt', label: expect.stringContaining('ChatGPT login') });
    expect(plans[0].windows.map((w: any) => [w.id, w.label, w.usedPct])).toEqual([
      ['primary', '5 h', 40],
      ['secondary', 'weekly', 12],
    ]);
  });

  it('usage_limit_reached falls back to an Anthropic step, answered as a Responses stream', async () => {
    await setup();
    vendor!.queue({
      kind: 'error',
      status: 429,
      body: {
        error: {
          type: 'usage_limit_reached',
          message: 'The usage limit has been reached',
          plan_type: 'plus',
          resets_in_seconds: 1800,
        },
      },
      headers: codexHeaders(100),
    });
    other!.setDefault(() => ({ kind: 'fixture', file: 'anthropic/anthropic-text.chunks.txt' }));
    const stream = await codex().responses.create({
      model: 'codex-first',
      input: [{ role: 'user', content: 'hi' }],
      stream: true,
      store: false,
    });
    let text = '';
    for await (const ev of stream) if (ev.type === 'response.output_text.delta') text += ev.delta;
    expect(text).toBe(
      loadChunkLines('anthropic/anthropic-text.chunks.txt')
        .map((l) => JSON.parse(l).delta?.text ?? '')
        .join(''),
    );
    expect(other!.requests[0]!.headers['x-api-key']).toBe('claude-api-key-0123456789');
    expect(JSON.stringify(other!.requests[0]!.headers)).not.toContain(CHATGPT_TOKEN);
    const plans = await json(t!.api('/api/quota/plans'));
    expect(plans[0].exhaustedUntil).toBeGreaterThan(Date.now() + 1700_000);
    expect(plans[0].exhaustedReason).toContain('plus');
  });

  it('GET /v1/models?client_version= goes to the Codex backend on the login', async () => {
    await setup();
    vendor!.queue({ kind: 'error', status: 200, body: { models: [{ slug: 'gpt-5.4' }] } });
    const res = await fetch(`${t!.url}/v1/models?client_version=0.169.0`, {
      headers: { authorization: `Bearer ${CHATGPT_TOKEN}`, 'chatgpt-account-id': CHATGPT_ACCOUNT },
    });
    expect(await res.json()).toEqual({ models: [{ slug: 'gpt-5.4' }] });
    expect(vendor!.requests[0]).toMatchObject({
      method: 'GET',
      path: '/backend-api/codex/models?client_version=0.169.0',
    });
    // Without the login, /v1/models is the gateway's own list.
    const own = await json(fetch(`${t!.url}/v1/models`));
    expect(own.object).toBe('list');
  });
});

describe('Gemini CLI login (code-assist)', () => {
  const wrapped = (file: string) =>
    loadChunkLines(file)
      .map((l) => `data: {"response":${l},"traceId":"trace-1"}\r\n\r\n`)
      .join('');
  const envelope = (text: string) => ({
    model: 'gemini-first',
    project: 'proj-123',
    user_prompt_id: 'p-1',
    request: { contents: [{ role: 'user', parts: [{ text }] }], generationConfig: { temperature: 1 } },
  });
  const call = (method: string, body: unknown, query = '') =>
    fetch(`${t!.url}/v1internal:${method}${query}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${GOOGLE_TOKEN}`,
        'user-agent': 'GeminiCLI/0.61.0',
      },
      body: JSON.stringify(body),
    });

  it('forwards the envelope unchanged and relays the wrapped stream', async () => {
    await setup();
    vendor!.queue({ kind: 'sse', text: wrapped('gemini/google-text.chunks.txt') });
    const res = await call('streamGenerateContent', envelope('hi'), '?alt=sse');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toBe(wrapped('gemini/google-text.chunks.txt'));
    const seen = vendor!.requests[0]!;
    expect(seen.path).toBe('/v1internal:streamGenerateContent?alt=sse');
    expect(seen.headers.authorization).toBe(`Bearer ${GOOGLE_TOKEN}`);
    expect(seen.json).toEqual({ ...envelope('hi'), model: 'gemini-2.5-pro' });
    const row = (await logs())[0];
    expect(row).toMatchObject({ providerId: 'gemini-login', status: 200 });
    expect(row.outputTokens).toBeGreaterThan(0);
  });

  it('a daily quota exhausted falls back to another format, answered in the Code Assist envelope', async () => {
    await setup();
    vendor!.queue({
      kind: 'error',
      status: 429,
      body: {
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
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '43200s' },
          ],
        },
      },
    });
    other!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' }));
    const res = await call('streamGenerateContent', envelope('hi'), '?alt=sse');
    const events = (await res.text())
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)));
    expect(events.length).toBeGreaterThan(1);
    for (const e of events) expect(e.response).toBeDefined();
    const text = events
      .map((e) => e.response.candidates?.[0]?.content?.parts?.map((p: any) => p.text ?? '').join('') ?? '')
      .join('');
    expect(text).toBe(
      loadChunkLines('openai-chat/openai-text.chunks.txt')
        .map((l) => JSON.parse(l).choices?.[0]?.delta?.content ?? '')
        .join(''),
    );
    // The fallback got the Gemini request inside the envelope, translated; no Google token.
    expect(other!.requests[0]!.json.messages[0]).toMatchObject({ role: 'user', content: 'hi' });
    expect(JSON.stringify(other!.requests[0]!.headers)).not.toContain(GOOGLE_TOKEN);
    // Quotas are per model: the next request for that model skips the login.
    await json(call('generateContent', envelope('again')));
    expect(vendor!.requests).toHaveLength(1);
  });

  it('set-up and quota methods go to the vendor; retrieveUserQuota fills per-model daily windows', async () => {
    await setup();
    const reset = new Date(Date.now() + 6 * 3600_000).toISOString();
    vendor!.queue(
      {
        kind: 'error',
        status: 200,
        body: { currentTier: { id: 'free-tier' }, cloudaicompanionProject: 'proj-123' },
      },
      {
        kind: 'error',
        status: 200,
        body: {
          buckets: [
            { modelId: 'gemini-2.5-pro', tokenType: 'REQUESTS', remainingFraction: 0.25, resetTime: reset },
            { modelId: 'gemini-2.5-flash', tokenType: 'REQUESTS', remainingFraction: 0.9, resetTime: reset },
          ],
        },
      },
    );
    const load = await json(call('loadCodeAssist', { metadata: { pluginType: 'GEMINI' } }));
    expect(load.cloudaicompanionProject).toBe('proj-123');
    await json(call('retrieveUserQuota', { project: 'proj-123' }));
    expect(vendor!.requests.map((r) => r.path)).toEqual([
      '/v1internal:loadCodeAssist',
      '/v1internal:retrieveUserQuota',
    ]);
    const plans = await json(t!.api('/api/quota/plans'));
    expect(plans[0].windows.map((w: any) => [w.id, w.usedPct, w.level])).toEqual([
      ['gemini-2.5-pro', 75, 'ok'],
      ['gemini-2.5-flash', 10, 'ok'],
    ]);
    expect(plans[0].windows[0].resetsAt).toBe(Date.parse(reset));
  });
});

describe('gateway key beside a vendor login', () => {
  it('x-omniroute-key is the gateway key; Authorization is then the vendor’s and is not read as one', async () => {
    await setup({ requireApiKey: true });
    vendor!.setDefault(() => ({ kind: 'fixture', file: 'anthropic/anthropic-text.json' }));
    const ok = await claude().beta.messages.create({
      model: 'claude-first',
      max_tokens: 8,
      betas: ['oauth-2025-04-20'],
      messages: [{ role: 'user', content: 'a' }],
    });
    expect(ok.type).toBe('message');
    const bad = await claude({ 'x-omniroute-key': 'omr-unknown-key-000000000000' })
      .beta.messages.create({
        model: 'claude-first',
        max_tokens: 8,
        betas: ['oauth-2025-04-20'],
        messages: [{ role: 'user', content: 'a' }],
      })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(String((bad as Error).message)).toContain('x-omniroute-key');
    // The vendor login alone is no gateway key.
    const none = await new Anthropic({
      apiKey: null,
      authToken: CLAUDE_TOKEN,
      baseURL: t!.url,
      maxRetries: 0,
    }).beta.messages
      .create({
        model: 'claude-first',
        max_tokens: 8,
        betas: ['oauth-2025-04-20'],
        messages: [{ role: 'user', content: 'a' }],
      })
      .catch((e: unknown) => e);
    expect(none).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(vendor!.requests).toHaveLength(1);
  });
});

describe('Claude Code on its login, with no login provider', () => {
  it('an API-key Anthropic step never gets the OAuth beta flag (messages and count_tokens)', async () => {
    other = await startReplayUpstream();
    other.setDefault((r) =>
      r.path.includes('count_tokens')
        ? { kind: 'error', status: 200, body: { input_tokens: 3 } }
        : { kind: 'fixture', file: 'anthropic/anthropic-text.json' },
    );
    t = await startTestCore();
    await t.addProvider(
      'claude-api',
      { format: 'anthropic', baseUrl: other.baseUrl('anthropic') },
      { name: 'k', apiKey: 'claude-api-key-0123456789' },
    );
    const client = claude({ 'anthropic-beta': 'claude-code-20250219,oauth-2025-04-20' });
    const params = {
      model: 'claude-api/claude-haiku-4-5',
      messages: [{ role: 'user' as const, content: 'a' }],
    };
    await client.messages.create({ ...params, max_tokens: 8 });
    await client.messages.countTokens(params);
    expect(other.requests.map((r) => r.headers['anthropic-beta'])).toEqual([
      'claude-code-20250219',
      'claude-code-20250219',
    ]);
    for (const r of other.requests) expect(JSON.stringify(r.headers)).not.toContain(CLAUDE_TOKEN);
  });
});

describe('where a login may be sent', () => {
  it('a login provider pointing anywhere but its vendor or this machine is refused (API and config file)', async () => {
    await setup();
    const put = await t!.api('/api/providers/evil-login', {
      method: 'PUT',
      body: JSON.stringify({ login: 'chatgpt', baseUrl: 'https://relay.example.com/codex' }),
    });
    expect(put.status).toBe(400);
    expect(((await put.json()) as any).error).toMatchObject({
      param: 'baseUrl',
      message: expect.stringContaining('https://chatgpt.com'),
    });
    const dir = tempDir();
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'providers:\n  - id: claude-login\n    login: anthropic\n    baseUrl: https://relay.example.com\n',
    );
    await expect(startTestCore({ dataDir: dir, configFile: file })).rejects.toThrow(
      /baseUrl.*https:\/\/api\.anthropic\.com/s,
    );
  });
});

describe('the caller’s credential is never kept', () => {
  it('appears nowhere in the data directory, the logs API or any other upstream after login traffic', async () => {
    await setup();
    const core = t!;
    vendor!.setDefault((r) =>
      r.path.startsWith('/v1/messages')
        ? {
            kind: 'error',
            status: 429,
            body: {
              type: 'error',
              error: { type: 'rate_limit_error', message: `limit for ${CLAUDE_TOKEN}` },
            },
            headers: claudeQuotaHeaders('rejected', 1, nowS() + 60, nowS() + 600),
          }
        : r.path.startsWith('/backend-api')
          ? { kind: 'fixture', file: 'openai-responses/openai-text.json' }
          : {
              kind: 'sse',
              text: `data: {"response":${loadChunkLines('gemini/google-text.chunks.txt')[0]}}\r\n\r\n`,
            },
    );
    other!.setDefault((r) =>
      r.path.includes('/messages')
        ? { kind: 'fixture', file: 'anthropic/anthropic-text.json' }
        : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    await core.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ debugLogging: true }) });
    await claude().beta.messages.create({
      model: 'claude-first',
      max_tokens: 8,
      betas: ['oauth-2025-04-20'],
      messages: [{ role: 'user', content: 'a' }],
    });
    await codex().responses.create({
      model: 'codex-first',
      input: [{ role: 'user', content: 'b' }],
      store: false,
    });
    await (
      await fetch(`${core.url}/v1internal:streamGenerateContent?alt=sse`, {
        method: 'POST',
        headers: { authorization: `Bearer ${GOOGLE_TOKEN}` },
        body: JSON.stringify({
          model: 'gemini-first',
          project: 'p',
          request: { contents: [{ role: 'user', parts: [{ text: 'c' }] }] },
        }),
      })
    ).text();
    const logsText = JSON.stringify(await logs()) + (await (await core.api('/api/quota/plans')).text());
    await core.api('/api/backups', { method: 'POST' });
    await core.close();
    t = undefined;
    const disk = dataDirText(core.dataDir);
    for (const secret of [CLAUDE_TOKEN, CHATGPT_TOKEN, GOOGLE_TOKEN]) {
      expect(logsText).not.toContain(secret);
      expect(disk).not.toContain(secret);
      for (const r of other!.requests) expect(JSON.stringify(r.headers) + r.body).not.toContain(secret);
    }
    expect(vendor!.requests.length).toBe(3);
  });
});
