import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../../core/formats/canonical.js';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { fixtureSseText, loadChunkLines, loadJson } from '../../helpers/fixtures.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_ROOT } from '../../helpers/fixtures.js';
import { anthropicSseText, corruptAnthropicStreams } from '../../helpers/corrupt-streams.js';

// Issue #15: what real provider streams expose in translation, end to end through the gateway
// with the real SDKs as callers and the upstream replaying captures.

const PROVIDER: Record<WireFormat, string> = {
  'openai-chat': 'up-chat',
  'openai-responses': 'up-resp',
  anthropic: 'up-anth',
  gemini: 'up-gem',
  ollama: 'up-oll',
};

let t: TestCore;
let up: ReplayUpstream;
/** An Anthropic upstream that sends the next queued stream an event at a time, as providers do. */
let slow: Server;
const slowQueue: string[][] = [];

beforeAll(async () => {
  up = await startReplayUpstream();
  slow = createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      const lines = slowQueue.shift() ?? [];
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const line of lines) {
        res.write(anthropicSseText([line]));
        await new Promise((r) => setTimeout(r, 5));
      }
      res.end();
    });
  });
  await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
  t = await startTestCore();
  for (const [format, id] of Object.entries(PROVIDER) as Array<[WireFormat, string]>)
    await t.addProvider(id, { format, baseUrl: up.baseUrl(format) }, { name: 'k', apiKey: `key-${id}` });
  const { port } = slow.address() as AddressInfo;
  await t.addProvider(
    'up-anth-live',
    { format: 'anthropic', baseUrl: `http://127.0.0.1:${port}/v1` },
    { name: 'k', apiKey: 'key-live' },
  );
});
afterAll(async () => {
  await t?.close();
  await up?.close();
  await new Promise((r) => slow?.close(r));
});

interface Got {
  text: string;
  reasoning: string;
  /** Each separate text block / item / part the caller saw, in order. */
  texts: string[];
}

type Caller = (model: string, stream: boolean) => Promise<Got>;

const PROMPT = 'What is 2+2?';

const callers: Record<Exclude<WireFormat, never>, Caller> = {
  'openai-chat': async (model, stream) => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    const params = { model, messages: [{ role: 'user' as const, content: PROMPT }] };
    if (!stream) {
      const m = (await client.chat.completions.create(params)).choices[0]!.message as any;
      return { text: m.content ?? '', reasoning: m.reasoning_content ?? '', texts: [m.content ?? ''] };
    }
    const out: Got = { text: '', reasoning: '', texts: [] };
    for await (const chunk of await client.chat.completions.create({ ...params, stream: true })) {
      const d = chunk.choices[0]?.delta as any;
      out.text += d?.content ?? '';
      out.reasoning += d?.reasoning_content ?? '';
    }
    out.texts = [out.text];
    return out;
  },
  'openai-responses': async (model, stream) => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    const params = { model, input: PROMPT, reasoning: { effort: 'low' as const, summary: 'auto' as const } };
    let response: any;
    if (!stream) response = await client.responses.create(params);
    else
      for await (const ev of await client.responses.create({ ...params, stream: true }))
        if (ev.type === 'response.completed') response = ev.response;
    const out: Got = { text: '', reasoning: '', texts: [] };
    for (const item of response.output) {
      if (item.type === 'message')
        for (const c of item.content) if (c.type === 'output_text') out.texts.push(c.text);
      if (item.type === 'reasoning') out.reasoning += (item.summary ?? []).map((s: any) => s.text).join('');
    }
    out.text = out.texts.join('');
    return out;
  },
  anthropic: async (model, stream) => {
    const client = new Anthropic({ baseURL: t.url, apiKey: 'sk-test', maxRetries: 0 });
    const params = { model, max_tokens: 1024, messages: [{ role: 'user' as const, content: PROMPT }] };
    const msg = stream
      ? await client.messages.stream(params).finalMessage()
      : await client.messages.create(params);
    const out: Got = { text: '', reasoning: '', texts: [] };
    for (const b of msg.content) {
      if (b.type === 'text') out.texts.push(b.text);
      else if (b.type === 'thinking') out.reasoning += b.thinking;
    }
    out.text = out.texts.join('');
    return out;
  },
  gemini: async (model, stream) => {
    const ai = new GoogleGenAI({ apiKey: 'sk-test', httpOptions: { baseUrl: t.url } });
    const params = { model, contents: PROMPT, config: { thinkingConfig: { includeThoughts: true } } };
    const responses = stream ? [] : [await ai.models.generateContent(params)];
    if (stream)
      for await (const chunk of await ai.models.generateContentStream(params)) responses.push(chunk);
    const out: Got = { text: '', reasoning: '', texts: [] };
    for (const r of responses)
      for (const p of r.candidates?.[0]?.content?.parts ?? []) {
        if (p.thought && p.text) out.reasoning += p.text;
        else if (p.text) out.text += p.text;
      }
    out.texts = [out.text];
    return out;
  },
  ollama: async (model, stream) => {
    const client = new Ollama({ host: `${t.url}/ollama` });
    const params = { model, messages: [{ role: 'user', content: PROMPT }], think: true };
    const parts = stream ? [] : [await client.chat({ ...params, stream: false })];
    if (stream) for await (const part of await client.chat({ ...params, stream: true })) parts.push(part);
    const out: Got = { text: '', reasoning: '', texts: [] };
    for (const p of parts) {
      out.text += p.message.content;
      out.reasoning += p.message.thinking ?? '';
    }
    out.texts = [out.text];
    return out;
  },
};

const OTHER_THAN = (format: WireFormat) => (Object.keys(callers) as WireFormat[]).filter((f) => f !== format);

describe('typed content arrays (Mistral magistral, openai-chat upstream)', () => {
  const REASONING = 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.';
  const TEXT = '2 + 2 = 4';

  describe.each(OTHER_THAN('openai-chat'))('caller %s', (caller) => {
    it.each([false, true])('stream=%s: the thinking is reasoning, the text is text', async (stream) => {
      up.queue({
        kind: 'fixture',
        file: stream ? 'openai-chat/mistral-reasoning.chunks.txt' : 'openai-chat/mistral-reasoning.json',
      });
      const got = await callers[caller]('up-chat/magistral-medium-2507', stream);
      expect(got.text).toBe(TEXT);
      expect(got.reasoning).toBe(REASONING);
    });
  });

  it('an OpenAI chat caller on passthrough gets the bytes as sent, and usage is still read', async () => {
    const file = 'openai-chat/mistral-reasoning.chunks.txt';
    up.queue({ kind: 'fixture', file });
    const res = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({
        model: 'up-chat/magistral-medium-2507',
        stream: true,
        messages: [{ role: 'user', content: PROMPT }],
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(fixtureSseText(file, 'openai-chat'));
    const usage = JSON.parse(loadChunkLines(file).at(-1)!).usage;
    await expectLoggedUsage(res.headers.get('x-request-id')!, usage.prompt_tokens, usage.completion_tokens);

    up.queue({ kind: 'fixture', file: 'openai-chat/mistral-reasoning.json' });
    const body = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({
        model: 'up-chat/magistral-medium-2507',
        messages: [{ role: 'user', content: PROMPT }],
      }),
    });
    expect(await body.text()).toBe(
      readFileSync(path.join(FIXTURE_ROOT, 'openai-chat/mistral-reasoning.json'), 'utf8'),
    );
    await expectLoggedUsage(body.headers.get('x-request-id')!, 10, 46);
  });
});

async function expectLoggedUsage(id: string, input: number, output: number): Promise<void> {
  // The log row is written once the answer is out: poll briefly for it.
  for (let i = 0; i < 50; i++) {
    const res = await t.api(`/api/logs/${id}`);
    if (res.status === 200) {
      const entry = (await res.json()) as any;
      expect(entry).toMatchObject({ inputTokens: input, outputTokens: output });
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no log entry for ${id}`);
}

describe('Responses streams whose final events carry more than the deltas (gpt-5.3-codex phases)', () => {
  const final = JSON.parse(loadChunkLines('openai-responses/openai-phase.chunks.txt').at(-1)!).response;
  const items: string[] = final.output.map((i: any) => i.content.map((c: any) => c.text).join(''));
  const bodyItems: string[] = loadJson('openai-responses/openai-phase.json').output.map((i: any) =>
    i.content.map((c: any) => c.text).join(''),
  );

  describe.each(OTHER_THAN('openai-responses'))('caller %s', (caller) => {
    it('stream: each message item’s final text once, in order', async () => {
      up.queue({ kind: 'fixture', file: 'openai-responses/openai-phase.chunks.txt' });
      const got = await callers[caller]('up-resp/gpt-5.3-codex', true);
      expect(items).toHaveLength(2);
      expect(got.text).toBe(items.join(''));
      if (caller === 'anthropic') expect(got.texts).toEqual(items);
    });

    it('body: both phases, once each', async () => {
      up.queue({ kind: 'fixture', file: 'openai-responses/openai-phase.json' });
      const got = await callers[caller]('up-resp/gpt-5.3-codex', false);
      expect(got.text).toBe(bodyItems.join(''));
    });
  });
});

describe('corrupt Anthropic streams end in a well-formed error for every other caller format', () => {
  /** Reads a stream the way each SDK does; resolves with what it got, or rejects with its error. */
  const streamers: Record<Exclude<WireFormat, 'anthropic'>, (model: string) => Promise<string>> = {
    'openai-chat': async (model) => {
      const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
      let text = '';
      const s = await client.chat.completions.create({
        model,
        stream: true,
        messages: [{ role: 'user', content: PROMPT }],
      });
      for await (const chunk of s) text += chunk.choices[0]?.delta?.content ?? '';
      return text;
    },
    'openai-responses': async (model) => {
      const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
      const s = await client.responses.create({ model, input: PROMPT, stream: true });
      let text = '';
      for await (const ev of s) {
        if (ev.type === 'response.output_text.delta') text += ev.delta;
        if (ev.type === 'response.failed') throw new Error(`response.failed: ${ev.response.error?.message}`);
      }
      return text;
    },
    // Read off the wire: @google/genai only raises an error sent as a bare JSON chunk; an SSE
    // `data: {"error":…}` event (Google's own mid-stream shape) reaches it as an empty response.
    gemini: async (model) => {
      const res = await fetch(`${t.url}/v1beta/models/${model}:streamGenerateContent?alt=sse`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'sk-test' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: PROMPT }] }] }),
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(JSON.parse(body).error.message);
      const events = body
        .split('\n\n')
        .filter((f) => f.startsWith('data: '))
        .map((f) => JSON.parse(f.slice(6)));
      const last = events.at(-1);
      expect(events.slice(0, -1).every((e) => !e.error && !e.candidates?.[0]?.finishReason)).toBe(true);
      if (last?.error) {
        expect(last.error).toMatchObject({ code: 502, status: expect.any(String) });
        throw new Error(last.error.message);
      }
      return events.map((e) => e.candidates?.[0]?.content?.parts?.[0]?.text ?? '').join('');
    },
    // ollama-js raises the `{"error": …}` line that ends the stream.
    ollama: async (model) => {
      const client = new Ollama({ host: `${t.url}/ollama` });
      let text = '';
      const s = await client.chat({ model, stream: true, messages: [{ role: 'user', content: PROMPT }] });
      for await (const part of s) text += part.message.content;
      return text;
    },
  };

  describe.each(corruptAnthropicStreams().map((c) => [c.name, c] as const))('%s', (_name, corrupt) => {
    it.each(Object.keys(streamers) as Array<keyof typeof streamers>)('caller %s', async (caller) => {
      slowQueue.push(corrupt.lines);
      await expect(streamers[caller]('up-anth-live/claude')).rejects.toThrow(/out of order/);
    });
  });

  it('an Anthropic caller on passthrough gets the bytes as sent; its SDK refuses the order itself', async () => {
    const [second] = corruptAnthropicStreams();
    slowQueue.push(second!.lines);
    const client = new Anthropic({ baseURL: t.url, apiKey: 'sk-test', maxRetries: 0 });
    const stream = client.messages.stream({
      model: 'up-anth-live/claude',
      max_tokens: 64,
      messages: [{ role: 'user', content: PROMPT }],
    });
    await expect(stream.finalMessage()).rejects.toThrow(/message_start/);
  });
});
