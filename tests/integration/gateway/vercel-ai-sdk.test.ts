import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, streamText, tool, type LanguageModel } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../../core/formats/canonical.js';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { expectedFromFixture } from '../../helpers/expected.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// The Vercel AI SDK as a caller: its OpenAI provider (chat and responses) and its Anthropic
// provider, for text and tools, streamed and not, against upstreams of another format.

let t: TestCore;
let up: ReplayUpstream;

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
  for (const [id, format] of [
    ['up-anth', 'anthropic'],
    ['up-chat', 'openai-chat'],
    ['up-gem', 'gemini'],
  ] as Array<[string, WireFormat]>) {
    await t.api(`/api/providers/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ format, baseUrl: up.baseUrl(format) }),
    });
    await t.api('/api/connections', {
      method: 'POST',
      body: JSON.stringify({ providerId: id, name: 'k', apiKey: 'k-' + id }),
    });
  }
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

const weather = tool({
  description: 'Get the weather in a location',
  inputSchema: jsonSchema<{ location: string }>({
    type: 'object',
    properties: { location: { type: 'string' } },
    required: ['location'],
  }),
});

const models: Record<string, (id: string) => LanguageModel> = {
  'openai provider (chat)': (id) => createOpenAI({ baseURL: `${t.url}/v1`, apiKey: 'x' }).chat(id),
  'openai provider (responses)': (id) => createOpenAI({ baseURL: `${t.url}/v1`, apiKey: 'x' }).responses(id),
  'anthropic provider': (id) => createAnthropic({ baseURL: `${t.url}/v1`, apiKey: 'x' })(id),
};

const cases: Array<{ upstream: string; text: string; tools: string }> = [
  { upstream: 'up-anth', text: 'anthropic/anthropic-text', tools: 'anthropic/anthropic-tool-use' },
  { upstream: 'up-chat', text: 'openai-chat/openai-text', tools: 'openai-chat/deepseek-tool-call' },
  { upstream: 'up-gem', text: 'gemini/google-text', tools: 'gemini/google-tool-call' },
];

describe.each(Object.keys(models))('Vercel AI SDK, %s', (name) => {
  describe.each(cases)('upstream $upstream', (c) => {
    it('generateText: text', async () => {
      up.queue({ kind: 'fixture', file: `${c.text}.json` });
      const r = await generateText({
        model: models[name]!(`${c.upstream}/m`),
        prompt: 'hello',
        maxRetries: 0,
      });
      expect(r.text.trim()).toBe(expectedFromFixture(`${c.text}.json`).text.trim());
    });
    it('streamText: text', async () => {
      up.queue({ kind: 'fixture', file: `${c.text}.chunks.txt` });
      const r = streamText({ model: models[name]!(`${c.upstream}/m`), prompt: 'hello', maxRetries: 0 });
      let text = '';
      for await (const d of r.textStream) text += d;
      expect(text.trim()).toBe(expectedFromFixture(`${c.text}.chunks.txt`).text.trim());
    });
    it('generateText: tool calls', async () => {
      up.queue({ kind: 'fixture', file: `${c.tools}.json` });
      const r = await generateText({
        model: models[name]!(`${c.upstream}/m`),
        prompt: 'weather?',
        tools: { weather },
        maxRetries: 0,
      });
      const expected = expectedFromFixture(`${c.tools}.json`).tools;
      expect(r.toolCalls.map((x) => ({ name: x.toolName, args: x.input }))).toEqual(expected);
    });
    it('streamText: tool calls', async () => {
      up.queue({ kind: 'fixture', file: `${c.tools}.chunks.txt` });
      const r = streamText({
        model: models[name]!(`${c.upstream}/m`),
        prompt: 'weather?',
        tools: { weather },
        maxRetries: 0,
      });
      const calls = await r.toolCalls;
      const expected = expectedFromFixture(`${c.tools}.chunks.txt`).tools;
      expect(calls.map((x) => ({ name: x.toolName, args: x.input }))).toEqual(expected);
    });
  });
});
