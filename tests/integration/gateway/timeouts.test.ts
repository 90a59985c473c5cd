import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// Upstream time limits are settings (firstByteTimeoutMs, answerTimeoutMs, stallTimeoutMs) read when
// a request starts, and a provider may have its own. No CoreOptions.timeouts here: these run with
// what a user gets. Only lower bounds are asserted on durations (a limit is never cut short), plus
// an upper bound far from the old 120 s and the 45 s default, so a loaded machine does not fail them.
// undici's coarse timers may fire up to ~0.5 s early: EARLY allows for that.
const EARLY = 600;

let t: TestCore;
let up: ReplayUpstream;

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
  await settings({ cacheEnabled: false, idempotencyWindowMs: 0 });
  // On 127.0.0.1 a provider counts as local, whose streams wait like non-streamed answers (the
  // server may be loading the model): these stand for remote ones.
  const add = (id: string, format: string, extra: Record<string, unknown> = {}) =>
    t.addProvider(
      id,
      { format, baseUrl: up.baseUrl(format as never), local: false, ...extra },
      { name: 'k', apiKey: `key-${id}` },
    );
  await add('hung', 'openai-chat');
  await add('ok', 'openai-chat');
  await add('gem', 'gemini');
  await add('anth', 'anthropic');
  await add('quick', 'openai-chat', { timeouts: { firstByteMs: 1000, stallMs: 1000 } });
  await t.api('/api/combos/two-step', {
    method: 'PUT',
    body: JSON.stringify({ models: ['hung/m', 'ok/m'] }),
  });
  await t.api('/api/combos/quick-first', {
    method: 'PUT',
    body: JSON.stringify({ models: ['quick/m', 'ok/m'] }),
  });
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});
beforeEach(async () => {
  up.requests.length = 0;
  // Timeouts count against the breaker: every test starts with closed circuits.
  await t.api('/api/health/reset', { method: 'POST', body: '{}' });
});

async function settings(patch: Record<string, unknown>): Promise<void> {
  const r = await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify(patch) });
  expect(r.status, await r.clone().text()).toBe(200);
}

async function timed(path: string, body: unknown): Promise<{ res: Response; text: string; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { res, text, ms: performance.now() - t0 };
}

const chat = (model: string, stream: boolean) => ({
  model,
  stream,
  messages: [{ role: 'user', content: 'x' }],
});

describe('first-byte timeout (setting firstByteTimeoutMs)', () => {
  it('falls back from a hung first step after the setting, and a changed setting applies to the next request', async () => {
    await settings({ firstByteTimeoutMs: 1000 });
    up.queue({ kind: 'hang' }, { kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' });
    const a = await timed('/v1/chat/completions', chat('two-step', true));
    expect(a.res.status).toBe(200);
    expect(a.res.headers.get('x-omniroute-route')).toBe('ok/m');
    expect(a.res.headers.get('x-omniroute-attempts')).toBe('2');
    expect(a.text).toContain('data: [DONE]');
    expect(a.ms).toBeGreaterThanOrEqual(1000 - EARLY);
    expect(a.ms).toBeLessThan(15_000); // not the 120 s it was

    // No restart: the next request waits the new limit.
    await settings({ firstByteTimeoutMs: 3000 });
    up.queue({ kind: 'hang' }, { kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' });
    const b = await timed('/v1/chat/completions', chat('two-step', true));
    expect(b.res.headers.get('x-omniroute-route')).toBe('ok/m');
    expect(b.ms).toBeGreaterThanOrEqual(3000 - EARLY);
    expect(b.ms).toBeLessThan(15_000);
    expect(up.requests.map((r) => r.json?.model)).toEqual(['m', 'm', 'm', 'm']);
  });

  it('a hung last step is a 504 in the caller format that names the setting to change', async () => {
    await settings({ firstByteTimeoutMs: 1000 });
    up.queue({ kind: 'hang' });
    const { res, text } = await timed('/v1/messages', {
      model: 'anth/claude-x',
      max_tokens: 5,
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(res.status).toBe(504);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
    expect(body.error.message).toMatch(/did not answer within 1 s \(setting firstByteTimeoutMs\)/);
  });

  it('does not cut a non-streamed answer, whose head comes only with the whole answer (answerTimeoutMs)', async () => {
    await settings({ firstByteTimeoutMs: 1000 });
    up.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json', delayMs: 2500 });
    const { res, ms } = await timed('/v1/chat/completions', chat('two-step', false));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omniroute-route')).toBe('hung/m');
    expect(ms).toBeGreaterThanOrEqual(2500);
    expect(up.requests).toHaveLength(1);
  });

  it('does not cut a Gemini stream, whose head waits for the first chunk (after any thinking)', async () => {
    await settings({ firstByteTimeoutMs: 1000 });
    up.queue({ kind: 'fixture', file: 'gemini/google-text.chunks.txt', delayMs: 2500 });
    const { res, text } = await timed('/v1/chat/completions', chat('gem/gemini-x', true));
    expect(res.status).toBe(200);
    expect(text).toContain('data: [DONE]');
    expect(up.requests).toHaveLength(1);
  });

  it('a non-streamed request falls back after answerTimeoutMs', async () => {
    await settings({ firstByteTimeoutMs: 60_000, answerTimeoutMs: 1000 });
    up.queue({ kind: 'hang' }, { kind: 'fixture', file: 'openai-chat/openai-text.json' });
    const { res, ms } = await timed('/v1/chat/completions', chat('two-step', false));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omniroute-route')).toBe('ok/m');
    expect(ms).toBeGreaterThanOrEqual(1000 - EARLY);
    expect(ms).toBeLessThan(15_000);
    await settings({ answerTimeoutMs: 600_000 });
  });
});

describe('stall timeout (setting stallTimeoutMs)', () => {
  it('ends a stream that went silent with an error event naming the setting', async () => {
    await settings({ stallTimeoutMs: 1000 });
    up.queue({ kind: 'stall', file: 'openai-chat/openai-text.chunks.txt', afterEvents: 2 });
    const { res, text, ms } = await timed('/v1/chat/completions', chat('ok/m', true));
    expect(res.status).toBe(200);
    expect(text).toMatch(/stopped in the middle of the stream/);
    expect(text).toMatch(/stallTimeoutMs/);
    expect(ms).toBeGreaterThanOrEqual(1000 - EARLY);
    expect(ms).toBeLessThan(15_000);
    await settings({ stallTimeoutMs: 300_000 });
  });
});

describe("a provider's own timeouts", () => {
  it('win over the settings: a step with a short firstByteMs falls back after it', async () => {
    await settings({ firstByteTimeoutMs: 60_000 });
    const view = (await (await t.api('/api/providers/quick')).json()) as { timeouts?: unknown };
    expect(view.timeouts).toEqual({ firstByteMs: 1000, stallMs: 1000 });
    up.queue({ kind: 'hang' }, { kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' });
    const { res, ms } = await timed('/v1/chat/completions', chat('quick-first', true));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omniroute-route')).toBe('ok/m');
    expect(ms).toBeGreaterThanOrEqual(1000 - EARLY);
    expect(ms).toBeLessThan(15_000);
  });

  it('are kept by a config export and refused when out of range', async () => {
    const exported = (await (await t.api('/api/export')).json()) as {
      providers: Array<{ id: string; timeouts?: unknown }>;
    };
    expect(exported.providers.find((p) => p.id === 'quick')?.timeouts).toEqual({
      firstByteMs: 1000,
      stallMs: 1000,
    });
    const bad = await t.api('/api/providers/quick', {
      method: 'PUT',
      body: JSON.stringify({
        format: 'openai-chat',
        baseUrl: up.baseUrl('openai-chat'),
        timeouts: { firstByteMs: 5 },
      }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('firstByteMs');
  });
});
