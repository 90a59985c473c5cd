import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../core/formats/canonical.js';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// Fallback, lockouts, circuit breakers, quota windows and strategies, end to end: real HTTP,
// real SDK callers, upstreams that replay real captures and inject the faults providers produce.

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

const provider = (
  id: string,
  format: WireFormat,
  base: string,
  accounts = '      - apiKey: key-' + id + '\n',
) => `  - id: ${id}\n    format: ${format}\n    baseUrl: ${base}\n    accounts:\n${accounts}`;

const chat = (model: string, stream = false) =>
  fetch(`${t!.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] }),
  });

describe('lockout until reset', () => {
  it('a 429 with Retry-After sets the account aside until then; the next request skips it without calling it', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('a', 'openai-chat', b('openai-chat'))}${provider('b', 'openai-chat', b('openai-chat'))}combos:\n  - name: c\n    models: [a/m1, b/m2]\n`,
    );
    up!.queue(
      {
        kind: 'error',
        status: 429,
        body: { error: { message: 'rate limited', type: 'rate_limit_error' } },
        headers: { 'retry-after': '120' },
      },
      { kind: 'fixture', file: 'openai-chat/openai-text.json' },
      { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    const first = await chat('c');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-omniroute-route')).toBe('b/m2');
    const second = await chat('c');
    expect(second.status).toBe(200);
    expect(up!.requests.map((r) => r.json.model)).toEqual(['m1', 'm2', 'm2']);

    const health = (await (await t!.api('/api/health')).json()) as any;
    const lock = health.lockouts.find((l: any) => l.providerId === 'a');
    expect(lock.until - Date.now()).toBeGreaterThan(110_000);
    expect(lock.until - Date.now()).toBeLessThanOrEqual(120_000);

    expect(
      (
        (await (
          await t!.api('/api/health/reset', { method: 'POST', body: JSON.stringify({ providerId: 'a' }) })
        ).json()) as any
      ).cleared,
    ).toBe(1);
    up!.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    expect((await chat('c')).headers.get('x-omniroute-route')).toBe('a/m1');
  });

  it('when every account is locked, the caller gets a 429 in its format with Retry-After at the first unlock', async () => {
    await setup((b) => `providers:\n${provider('a', 'anthropic', b('anthropic'))}`);
    up!.queue({
      kind: 'error',
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow' } },
      headers: { 'retry-after': '60' },
    });
    const client = new Anthropic({ baseURL: t!.url, apiKey: 'x', maxRetries: 0 });
    const params = { model: 'a/claude', max_tokens: 5, messages: [{ role: 'user' as const, content: 'x' }] };
    const e1 = (await client.messages.create(params).catch((e) => e)) as any;
    expect(e1.status).toBe(429);
    const e2 = (await client.messages.create(params).catch((e) => e)) as any;
    expect(e2.status).toBe(429);
    expect(e2.error.error.type).toBe('rate_limit_error');
    expect(e2.error.error.message).toMatch(/rate limited until/);
    const retryAfter = Number(e2.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(up!.requests).toHaveLength(1);
  });
});

describe('a passthrough stream that opens with an error event', () => {
  // The shapes Anthropic documents for an error inside a stream (with its spaces) and OpenAI's
  // error chunk. Nothing reached the caller yet, so the next step of the combo is tried.
  const cases: Array<[WireFormat, string, string]> = [
    [
      'anthropic',
      'event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n',
      'anthropic/anthropic-text.chunks.txt',
    ],
    [
      'openai-chat',
      'data: {"error": {"message": "The server had an error while processing your request.", "type": "server_error"}}\n\n',
      'openai-chat/openai-text.chunks.txt',
    ],
  ];
  for (const [format, opening, good] of cases) {
    it(`goes to the next step for the ${format} caller, who sees only the good stream`, async () => {
      await setup(
        (b) =>
          `providers:\n${provider('first', format, b(format))}${provider('second', format, b(format))}combos:\n  - name: c\n    models: [first/m1, second/m2]\n`,
      );
      up!.queue({ kind: 'sse', text: opening }, { kind: 'fixture', file: good });
      let text = '';
      let route: string | null;
      if (format === 'anthropic') {
        const client = new Anthropic({ apiKey: 'x', baseURL: t!.url, maxRetries: 0 });
        const { data, response } = await client.messages
          .create({ model: 'c', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] })
          .withResponse();
        route = response.headers.get('x-omniroute-route');
        for await (const ev of data)
          if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
      } else {
        const client = new OpenAI({ apiKey: 'x', baseURL: `${t!.url}/v1`, maxRetries: 0 });
        const { data, response } = await client.chat.completions
          .create({ model: 'c', stream: true, messages: [{ role: 'user', content: 'hi' }] })
          .withResponse();
        route = response.headers.get('x-omniroute-route');
        for await (const chunk of data) text += chunk.choices[0]?.delta.content ?? '';
      }
      expect(route).toBe('second/m2');
      expect(text.length).toBeGreaterThan(20);
      expect(up!.requests.map((r) => r.json.model)).toEqual(['m1', 'm2']);
    });
  }
});

describe('circuit breaker', () => {
  it('opens after consecutive failures, half-opens after the cool-down, and closes on success', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('flaky', 'openai-chat', b('openai-chat'))}${provider('steady', 'openai-chat', b('openai-chat'))}combos:\n  - name: c\n    models: [flaky/m1, steady/m2]\nsettings:\n  breakerFailureThreshold: 2\n  breakerCoolDownMs: 400\n`,
    );
    const events: string[] = [];
    t!.core.runtime.events.on('circuit-changed', (e) => events.push(`${e.label}:${e.from}->${e.to}`));
    const boom = { kind: 'error' as const, status: 500, body: { error: { message: 'boom' } } };
    const ok = { kind: 'fixture' as const, file: 'openai-chat/openai-text.json' };
    up!.queue(boom, ok, boom, ok);
    expect((await chat('c')).status).toBe(200);
    expect((await chat('c')).status).toBe(200);
    expect(events).toEqual(['flaky/account-1:closed->open']);

    // Open: the flaky account is not called at all.
    up!.requests.length = 0;
    up!.queue(ok);
    expect((await chat('c')).headers.get('x-omniroute-route')).toBe('steady/m2');
    expect(up!.requests.map((r) => r.json.model)).toEqual(['m2']);

    // After the cool-down one trial request goes through; its success closes the circuit.
    await new Promise((r) => setTimeout(r, 700));
    up!.queue(ok);
    expect((await chat('c')).headers.get('x-omniroute-route')).toBe('flaky/m1');
    expect(events).toEqual([
      'flaky/account-1:closed->open',
      'flaky/account-1:open->half-open',
      'flaky/account-1:half-open->closed',
    ]);
  });
});

describe('quota windows', () => {
  it('skips an account whose window is used up and reports it over /api/quota', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('sub', 'openai-chat', b('openai-chat'), '      - apiKey: k\n        name: pro\n        quota:\n          windows:\n            - { id: daily, kind: daily, hour: 10, timeZone: Asia/Shanghai, unit: requests, limit: 2 }\n')}${provider('paid', 'openai-chat', b('openai-chat'))}combos:\n  - name: c\n    models: [sub/m1, paid/m2]\n`,
    );
    const quotaEvents: string[] = [];
    t!.core.runtime.events.on('quota-changed', (e) => quotaEvents.push(`${e.label}:${e.type}`));
    up!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    const routes: string[] = [];
    for (let i = 0; i < 4; i++) routes.push((await chat('c')).headers.get('x-omniroute-route')!);
    expect(routes).toEqual(['sub/m1', 'sub/m1', 'paid/m2', 'paid/m2']);
    expect(quotaEvents).toEqual(['sub/pro:exhausted']);
    const quota = (await (await t!.api('/api/quota')).json()) as any[];
    const w = quota.find((q) => q.connectionName === 'pro').windows[0];
    expect(w).toMatchObject({ id: 'daily', used: 2, limit: 2, remaining: 0, level: 'exhausted' });
    // The next reset is 10:00 in Shanghai (02:00 UTC), within a day.
    const reset = new Date(w.resetsAt);
    expect(reset.getUTCHours()).toBe(2);
    expect(reset.getUTCMinutes()).toBe(0);
    expect(w.resetsAt - Date.now()).toBeLessThanOrEqual(86_400_000);
  });
});

describe('strategies over many requests', () => {
  it('round-robin rotates the starting step and is sticky for 3 requests', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('p1', 'openai-chat', b('openai-chat'))}${provider('p2', 'openai-chat', b('openai-chat'))}${provider('p3', 'openai-chat', b('openai-chat'))}combos:\n  - name: rr\n    strategy: round-robin\n    models: [p1/a, p2/b, p3/c]\n`,
    );
    up!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    const served: string[] = [];
    for (let i = 0; i < 18; i++)
      served.push((await chat('rr')).headers.get('x-omniroute-route')!.split('/')[0]!);
    expect(served.join(' ')).toBe('p1 p1 p1 p2 p2 p2 p3 p3 p3 p1 p1 p1 p2 p2 p2 p3 p3 p3');
  });

  it('cost-optimized picks the cheapest available step', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('pricey', 'openai-chat', b('openai-chat'))}${provider('cheap', 'openai-chat', b('openai-chat'))}combos:\n  - name: co\n    strategy: cost-optimized\n    models: [pricey/claude-opus-4-1, cheap/gpt-4.1-mini]\n`,
    );
    up!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    const res = await chat('co');
    expect(res.headers.get('x-omniroute-route')).toBe('cheap/gpt-4.1-mini');
    t!.core.runtime.store.requestLog.flush();
    const row = t!.core.runtime.store.db
      .prepare('SELECT cost_usd FROM request_log WHERE id = ?')
      .get(res.headers.get('x-request-id')) as { cost_usd: number };
    expect(row.cost_usd).toBeGreaterThan(0);
  });
});

describe('200 concurrent streams through a 3-step combo whose first step is rate-limited', () => {
  it('zero client errors; each request recorded exactly once with the route that served it', async () => {
    await setup(
      (b) =>
        `providers:\n${provider('limited', 'anthropic', b('anthropic'))}${provider('second', 'openai-chat', b('openai-chat'))}${provider('third', 'gemini', b('gemini'))}combos:\n  - name: three\n    models: [limited/claude, second/gpt, third/gemini-2.5-flash]\n`,
    );
    up!.setDefault((req) =>
      req.path.startsWith('/v1/messages')
        ? {
            kind: 'error',
            status: 429,
            body: { type: 'error', error: { type: 'rate_limit_error', message: 'limited' } },
            headers: { 'retry-after': '30' },
          }
        : req.path.startsWith('/v1/chat')
          ? { kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' }
          : { kind: 'fixture', file: 'gemini/google-text.chunks.txt' },
    );
    const client = new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const ids: string[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, async () => {
        const { data, response } = await client.chat.completions
          .create({ model: 'three', stream: true, messages: [{ role: 'user', content: 'hi' }] })
          .withResponse();
        ids.push(response.headers.get('x-request-id')!);
        let text = '';
        for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
        if (text.length < 10) throw new Error('short answer');
        return response.headers.get('x-omniroute-route');
      }),
    );
    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures).toEqual([]);
    const routes = results.map((r) => (r as PromiseFulfilledResult<string>).value);
    expect(new Set(routes)).toEqual(new Set(['second/gpt']));
    // The limited account was called until its first 429 answers came back, then skipped.
    const limitedCalls = up!.requests.filter((r) => r.path.startsWith('/v1/messages')).length;
    expect(limitedCalls).toBeLessThan(200);

    t!.core.runtime.store.requestLog.flush();
    const rows = t!.core.runtime.store.db
      .prepare('SELECT id, provider_id, status FROM request_log')
      .all() as Array<{ id: string; provider_id: string; status: number }>;
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    expect(rows.every((r) => r.provider_id === 'second' && r.status === 200)).toBe(true);
  });
});

describe('the tray controls change routing for the next request', () => {
  it('switching the active combo over /api changes what "auto" serves; offline mode leaves only local providers', async () => {
    await setup(
      (b) =>
        // The replay upstream is on loopback, so "remote" must say it is not local.
        `providers:\n${provider('remote', 'openai-chat', b('openai-chat'))}    local: false\n  - id: homelab\n    format: openai-chat\n    baseUrl: ${b('openai-chat')}\n    local: true\ncombos:\n  - name: one\n    models: [remote/m1]\n  - name: two\n    models: [remote/m2, homelab/llama]\n`,
    );
    up!.setDefault(() => ({ kind: 'fixture', file: 'openai-chat/openai-text.json' }));
    expect((await chat('auto')).status).toBe(404); // no active combo yet
    await t!.api('/api/state/active-combo', { method: 'PUT', body: JSON.stringify({ combo: 'one' }) });
    expect((await chat('auto')).headers.get('x-omniroute-route')).toBe('remote/m1');
    await t!.api('/api/state/active-combo', { method: 'PUT', body: JSON.stringify({ combo: 'two' }) });
    expect((await chat('auto')).headers.get('x-omniroute-route')).toBe('remote/m2');

    await t!.api('/api/state/offline', { method: 'PUT', body: JSON.stringify({ offline: true }) });
    expect((await chat('auto')).headers.get('x-omniroute-route')).toBe('homelab/llama');
    const remoteOnly = await chat('remote/m1');
    expect(remoteOnly.status).toBe(503);
    expect(((await remoteOnly.json()) as any).error.message).toMatch(/Offline mode/);
    await t!.api('/api/state/offline', { method: 'PUT', body: JSON.stringify({ offline: false }) });
    expect((await chat('auto')).headers.get('x-omniroute-route')).toBe('remote/m2');
  });
});
