import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { expectedFromFixture } from '../../helpers/expected.js';
import { loadChunkLines } from '../../helpers/fixtures.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// Ollama's own client (ollama-js) against /ollama, and an OpenAI SDK caller against an upstream
// that speaks native Ollama (a custom provider of format `ollama`), both through the gateway.
// Upstreams replay the documented examples in tests/fixtures/upstream/ollama (no Ollama here).

let t: TestCore;
let up: ReplayUpstream;

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore({
    timeouts: { firstByteMs: 1500, answerMs: 1500, stallMs: 1500, connectMs: 1000 },
  });
  await t.addProvider(
    'up-chat',
    { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
    { name: 'k', apiKey: 'key-chat' },
  );
  await t.addProvider(
    'up-chat2',
    { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
    { name: 'k', apiKey: 'key-chat2' },
  );
  await t.addProvider(
    'up-oll',
    { format: 'ollama', baseUrl: up.baseUrl('ollama') },
    { name: 'k', apiKey: 'key-oll' },
  );
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
  await t.api('/api/health/reset', { method: 'POST', body: '{}' });
});

const client = () => new Ollama({ host: `${t.url}/ollama` });
const WEATHER = {
  type: 'function',
  function: {
    name: 'weather',
    description: 'Get the weather in a location',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

describe('an Ollama client (ollama-js) → an OpenAI Chat upstream', () => {
  it('chats without a stream', async () => {
    up.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
    const r = await client().chat({
      model: 'up-chat/gpt',
      messages: [{ role: 'user', content: 'hi' }],
      stream: false,
      options: { temperature: 0.2, num_predict: 50 },
    });
    expect(r.message.content).toBe(expectedFromFixture('openai-chat/openai-text.json').text);
    expect(r.done).toBe(true);
    expect(r.model).toBe('up-chat/gpt');
    expect(r.prompt_eval_count).toBeGreaterThan(0);
    const sent = up.requests[0]!.json;
    expect(sent).toMatchObject({ model: 'gpt', temperature: 0.2, max_tokens: 50, stream: false });
  });

  it('streams NDJSON, and a request without `stream` streams (Ollama’s default)', async () => {
    up.queue({ kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' });
    const res = await fetch(`${t.url}/ollama/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'up-chat/gpt', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop' });
    expect(lines.map((l) => l.message.content).join('')).toBe(
      expectedFromFixture('openai-chat/openai-text.chunks.txt').text,
    );
    expect(up.requests[0]!.json.stream).toBe(true);
  });

  it('streams tool calls with their arguments as objects', async () => {
    up.queue({ kind: 'fixture', file: 'openai-chat/deepseek-tool-call.chunks.txt' });
    const stream = await client().chat({
      model: 'up-chat/ds',
      messages: [{ role: 'user', content: 'weather in Berlin?' }],
      tools: [WEATHER],
      stream: true,
    });
    const calls: Array<{ name: string; args: unknown }> = [];
    let last: any;
    for await (const part of stream) {
      for (const c of part.message.tool_calls ?? [])
        calls.push({ name: c.function.name, args: c.function.arguments });
      last = part;
    }
    expect(calls).toEqual(expectedFromFixture('openai-chat/deepseek-tool-call.chunks.txt').tools);
    expect(last.done).toBe(true);
    expect(last.eval_count).toBeGreaterThan(0);
    expect(up.requests[0]!.json.tools[0].function.name).toBe('weather');
  });

  it('ends the stream with an {"error"} line when the upstream breaks off mid-stream', async () => {
    up.queue({ kind: 'cut', file: 'openai-chat/openai-text.chunks.txt', afterEvents: 5 });
    const stream = await client().chat({
      model: 'up-chat/gpt',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    const err = await (async () => {
      for await (const part of stream) text += part.message.content;
    })().catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/stopped in the middle of the stream/);
    expect(text.length).toBeGreaterThan(0);
  });

  it('falls back to the next combo step when the first answers 429', async () => {
    up.queue(
      { kind: 'error', status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error' } } },
      { kind: 'fixture', file: 'openai-chat/openai-text.chunks.txt' },
    );
    const stream = await client().chat({
      model: 'two-step',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let text = '';
    for await (const part of stream) text += part.message.content;
    expect(text).toBe(expectedFromFixture('openai-chat/openai-text.chunks.txt').text);
    expect(up.requests.map((r) => r.json.model)).toEqual(['first', 'second']);
  });

  it('answers an error in Ollama’s shape with the upstream’s status', async () => {
    up.queue({
      kind: 'error',
      status: 400,
      body: { error: { message: 'bad thing', type: 'invalid_request_error' } },
    });
    const err = (await client()
      .chat({ model: 'up-chat/gpt', messages: [{ role: 'user', content: 'x' }], stream: false })
      .catch((e) => e)) as any;
    expect(err.name).toBe('ResponseError');
    expect(err.status_code).toBe(400);
    expect(err.error).toBe('bad thing');
  });
});

describe('an OpenAI SDK caller → a native Ollama upstream', () => {
  const openai = () => new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'x', maxRetries: 0 });

  it('translates a non-streamed answer with tool calls, usage and the documented request', async () => {
    up.queue({ kind: 'fixture', file: 'ollama/chat-tools.json' });
    const r = await openai().chat.completions.create({
      model: 'up-oll/llama3.2',
      messages: [{ role: 'user', content: 'What is the weather in Tokyo?' }],
      tools: [WEATHER as any],
      max_tokens: 30,
    });
    const call = r.choices[0]!.message.tool_calls![0]! as any;
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Tokyo' });
    expect(r.choices[0]!.finish_reason).toBe('tool_calls');
    expect(r.usage).toMatchObject({ prompt_tokens: 169, completion_tokens: 18 });
    const req = up.requests[0]!;
    expect(req.path).toBe('/api/chat');
    expect(req.headers.authorization).toBe('Bearer key-oll');
    expect(req.json).toMatchObject({ model: 'llama3.2', stream: false, options: { num_predict: 30 } });
  });

  it('translates the NDJSON stream, text and final counts', async () => {
    up.queue({ kind: 'fixture', file: 'ollama/chat-stream.ndjson' });
    const s = await openai().chat.completions.create({
      model: 'up-oll/llama3.2',
      messages: [{ role: 'user', content: 'why is the sky blue?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: any;
    for await (const chunk of s) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('The');
    expect(usage).toMatchObject({ prompt_tokens: 26, completion_tokens: 282 });
    expect(up.requests[0]!.headers.accept).toBe('application/x-ndjson');
  });

  it('passes an Ollama caller’s own stream through byte for byte and still counts its usage', async () => {
    up.queue({ kind: 'fixture', file: 'ollama/chat-thinking-stream.ndjson' });
    const res = await fetch(`${t.url}/ollama/api/chat`, {
      method: 'POST',
      body: JSON.stringify({
        model: 'up-oll/qwen3',
        messages: [{ role: 'user', content: 'r?' }],
        think: true,
      }),
    });
    expect(await res.text()).toBe(
      loadChunkLines('ollama/chat-thinking-stream.ndjson')
        .map((l) => `${l}\n`)
        .join(''),
    );
    expect(up.requests[0]!.json).toMatchObject({ model: 'qwen3', think: true });
    let row: any;
    for (let i = 0; i < 50 && !row; i++) {
      const page = (await (await t.api('/api/logs?model=up-oll%2Fqwen3')).json()) as { items: any[] };
      row = page.items[0];
      if (!row) await new Promise((r) => setTimeout(r, 20));
    }
    expect(row).toMatchObject({ inputTokens: 18, outputTokens: 24 });
  });

  it('an upstream error line at the start falls back like an error status', async () => {
    up.queue({ kind: 'sse', text: '{"error":"an error was encountered while running the model"}\n' });
    const res = await fetch(`${t.url}/ollama/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'up-oll/llama3.2', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: expect.stringContaining('failed at the start of the stream') });
  });
});

describe('Ollama discovery under /ollama', () => {
  it('answers the probe, the version, the model list and a model’s details', async () => {
    const probe = await fetch(`${t.url}/ollama`);
    expect(await probe.text()).toBe('Ollama is running');
    expect((await client().version()).version).toMatch(/^\d+\.\d+\.\d+$/);
    const tags = await client().list();
    const listed = ((await (await fetch(`${t.url}/v1/models`)).json()) as any).data.map((m: any) => m.id);
    expect(tags.models.map((m) => m.name)).toEqual(listed);
    expect(tags.models.map((m) => m.name)).toContain('two-step');
    const show = await client().show({ model: 'two-step' });
    expect(show.capabilities).toEqual(['completion', 'tools']);
    const missing = (await client()
      .show({ model: 'nope/none' })
      .catch((e) => e)) as any;
    expect(missing.status_code).toBe(404);
  });
});

describe('gateway keys on /ollama', () => {
  it('are checked as on /v1 when required, and answered in Ollama’s shape; the probe stays open', async () => {
    const made = await t.api('/api/keys', { method: 'POST', body: JSON.stringify({ name: 'oll' }) });
    const { key } = (await made.json()) as { key: string };
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ requireApiKey: true }) });
    try {
      const tags = await fetch(`${t.url}/ollama/api/tags`);
      expect(tags.status).toBe(401);
      expect(await tags.json()).toEqual({ error: expect.stringContaining('gateway API key is required') });
      const chat = await fetch(`${t.url}/ollama/api/chat`, {
        method: 'POST',
        headers: { authorization: 'Bearer wrong' },
        body: JSON.stringify({ model: 'up-chat/gpt', messages: [{ role: 'user', content: 'x' }] }),
      });
      expect(chat.status).toBe(401);
      expect(await chat.json()).toEqual({ error: expect.stringContaining('Invalid gateway API key') });
      expect(up.requests).toHaveLength(0);
      const keyed = new Ollama({ host: `${t.url}/ollama`, headers: { authorization: `Bearer ${key}` } });
      expect((await keyed.list()).models.length).toBeGreaterThan(0);
      expect(await (await fetch(`${t.url}/ollama`)).text()).toBe('Ollama is running');
    } finally {
      await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ requireApiKey: false }) });
    }
  });

  it('refuses a cross-site browser page as on /v1', async () => {
    const res = await fetch(`${t.url}/ollama/api/tags`, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});
