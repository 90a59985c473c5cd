import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../../core/formats/canonical.js';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { FIXTURE_ROOT, fixtureSseText, loadChunkLines } from '../../helpers/fixtures.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

let t: TestCore;
let up: ReplayUpstream;
const PROVIDERS: Array<[string, WireFormat]> = [
  ['up-chat', 'openai-chat'],
  ['up-resp', 'openai-responses'],
  ['up-anth', 'anthropic'],
  ['up-gem', 'gemini'],
  ['up-chat2', 'openai-chat'],
];

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore({
    timeouts: { firstByteMs: 1500, answerMs: 1500, stallMs: 1500, connectMs: 1000 },
  });
  for (const [id, format] of PROVIDERS) {
    await t.addProvider(id, { format, baseUrl: up.baseUrl(format) }, { name: 'k', apiKey: `key-${id}` });
  }
  await t.api('/api/combos/two-step', {
    method: 'PUT',
    body: JSON.stringify({ models: ['up-chat/first', 'up-chat2/second'] }),
  });
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});
beforeEach(async () => {
  up.requests.length = 0;
  // Each test starts with closed breakers and no lockouts (routing state is kept between requests).
  await t.api('/api/health/reset', { method: 'POST', body: '{}' });
});

const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('same-format passthrough', () => {
  it('forwards the caller bytes untouched except the model, with anthropic headers and ?beta=true', async () => {
    up.queue({ kind: 'fixture', file: 'anthropic/anthropic-thinking.chunks.txt' });
    const raw =
      '{"model":"up-anth/claude-x",  "max_tokens":2048,"stream":true,"seed":12345678901234567890,' +
      '"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"thinking","thinking":"a  b","signature":"EqQBCkYIBxgCKkB+/sig=="}]},{"role":"user","content":"again"}],"metadata":{"model":"keep-me"}}';
    const res = await post('/v1/messages?beta=true', raw, {
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'interleaved-thinking-2025-05-14',
    });
    expect(res.status).toBe(200);
    const got = await res.text();
    expect(got).toBe(fixtureSseText('anthropic/anthropic-thinking.chunks.txt', 'anthropic'));
    const rec = up.requests[0]!;
    expect(rec.path).toBe('/v1/messages?beta=true');
    expect(rec.body).toBe(raw.replace('"up-anth/claude-x"', '"claude-x"'));
    expect(rec.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    expect(rec.headers['x-api-key']).toBe('key-up-anth');
    expect(rec.headers['authorization']).toBeUndefined();
    expect(res.headers.get('x-omniroute-route')).toBe('up-anth/claude-x');
  });

  it('asks an OpenAI upstream for usage and hides the extra usage chunk from a caller that did not ask', async () => {
    up.queue({ kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' });
    const res = await post('/v1/chat/completions', {
      model: 'up-chat/gpt',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const text = await res.text();
    expect(up.requests[0]!.json.stream_options).toEqual({ include_usage: true });
    expect(text).not.toContain('"choices":[]');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    t.core.runtime.store.requestLog.flush();
    const row = t.core.runtime.store.db
      .prepare('SELECT * FROM request_log WHERE id = ?')
      .get(res.headers.get('x-request-id')) as any;
    const usageLine = JSON.parse(loadChunkLines('openai-chat/openai-text.chunks.txt').at(-1)!);
    expect(row).toMatchObject({
      provider_id: 'up-chat',
      status: 200,
      input_tokens: usageLine.usage.prompt_tokens,
      output_tokens: usageLine.usage.completion_tokens,
    });
  });
});

describe('bad input gets a clear error in the caller format', () => {
  const cases: Array<[string, string, (b: any) => void]> = [
    ['/v1/chat/completions', 'openai', (b) => expect(b.error.type).toBe('invalid_request_error')],
    ['/v1/responses', 'openai', (b) => expect(b.error.type).toBe('invalid_request_error')],
    [
      '/v1/messages',
      'anthropic',
      (b) => expect(b).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } }),
    ],
    [
      '/v1beta/models/up-gem/x:generateContent',
      'gemini',
      (b) => expect(b.error.status).toBe('INVALID_ARGUMENT'),
    ],
  ];
  it.each(cases)('%s: malformed JSON → 400', async (route, _f, check) => {
    const res = await post(route, '{"model": "x", ');
    expect(res.status).toBe(400);
    const b = await res.json();
    check(b);
    expect(JSON.stringify(b)).toContain('not valid JSON');
    expect(JSON.stringify(b)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
  it.each(cases.slice(0, 3))('%s: missing model → 400 naming model', async (route, _f, check) => {
    const res = await post(route, { messages: [{ role: 'user', content: 'x' }], input: 'x', max_tokens: 5 });
    expect(res.status).toBe(400);
    const b = await res.json();
    check(b);
    expect(JSON.stringify(b)).toContain('model');
  });
  it('wrong types → 400 with the field named', async () => {
    const res = await post('/v1/chat/completions', { model: 'up-chat/x', messages: 'hello' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.param).toBe('messages');
  });
  it('unknown model → 404 saying how to list valid ones', async () => {
    const res = await post('/v1/messages', {
      model: 'nope-model',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(res.status).toBe(404);
    const b = (await res.json()) as any;
    expect(b.error.type).toBe('not_found_error');
    expect(b.error.message).toContain('GET /v1/models');
  });
  it('oversized body → 413 in the caller format', async () => {
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ bodyLimitMb: 1 }) });
    try {
      const big = JSON.stringify({
        model: 'up-anth/x',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x'.repeat(1_200_000) }],
      });
      const res = await post('/v1/messages', big);
      expect(res.status).toBe(413);
      expect(((await res.json()) as any).error.type).toBe('request_too_large');
    } finally {
      await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ bodyLimitMb: 32 }) });
    }
    expect(up.requests).toHaveLength(0);
  });
});

describe('upstream errors and fallback', () => {
  it('translates an upstream error into the caller format with the right status and names the provider', async () => {
    const body = JSON.parse(
      readFileSync(path.join(FIXTURE_ROOT, 'openai-responses/openai-error-insufficient-quota.json'), 'utf8'),
    );
    up.queue({ kind: 'error', status: 429, body });
    const client = new Anthropic({ baseURL: t.url, apiKey: 'x', maxRetries: 0 });
    const err = (await client.messages
      .create({ model: 'up-resp/gpt', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e)) as any;
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err.status).toBe(429);
    expect(err.error.error.message).toBe(body.error.message);
    expect(err.headers.get('x-omniroute-provider')).toBe('up-resp');
  });

  it('falls back to the next combo step before the first byte (500 → next)', async () => {
    up.queue(
      { kind: 'error', status: 500, body: { error: { message: 'boom' } } },
      { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    const res = await post('/v1/chat/completions', {
      model: 'two-step',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omniroute-attempts')).toBe('2');
    expect(res.headers.get('x-omniroute-route')).toBe('up-chat2/second');
    expect(up.requests.map((r) => r.json.model)).toEqual(['first', 'second']);
  });

  it('falls back on a connection reset and on a 429, and honours nothing-sent-yet', async () => {
    up.queue({ kind: 'reset' }, { kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' });
    const a = await post('/v1/chat/completions', {
      model: 'two-step',
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(a.status).toBe(200);
    expect(await a.text()).toContain('[DONE]');
    up.queue(
      {
        kind: 'error',
        status: 429,
        body: { error: { message: 'slow down' } },
        headers: { 'retry-after': '30' },
      },
      { kind: 'fixture', file: 'openai-chat/openai-text.json' },
    );
    const b = await post('/v1/chat/completions', {
      model: 'two-step',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(b.status).toBe(200);
  });

  it('returns request errors (400) without trying elsewhere', async () => {
    const body = JSON.parse(
      readFileSync(path.join(FIXTURE_ROOT, 'openai-chat/openai-error-unsupported-parameter.json'), 'utf8'),
    );
    up.queue({ kind: 'error', status: 400, body });
    const res = await post('/v1/chat/completions', {
      model: 'two-step',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(body);
    expect(up.requests).toHaveLength(1);
  });

  it('times out a hanging upstream and moves on; a hang on the last step is a 504 in the caller format', async () => {
    up.queue({ kind: 'hang' }, { kind: 'fixture', file: 'openai-chat/openai-text.json' });
    const ok = await post('/v1/chat/completions', {
      model: 'two-step',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(ok.status).toBe(200);
    up.queue({ kind: 'hang' });
    const res = await post('/v1/messages', {
      model: 'up-anth/x',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(res.status).toBe(504);
    expect(((await res.json()) as any).error.type).toBe('timeout_error');
  });

  it('ends a stream cut midway with a well-formed error event the SDK raises', async () => {
    up.queue({ kind: 'cut', file: 'anthropic/anthropic-text.chunks.txt', afterEvents: 4 });
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const s = await client.chat.completions.create({
      model: 'up-anth/x',
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    });
    let text = '';
    const err = await (async () => {
      try {
        for await (const c of s) text += c.choices[0]?.delta?.content ?? '';
      } catch (e) {
        return e;
      }
    })();
    expect(text.length).toBeGreaterThan(0);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/stopped in the middle of the stream/);
  });

  it('a stalled stream ends with an error event for an Anthropic caller', async () => {
    up.queue({ kind: 'stall', file: 'anthropic/anthropic-text.chunks.txt', afterEvents: 3 });
    const client = new Anthropic({ baseURL: t.url, apiKey: 'x', maxRetries: 0 });
    const err = await client.messages
      .stream({ model: 'up-anth/x', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage()
      .catch((e) => e);
    expect(err).toBeInstanceOf(Error);
  });

  it('aborts the upstream request when the client disconnects', async () => {
    up.queue({ kind: 'stall', file: 'openai-chat/openai-text.chunks.txt', afterEvents: 2 });
    const ac = new AbortController();
    const res = await post(
      '/v1/chat/completions',
      { model: 'up-chat/x', stream: true, messages: [{ role: 'user', content: 'x' }] },
      {},
    );
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    ac.abort();
    // The gateway records the request once the upstream is torn down.
    const id = res.headers.get('x-request-id');
    const deadline = Date.now() + 3000;
    let row: any;
    while (Date.now() < deadline) {
      t.core.runtime.store.requestLog.flush();
      row = t.core.runtime.store.db.prepare('SELECT * FROM request_log WHERE id = ?').get(id);
      if (row) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(row).toBeDefined();
    expect(Date.now()).toBeLessThan(deadline);
  });
});

describe('count_tokens', () => {
  it('estimates for a non-Anthropic provider and says so', async () => {
    const res = await post('/v1/messages/count_tokens', {
      model: 'up-chat/x',
      messages: [{ role: 'user', content: 'hello world '.repeat(40) }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omniroute-count')).toBe('estimate');
    const b = (await res.json()) as { input_tokens: number };
    expect(b.input_tokens).toBeGreaterThan(100);
    expect(b.input_tokens).toBeLessThan(200);
  });
  it('asks an Anthropic-format provider for the exact count', async () => {
    up.queue({ kind: 'error', status: 200, body: { input_tokens: 42 } });
    const res = await post(
      '/v1/messages/count_tokens',
      { model: 'up-anth/claude', messages: [{ role: 'user', content: 'hi' }] },
      { 'anthropic-version': '2023-06-01' },
    );
    expect(await res.json()).toEqual({ input_tokens: 42 });
    expect(res.headers.get('x-omniroute-count')).toBe('exact');
    expect(up.requests[0]!.path).toBe('/v1/messages/count_tokens');
    expect(up.requests[0]!.json.model).toBe('claude');
  });
});
