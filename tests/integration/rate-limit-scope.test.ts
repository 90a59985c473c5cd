import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../core/formats/canonical.js';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// Rate limits by scope (issue #15): a 429 rests the (account, model) pair unless the upstream
// says the limit is the account's; a request whose every route rests gets a 429 with
// Retry-After (the earliest return) in the caller's own format, which its SDK knows to wait for.

let t: TestCore | undefined;
let up: ReplayUpstream | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  t = undefined;
  up = undefined;
});

async function setup(yaml: (base: (f: WireFormat) => string) => string) {
  up = await startReplayUpstream();
  const dir = tempDir();
  const file = path.join(dir, 'omniroute.yaml');
  writeFileSync(
    file,
    yaml((f) => up!.baseUrl(f)),
  );
  t = await startTestCore({ dataDir: dir, configFile: file });
  return { t, up };
}

const provider = (id: string, format: WireFormat, base: string, extra = '') =>
  `  - id: ${id}\n    format: ${format}\n    baseUrl: ${base}\n    accounts:\n      - apiKey: key-${id}\n${extra}`;

/** A real Gemini free-tier 429: a per-model, per-minute quota, RetryInfo 58 s (tests/fixtures/PROVENANCE.md). */
const geminiPerModel429 = JSON.parse(
  readFileSync(
    path.join(import.meta.dirname, '../fixtures/errors/gemini-429-per-model-per-minute.json'),
    'utf8',
  ),
);

interface HealthLock {
  providerId: string;
  model?: string;
  until: number;
  reason: string;
}
const lockouts = async () =>
  ((await (await t!.api('/api/health')).json()) as { lockouts: HealthLock[] }).lockouts;

const gemini = () => new GoogleGenAI({ apiKey: 'x', httpOptions: { baseUrl: t!.url } });
const ask = (model: string) =>
  gemini()
    .models.generateContent({ model, contents: 'hi' })
    .catch((e: unknown) => e as { status: number; message: string });

describe('a per-model limit rests that model only', () => {
  it("Gemini's per-model free-tier 429 leaves the account's other models serving; the rested one answers 429 with its RetryInfo", async () => {
    await setup((b) => `providers:\n${provider('g', 'gemini', b('gemini'))}`);
    up!.queue(
      { kind: 'error', status: 429, body: geminiPerModel429 },
      { kind: 'fixture', file: 'gemini/google-text.json' },
    );
    const first = (await ask('g/gemini-3-flash')) as { status: number };
    expect(first.status).toBe(429);

    const other = await ask('g/gemini-2.5-pro');
    expect((other as { text?: string }).text).toBeTruthy();
    expect(up!.requests.map((r) => r.path.split('/').at(-1))).toEqual([
      'gemini-3-flash:generateContent',
      'gemini-2.5-pro:generateContent',
    ]);

    const locks = await lockouts();
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ providerId: 'g', model: 'gemini-3-flash', reason: 'retry-info' });

    // The rested model again: answered here, without calling the upstream.
    const again = (await ask('g/gemini-3-flash')) as { status: number; message: string };
    expect(again.status).toBe(429);
    expect(again.message).toContain('RESOURCE_EXHAUSTED');
    expect(again.message).toMatch(/model gemini-3-flash only/);
    const raw = await fetch(`${t!.url}/v1beta/models/g/gemini-3-flash:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'x' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(raw.status).toBe(429);
    const retryAfter = Number(raw.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(58);
    const body = (await raw.json()) as { error: { status: string; details: Array<Record<string, string>> } };
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(body.error.details).toEqual([
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` },
    ]);
    expect(up!.requests).toHaveLength(2);
  });

  it('a 429 with only Retry-After rests the (account, model) pair', async () => {
    await setup((b) => `providers:\n${provider('p', 'openai-chat', b('openai-chat'))}`);
    up!.queue(
      {
        kind: 'error',
        status: 429,
        body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
        headers: { 'retry-after': '30' },
      },
      { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    const client = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const chat = (model: string) =>
      client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
    expect(((await chat('p/model-a').catch((e) => e)) as { status: number }).status).toBe(429);
    const b = await chat('p/model-b');
    expect(b.choices[0]!.message.content).toBeTruthy();
    expect((await lockouts()).map((l) => l.model)).toEqual(['model-a']);
  });
});

describe('a limit the upstream says is the account’s rests every model', () => {
  it("OpenAI's insufficient_quota (out of credit) stops the account's other models too", async () => {
    await setup((b) => `providers:\n${provider('o', 'openai-chat', b('openai-chat'))}`);
    up!.queue({
      kind: 'fixture',
      file: 'openai-responses/openai-error-insufficient-quota.json',
      status: 429,
    });
    const client = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const chat = (model: string) =>
      client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).catch((e) => e);
    const first = (await chat('o/gpt-a')) as { status: number; code: string };
    expect(first.status).toBe(429);
    expect(first.code).toBe('insufficient_quota');
    const second = (await chat('o/gpt-b')) as {
      status: number;
      code: string;
      message: string;
      headers: Headers;
    };
    expect(second.status).toBe(429);
    expect(second.message).toMatch(/whole account/);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(14);
    expect(up!.requests).toHaveLength(1);
    const locks = await lockouts();
    expect(locks).toHaveLength(1);
    expect(locks[0]!.model).toBeUndefined();
  });

  it("Anthropic's unified status `rejected` (a subscription window) rests the account until the unified reset", async () => {
    await setup((b) => `providers:\n${provider('an', 'anthropic', b('anthropic'))}`);
    const reset = Math.floor(Date.now() / 1000) + 3600;
    up!.queue({
      kind: 'error',
      status: 429,
      body: {
        type: 'error',
        error: { type: 'rate_limit_error', message: 'This request would exceed your limit' },
      },
      headers: {
        'anthropic-ratelimit-unified-status': 'rejected',
        'anthropic-ratelimit-unified-reset': String(reset),
        'anthropic-ratelimit-unified-representative-claim': 'five_hour',
      },
    });
    const client = new Anthropic({ baseURL: t!.url, apiKey: 'x', maxRetries: 0 });
    const create = (model: string) =>
      client.messages
        .create({ model, max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
        .then(() => {
          throw new Error('expected a 429');
        })
        .catch((e) => e as { status: number; headers: Headers; error: any });
    expect((await create('an/claude-sonnet')).status).toBe(429);
    const other = await create('an/claude-haiku');
    expect(other.status).toBe(429);
    expect(other.error.error.type).toBe('rate_limit_error');
    const retryAfter = Number(other.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3590);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(up!.requests).toHaveLength(1);
  });
});

describe('every route resting: 429 with Retry-After in each caller format', () => {
  it('OpenAI chat, OpenAI Responses, Anthropic and Gemini callers each get their own rate-limit error and the earliest return', async () => {
    // Two routes, both resting: one for 90 s, one for 40 s; the caller may come back in 40.
    await setup(
      (b) =>
        `providers:\n${provider('a', 'openai-chat', b('openai-chat'))}${provider('b', 'anthropic', b('anthropic'))}combos:\n  - name: c\n    models: [a/m1, b/m2]\n`,
    );
    up!.queue(
      {
        kind: 'error',
        status: 429,
        body: { error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } },
        headers: { 'retry-after': '90' },
      },
      {
        kind: 'error',
        status: 429,
        body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
        headers: { 'retry-after': '40' },
      },
    );
    const openai = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const first = (await openai.chat.completions
      .create({ model: 'c', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e) => e)) as { status: number };
    expect(first.status).toBe(429);
    expect(up!.requests).toHaveLength(2);

    const inRange = (h: Headers) => {
      const s = Number(h.get('retry-after'));
      expect(s).toBeGreaterThan(35);
      expect(s).toBeLessThanOrEqual(40);
      return s;
    };

    const chat = (await openai.chat.completions
      .create({ model: 'c', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(chat).toBeInstanceOf(OpenAI.RateLimitError);
    expect(chat.code).toBe('rate_limit_exceeded');
    expect(chat.type).toBe('rate_limit_error');
    expect(chat.message).toMatch(/Every route for "c" is resting/);
    inRange(chat.headers!);

    const responses = (await openai.responses
      .create({ model: 'c', input: 'hi' })
      .catch((e) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(responses).toBeInstanceOf(OpenAI.RateLimitError);
    expect(responses.code).toBe('rate_limit_exceeded');
    inRange(responses.headers!);

    const anthropic = new Anthropic({ baseURL: t!.url, apiKey: 'x', maxRetries: 0 });
    const msg = (await anthropic.messages
      .create({ model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e)) as InstanceType<typeof Anthropic.RateLimitError>;
    expect(msg).toBeInstanceOf(Anthropic.RateLimitError);
    expect((msg.error as any).error.type).toBe('rate_limit_error');
    inRange(msg.headers!);

    const g = (await ask('c')) as { status: number; message: string };
    expect(g.status).toBe(429);
    expect(g.message).toContain('RESOURCE_EXHAUSTED');
    const raw = await fetch(`${t!.url}/v1beta/models/c:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'x' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(raw.status).toBe(429);
    const s = inRange(raw.headers);
    expect(((await raw.json()) as any).error.details[0].retryDelay).toBe(`${s}s`);

    // Nothing more reached either upstream.
    expect(up!.requests).toHaveLength(2);
  });

  it('a route skipped for an open circuit is a failing provider, not a rate limit: the answer stays 503', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('a', 'openai-chat', b('openai-chat'))}${provider('b', 'openai-chat', b('openai-chat'))}combos:\n  - name: c\n    models: [a/m1, b/m2]\nsettings:\n  breakerFailureThreshold: 1\n  breakerCoolDownMs: 60000\n`,
    );
    up!.queue(
      {
        kind: 'error',
        status: 429,
        body: { error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } },
        headers: { 'retry-after': '60' },
      },
      { kind: 'error', status: 500, body: { error: { message: 'boom', type: 'server_error' } } },
    );
    const openai = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const params = { model: 'c', messages: [{ role: 'user' as const, content: 'hi' }] };
    expect(
      ((await openai.chat.completions.create(params).catch((e) => e)) as { status: number }).status,
    ).toBe(500);
    const second = (await openai.chat.completions.create(params).catch((e) => e)) as InstanceType<
      typeof OpenAI.APIError
    >;
    expect(second.status).toBe(503);
    expect(second.headers!.get('retry-after')).toBeNull();
    expect(up!.requests).toHaveLength(2);
  });

  it("an account at its own configured limit (rpm) is resting too: 429 with the limiter's wait, not 503", async () => {
    await setup(
      (b) => `providers:\n${provider('l', 'openai-chat', b('openai-chat'), '        limits: { rpm: 1 }\n')}`,
    );
    up!.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    const openai = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const params = { model: 'l/m', messages: [{ role: 'user' as const, content: 'hi' }] };
    expect((await openai.chat.completions.create(params)).choices).toHaveLength(1);
    const second = (await openai.chat.completions.create(params).catch((e) => e)) as InstanceType<
      typeof OpenAI.RateLimitError
    >;
    expect(second).toBeInstanceOf(OpenAI.RateLimitError);
    expect(second.message).toMatch(/rate limit \(rpm\)/);
    const s = Number(second.headers!.get('retry-after'));
    expect(s).toBeGreaterThan(55);
    expect(s).toBeLessThanOrEqual(60);
    expect(up!.requests).toHaveLength(1);
  });
});
