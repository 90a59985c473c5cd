import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../../core/formats/canonical.js';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { manifest } from '../../helpers/fixtures.js';
import {
  formatOfFixture,
  startReplayUpstream,
  type ReplayUpstream,
  type Scenario,
} from '../../helpers/replay-upstream.js';

// Usage is the same for every caller (issue #15): one upstream answer is logged with the same
// tokens and cost whichever wire format asked, passthrough (caller format =
// upstream format) or translated, and with the numbers the upstream reported.

interface Counts {
  input: number;
  output: number;
  /** null: the upstream did not report it. */
  cached: number | null;
  cacheWrite: number | null;
  reasoning: number | null;
}

// What each capture reports, in canonical terms: input includes cache reads and writes (Anthropic
// reports them beside input_tokens), output includes reasoning (Gemini reports thoughts beside
// candidates; xAI's chat usage beside completion_tokens, seen in its total).
const EXPECTED: Record<string, Counts> = {
  // prompt_eval_count, eval_count (Ollama reports nothing else)
  'ollama/chat.json': { input: 26, output: 298, cached: null, cacheWrite: null, reasoning: null },
  'ollama/chat-tools.json': { input: 169, output: 18, cached: null, cacheWrite: null, reasoning: null },
  'ollama/chat-stream.ndjson': { input: 26, output: 282, cached: null, cacheWrite: null, reasoning: null },
  'ollama/chat-tools-stream.ndjson': {
    input: 169,
    output: 15,
    cached: null,
    cacheWrite: null,
    reasoning: null,
  },
  // input 12, cache read 0, cache creation 0; output 29
  'anthropic/anthropic-text.json': { input: 12, output: 29, cached: 0, cacheWrite: 0, reasoning: null },
  'anthropic/anthropic-thinking.json': { input: 69, output: 33, cached: 0, cacheWrite: 0, reasoning: null },
  // output_tokens_details.thinking_tokens 139
  'anthropic/anthropic-opus-thinking.json': {
    input: 51,
    output: 1699,
    cached: 0,
    cacheWrite: 0,
    reasoning: 139,
  },
  'anthropic/anthropic-tool-use.json': { input: 843, output: 28, cached: 0, cacheWrite: 0, reasoning: null },
  // message_start input 12, message_delta output 30
  'anthropic/anthropic-text.chunks.txt': { input: 12, output: 30, cached: 0, cacheWrite: 0, reasoning: null },
  'anthropic/anthropic-thinking.chunks.txt': {
    input: 69,
    output: 53,
    cached: 0,
    cacheWrite: 0,
    reasoning: null,
  },
  'anthropic/anthropic-tool-use.chunks.txt': {
    input: 843,
    output: 28,
    cached: 0,
    cacheWrite: 0,
    reasoning: null,
  },
  'anthropic/anthropic-text-and-tool-use.chunks.txt': {
    input: 849,
    output: 47,
    cached: 0,
    cacheWrite: 0,
    reasoning: null,
  },
  // prompt 9, candidates 29, thoughts 282
  'gemini/google-reasoning.json': { input: 9, output: 311, cached: null, cacheWrite: null, reasoning: 282 },
  // prompt 9, candidates 28, thoughts 244
  'gemini/google-text.json': { input: 9, output: 272, cached: null, cacheWrite: null, reasoning: 244 },
  // prompt 29, candidates 15, thoughts 893
  'gemini/google-tool-call.json': { input: 29, output: 908, cached: null, cacheWrite: null, reasoning: 893 },
  // last chunk: prompt 9, candidates 29, thoughts 256
  'gemini/google-reasoning.chunks.txt': {
    input: 9,
    output: 285,
    cached: null,
    cacheWrite: null,
    reasoning: 256,
  },
  // last chunk: prompt 9, candidates 23, thoughts 185
  'gemini/google-text.chunks.txt': { input: 9, output: 208, cached: null, cacheWrite: null, reasoning: 185 },
  // prompt 29, candidates 15, thoughts 45
  'gemini/google-tool-call.chunks.txt': {
    input: 29,
    output: 60,
    cached: null,
    cacheWrite: null,
    reasoning: 45,
  },
  // 75 chunks with only {trafficType}, then prompt 31, candidates 684, thoughts 1026
  'gemini/google-vertex-stream-tool-call-args.chunks.txt': {
    input: 31,
    output: 1710,
    cached: null,
    cacheWrite: null,
    reasoning: 1026,
  },
  // completion 345 includes reasoning 315 (total 363 = 18 + 345)
  'openai-chat/deepseek-reasoning.json': {
    input: 18,
    output: 345,
    cached: 0,
    cacheWrite: null,
    reasoning: 315,
  },
  'openai-chat/deepseek-tool-call.json': {
    input: 339,
    output: 92,
    cached: 320,
    cacheWrite: null,
    reasoning: 48,
  },
  'openai-chat/groq-reasoning.json': {
    input: 17,
    output: 649,
    cached: null,
    cacheWrite: null,
    reasoning: 570,
  },
  'openai-chat/openai-text.json': { input: 16, output: 363, cached: 0, cacheWrite: null, reasoning: 0 },
  // xAI: completion 26 beside reasoning 189 (total 506 = 291 + 26 + 189)
  'openai-chat/xai-tool-call.json': {
    input: 291,
    output: 215,
    cached: 244,
    cacheWrite: null,
    reasoning: 189,
  },
  // usage in the finish chunk
  'openai-chat/deepseek-reasoning.chunks.txt': {
    input: 18,
    output: 219,
    cached: 0,
    cacheWrite: null,
    reasoning: 205,
  },
  'openai-chat/deepseek-tool-call.chunks.txt': {
    input: 339,
    output: 83,
    cached: 320,
    cacheWrite: null,
    reasoning: 39,
  },
  'openai-chat/openai-text.chunks.txt': { input: 16, output: 300, cached: 0, cacheWrite: null, reasoning: 0 },
  // xAI: completion 2 beside reasoning 340 (total 354 = 12 + 2 + 340)
  'openai-chat/xai-text.chunks.txt': { input: 12, output: 342, cached: 11, cacheWrite: null, reasoning: 340 },
  // Mistral (magistral): content as typed chunks; usage without details
  'openai-chat/mistral-reasoning.json': {
    input: 10,
    output: 46,
    cached: null,
    cacheWrite: null,
    reasoning: null,
  },
  'openai-chat/mistral-reasoning.chunks.txt': {
    input: 10,
    output: 46,
    cached: null,
    cacheWrite: null,
    reasoning: null,
  },
  // Responses with a commentary and a final_answer message
  'openai-responses/openai-phase.json': {
    input: 7243,
    output: 423,
    cached: 3072,
    cacheWrite: null,
    reasoning: 58,
  },
  'openai-responses/openai-phase.chunks.txt': {
    input: 7112,
    output: 463,
    cached: 3072,
    cacheWrite: null,
    reasoning: 64,
  },
  'openai-responses/openai-text.json': { input: 44, output: 4, cached: 0, cacheWrite: null, reasoning: 0 },
  'openai-responses/openai-function-call.json': {
    input: 461,
    output: 26,
    cached: 0,
    cacheWrite: null,
    reasoning: 0,
  },
  'openai-responses/openai-reasoning-encrypted-content.json': {
    input: 865,
    output: 163,
    cached: 0,
    cacheWrite: null,
    reasoning: 128,
  },
  'openai-responses/openai-text.chunks.txt': {
    input: 44,
    output: 4,
    cached: 0,
    cacheWrite: null,
    reasoning: 0,
  },
  'openai-responses/openai-function-call.chunks.txt': {
    input: 467,
    output: 26,
    cached: 0,
    cacheWrite: null,
    reasoning: 0,
  },
  'openai-responses/azure-function-call.chunks.txt': {
    input: 45,
    output: 24,
    cached: 0,
    cacheWrite: null,
    reasoning: 0,
  },
  'openai-responses/xai-reasoning-summary.chunks.txt': {
    input: 216,
    output: 923,
    cached: 192,
    cacheWrite: null,
    reasoning: 323,
  },
};

// USD per million tokens for every test model: four different rates, so a token counted as the
// wrong kind changes the cost.
const PRICE = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };

function expectedCost(c: Counts): number {
  const cached = c.cached ?? 0;
  const written = c.cacheWrite ?? 0;
  const fresh = c.input - cached - written;
  return (
    (fresh * PRICE.input +
      cached * PRICE.cachedInput +
      written * PRICE.cacheWrite +
      c.output * PRICE.output) /
    1_000_000
  );
}

const PROVIDER: Record<WireFormat, string> = {
  'openai-chat': 'up-chat',
  'openai-responses': 'up-resp',
  anthropic: 'up-anth',
  gemini: 'up-gem',
  ollama: 'up-oll',
};

type Caller = (model: string, stream: boolean) => Promise<void>;

let t: TestCore;
let up: ReplayUpstream;

const CALLERS: Record<WireFormat, Caller> = {
  'openai-chat': async (model, stream) => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    const params = { model, messages: [{ role: 'user' as const, content: 'hi' }] };
    if (!stream) await client.chat.completions.create(params);
    else for await (const _ of await client.chat.completions.create({ ...params, stream: true }));
  },
  'openai-responses': async (model, stream) => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    if (!stream) await client.responses.create({ model, input: 'hi' });
    else for await (const _ of await client.responses.create({ model, input: 'hi', stream: true }));
  },
  anthropic: async (model, stream) => {
    const client = new Anthropic({ baseURL: t.url, apiKey: 'sk-test', maxRetries: 0 });
    const params = { model, max_tokens: 1024, messages: [{ role: 'user' as const, content: 'hi' }] };
    if (!stream) await client.messages.create(params);
    else await client.messages.stream(params).finalMessage();
  },
  gemini: async (model, stream) => {
    const ai = new GoogleGenAI({ apiKey: 'sk-test', httpOptions: { baseUrl: t.url } });
    if (!stream) await ai.models.generateContent({ model, contents: 'hi' });
    else for await (const _ of await ai.models.generateContentStream({ model, contents: 'hi' }));
  },
  ollama: async (model, stream) => {
    const client = new Ollama({ host: `${t.url}/ollama` });
    const messages = [{ role: 'user', content: 'hi' }];
    if (!stream) await client.chat({ model, messages, stream: false });
    else for await (const _ of await client.chat({ model, messages, stream: true }));
  },
};

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
  for (const [format, id] of Object.entries(PROVIDER) as Array<[WireFormat, string]>)
    await t.addProvider(id, { format, baseUrl: up.baseUrl(format) }, { name: 'k', apiKey: `key-${id}` });
  const put = await t.api('/api/prices', {
    method: 'PUT',
    body: JSON.stringify({
      model: 'usage-*',
      inputPerMTok: PRICE.input,
      outputPerMTok: PRICE.output,
      cachedInputPerMTok: PRICE.cachedInput,
      cacheWritePerMTok: PRICE.cacheWrite,
    }),
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

interface LogRow {
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  costUsd?: number;
  status: number;
}

/** The one log row of `model` (each call has a model of its own); the writer batches, so it is polled. */
async function logRow(model: string): Promise<LogRow> {
  for (let i = 0; i < 50; i++) {
    const page = (await (await t.api(`/api/logs?model=${encodeURIComponent(model)}`)).json()) as {
      items: LogRow[];
    };
    if (page.items.length) {
      expect(page.items).toHaveLength(1);
      return page.items[0]!;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no log row for ${model}`);
}

const slug = (file: string) =>
  file
    .replace(/\.chunks\.txt$|\.ndjson$/, '-stream')
    .replace(/\.json$/, '-body')
    .replace(/[^a-z0-9]+/gi, '-');
// Ollama's documented examples (not in the MANIFEST of captures) all end with their counts.
const OLLAMA_WITH_USAGE = [
  'ollama/chat.json',
  'ollama/chat-tools.json',
  'ollama/chat-stream.ndjson',
  'ollama/chat-tools-stream.ndjson',
];
const withUsage = [
  ...manifest().filter((f) => f.features.includes('usage')),
  ...OLLAMA_WITH_USAGE.map((file) => ({ file })),
];

describe('usage is the same for every caller', () => {
  it('has the upstream numbers of every fixture that carries usage', () => {
    expect(withUsage.map((f) => f.file).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(withUsage.map((f) => f.file))('%s', (file) => {
    const format = formatOfFixture(file);
    const stream = file.endsWith('.chunks.txt') || file.endsWith('.ndjson');
    it.each(Object.keys(CALLERS) as WireFormat[])('caller %s', async (caller) => {
      const model = `${PROVIDER[format]}/usage-${slug(file)}-${caller}`;
      up.queue({ kind: 'fixture', file });
      await CALLERS[caller](model, stream);
      const row = await logRow(model);
      const want = EXPECTED[file]!;
      const path = caller === format ? 'passthrough' : 'translated';
      expect(
        {
          status: row.status,
          input: row.inputTokens ?? null,
          output: row.outputTokens ?? null,
          cached: row.cachedTokens ?? null,
          cacheWrite: row.cacheWriteTokens ?? null,
          reasoning: row.reasoningTokens ?? null,
        },
        path,
      ).toEqual({ status: 200, ...want });
      expect(row.costUsd, path).toBeCloseTo(expectedCost(want), 12);

      // The usage aggregate counts what the log row holds.
      const usage = (await (await t.api('/api/usage?groupBy=model')).json()) as {
        buckets: Array<{
          group: string;
          requests: number;
          inputTokens: number;
          outputTokens: number;
          costUsd: number;
        }>;
      };
      const bucket = usage.buckets.filter((b) => b.group === model);
      expect(bucket).toHaveLength(1);
      expect(bucket[0]).toMatchObject({ requests: 1, inputTokens: want.input, outputTokens: want.output });
      expect(bucket[0]!.costUsd).toBeCloseTo(row.costUsd!, 12);
    });
  });

  // Usage fields the captures lack, in the shapes the providers document: DeepSeek's
  // prompt_cache_hit_tokens (no prompt_tokens_details), OpenRouter's cache_write_tokens, Gemini's
  // toolUsePromptTokenCount (server-side tool results are input), Anthropic cache writes and
  // reads, and a message_delta that restates only the output.
  const chatBody = (usage: unknown) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
    usage,
  });
  const chatStream = (usage: unknown) =>
    sseOf([
      {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: { role: 'assistant', content: 'hi' }, finish_reason: null }],
      },
      {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
        usage,
      },
    ]) + 'data: [DONE]\n\n';
  const geminiBody = (usageMetadata: unknown) => ({
    candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata,
  });
  const anthropicUsage = {
    input_tokens: 10,
    cache_creation_input_tokens: 2000,
    cache_read_input_tokens: 500,
  };
  const deepseek = {
    prompt_tokens: 339,
    completion_tokens: 92,
    total_tokens: 431,
    prompt_cache_hit_tokens: 320,
    prompt_cache_miss_tokens: 19,
  };
  const openrouter = {
    prompt_tokens: 1000,
    completion_tokens: 10,
    total_tokens: 1010,
    prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 900 },
  };
  const toolUse = {
    promptTokenCount: 100,
    candidatesTokenCount: 5,
    toolUsePromptTokenCount: 40,
    totalTokenCount: 145,
  };
  const SHAPES: Array<{
    name: string;
    format: WireFormat;
    stream: boolean;
    scenario: Scenario;
    want: Counts;
  }> = [
    {
      name: 'deepseek cache hits, body',
      format: 'openai-chat',
      stream: false,
      scenario: { kind: 'json', body: chatBody(deepseek) },
      want: { input: 339, output: 92, cached: 320, cacheWrite: null, reasoning: null },
    },
    {
      name: 'deepseek cache hits, stream',
      format: 'openai-chat',
      stream: true,
      scenario: { kind: 'sse', text: chatStream(deepseek) },
      want: { input: 339, output: 92, cached: 320, cacheWrite: null, reasoning: null },
    },
    {
      name: 'openrouter cache writes, body',
      format: 'openai-chat',
      stream: false,
      scenario: { kind: 'json', body: chatBody(openrouter) },
      want: { input: 1000, output: 10, cached: 0, cacheWrite: 900, reasoning: null },
    },
    {
      name: 'gemini tool-use prompt tokens, body',
      format: 'gemini',
      stream: false,
      scenario: { kind: 'json', body: geminiBody(toolUse) },
      want: { input: 140, output: 5, cached: null, cacheWrite: null, reasoning: null },
    },
    {
      name: 'gemini tool-use prompt tokens, stream',
      format: 'gemini',
      stream: true,
      scenario: { kind: 'sse', text: sseOf([geminiBody(toolUse)]) },
      want: { input: 140, output: 5, cached: null, cacheWrite: null, reasoning: null },
    },
    {
      name: 'anthropic cache writes and reads, body',
      format: 'anthropic',
      stream: false,
      scenario: {
        kind: 'json',
        body: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'm',
          content: [{ type: 'text', text: 'hi' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { ...anthropicUsage, output_tokens: 7 },
        },
      },
      want: { input: 2510, output: 7, cached: 500, cacheWrite: 2000, reasoning: null },
    },
    {
      name: 'anthropic cache writes and reads, stream',
      format: 'anthropic',
      stream: true,
      scenario: {
        kind: 'sse',
        text: sseOf(
          [
            {
              type: 'message_start',
              message: {
                id: 'msg_1',
                type: 'message',
                role: 'assistant',
                model: 'm',
                content: [],
                stop_reason: null,
                stop_sequence: null,
                usage: { ...anthropicUsage, output_tokens: 1 },
              },
            },
            { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
            { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } },
            { type: 'content_block_stop', index: 0 },
            {
              type: 'message_delta',
              delta: { stop_reason: 'end_turn', stop_sequence: null },
              usage: { output_tokens: 7 },
            },
            { type: 'message_stop' },
          ],
          true,
        ),
      },
      want: { input: 2510, output: 7, cached: 500, cacheWrite: 2000, reasoning: null },
    },
  ];

  describe.each(SHAPES.map((s) => [s.name, s] as const))('%s', (name, shape) => {
    it.each(Object.keys(CALLERS) as WireFormat[])('caller %s', async (caller) => {
      const model = `${PROVIDER[shape.format]}/usage-shape-${name.replace(/[^a-z0-9]+/gi, '-')}-${caller}`;
      up.queue(shape.scenario);
      await CALLERS[caller](model, shape.stream);
      const row = await logRow(model);
      expect(
        {
          input: row.inputTokens ?? null,
          output: row.outputTokens ?? null,
          cached: row.cachedTokens ?? null,
          cacheWrite: row.cacheWriteTokens ?? null,
          reasoning: row.reasoningTokens ?? null,
        },
        caller === shape.format ? 'passthrough' : 'translated',
      ).toEqual(shape.want);
      expect(row.costUsd).toBeCloseTo(expectedCost(shape.want), 12);
    });
  });
});

/** SSE text of these events (named after their `type` when `named`, as Anthropic does). */
function sseOf(events: Array<Record<string, unknown>>, named = false): string {
  return events
    .map((e) => (named ? `event: ${String(e.type)}\n` : '') + `data: ${JSON.stringify(e)}\n\n`)
    .join('');
}
