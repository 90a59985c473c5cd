import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core.js';
import { startEndpointCore, vectorFor, type EndpointUpstream } from '../../helpers/endpoint-upstream.js';

// /v1/embeddings and Gemini's embedContent / batchEmbedContents end to end: the real openai and
// @google/genai SDKs as callers, fake upstreams speaking OpenAI's, Cohere's v2 and Gemini's shapes.

let t: TestCore | undefined;
let up: EndpointUpstream | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  t = undefined;
  up = undefined;
});

async function setup(extra = '') {
  ({ t, up } = await startEndpointCore(
    (url) => `providers:
  - id: openai
    baseUrl: ${url}/v1
    accounts:
      - apiKey: sk-openai-secret-0001
  - id: cohere
    baseUrl: ${url}/compatibility/v1
    accounts:
      - apiKey: co-secret-0002
  - id: gemini
    baseUrl: ${url}/v1beta
    accounts:
      - apiKey: gm-secret-0003
combos:
  - name: emb
    models: [openai/text-embedding-3-small, cohere/embed-v4.0]
  - name: emb-gemini-first
    models: [gemini/gemini-embedding-001, openai/text-embedding-3-small]
  - name: mixed
    models: [openai/text-embedding-3-small, openai/gpt-4.1]
${extra}`,
  ));
  return { t, up };
}

const client = () => new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'unused', maxRetries: 0 });
const round = (v: ArrayLike<number>) => Array.from(v, (x) => Math.round(x * 1000) / 1000);

async function logRows(): Promise<any[]> {
  const r = await t!.api('/api/logs?limit=50');
  return ((await r.json()) as { items: any[] }).items;
}

describe('/v1/embeddings', () => {
  it('OpenAI: the SDK default (base64) passes through byte for byte and decodes to the vectors', async () => {
    await setup();
    const res = await client().embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: ['hello world', 'zebra'],
    });
    expect(res.data.map((d) => round(d.embedding))).toEqual([vectorFor('hello world'), vectorFor('zebra')]);
    expect(res.usage.prompt_tokens).toBe(10);
    const sent = up!.requests.at(-1)!;
    expect(sent.path).toBe('/v1/embeddings');
    expect(sent.json).toMatchObject({ model: 'text-embedding-3-small', encoding_format: 'base64' });
    expect(sent.headers.authorization).toBe('Bearer sk-openai-secret-0001');
  });

  it('Cohere: translated to its v2 embed API (texts, input_type, float), floats and base64 back', async () => {
    await setup();
    const floats = await client().embeddings.create({
      model: 'cohere/embed-v4.0',
      input: ['alpha', 'beta gamma'],
      encoding_format: 'float',
      dimensions: 256,
    });
    expect(floats.data.map((d) => d.embedding)).toEqual([vectorFor('alpha'), vectorFor('beta gamma')]);
    expect(floats.data.map((d) => d.index)).toEqual([0, 1]);
    expect(floats.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
    const sent = up!.requests.at(-1)!;
    expect(sent.path).toBe('/v2/embed');
    expect(sent.json).toEqual({
      model: 'embed-v4.0',
      texts: ['alpha', 'beta gamma'],
      input_type: 'search_document',
      embedding_types: ['float'],
      output_dimension: 256,
    });
    const b64 = await client().embeddings.create({ model: 'cohere/embed-v4.0', input: 'one' });
    expect(round(b64.data[0]!.embedding)).toEqual(vectorFor('one'));
  });

  it('Gemini: translated to batchEmbedContents (dimensions → outputDimensionality)', async () => {
    await setup();
    const res = await client().embeddings.create({
      model: 'gemini/gemini-embedding-001',
      input: ['first', 'second one'],
      dimensions: 768,
    });
    expect(res.data.map((d) => round(d.embedding))).toEqual([vectorFor('first'), vectorFor('second one')]);
    const sent = up!.requests.at(-1)!;
    expect(sent.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(sent.headers['x-goog-api-key']).toBe('gm-secret-0003');
    expect(sent.json.requests[1]).toEqual({
      model: 'models/gemini-embedding-001',
      content: { parts: [{ text: 'second one' }] },
      outputDimensionality: 768,
    });
  });

  it('a combo falls back on 429 and on 500 before the first byte; the log shows kind, tokens and cost', async () => {
    await setup();
    up!.fail({ status: 500, body: { error: { code: 500, message: 'boom', status: 'INTERNAL' } } });
    const raw = await client().embeddings.create({ model: 'emb-gemini-first', input: 'x' }).withResponse();
    expect(raw.response.headers.get('x-omniroute-provider')).toBe('openai');
    expect(raw.response.headers.get('x-omniroute-attempts')).toBe('2');

    // OpenAI's 429 locks its account out: the next request goes straight on to Cohere.
    up!.fail({ status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error' } } });
    const first = await client().embeddings.create({
      model: 'emb',
      input: 'fallback text',
      encoding_format: 'float',
    });
    expect(first.data[0]!.embedding).toEqual(vectorFor('fallback text'));
    expect(up!.requests.map((r) => r.path)).toEqual([
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      '/v1/embeddings',
      '/v1/embeddings',
      '/v2/embed',
    ]);

    const rows = await logRows();
    const cohereRow = rows.find((r) => r.providerId === 'cohere');
    expect(cohereRow).toMatchObject({
      kind: 'embedding',
      combo: 'emb',
      attempts: 2,
      status: 200,
      inputTokens: 3,
    });
    // embed-v4.0 at $0.12 / 1M tokens.
    expect(cohereRow.costUsd).toBeCloseTo((3 * 0.12) / 1e6, 12);
    const usage = (await (await t!.api('/api/usage?groupBy=kind')).json()) as any;
    const emb = usage.buckets.find((b: any) => b.group === 'embedding');
    expect(emb.requests).toBe(2);
    expect(emb.inputTokens).toBe(8);
  });

  it('a block budget stops embeddings like chat, in OpenAI error shape', async () => {
    await setup('budgets:\n  - { scope: global, period: day, limitUsd: 0.0000001 }\n');
    // 10 tokens of text-embedding-3-small: $0.0000002, over the budget.
    await client().embeddings.create({ model: 'openai/text-embedding-3-small', input: ['a', 'b'] });
    const err = await client()
      .embeddings.create({ model: 'openai/text-embedding-3-small', input: 'c' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.RateLimitError>).message).toMatch(/Budget exceeded/);
    expect(up!.requests).toHaveLength(1);
  });

  it('kinds: a chat model is refused on /v1/embeddings, an embedding model on chat, a mixed combo everywhere', async () => {
    await setup();
    const notEmbedding = await client()
      .embeddings.create({ model: 'openai/gpt-4.1', input: 'x' })
      .catch((e: unknown) => e);
    expect(notEmbedding).toBeInstanceOf(OpenAI.BadRequestError);
    expect((notEmbedding as Error).message).toMatch(
      /"openai\/gpt-4.1" is a chat model: it answers the chat endpoints, not \/v1\/embeddings/,
    );
    const notChat = await client()
      .chat.completions.create({
        model: 'text-embedding-3-small',
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((e: unknown) => e);
    expect(notChat).toBeInstanceOf(OpenAI.BadRequestError);
    expect((notChat as Error).message).toMatch(
      /an embedding model: it answers \/v1\/embeddings, not the chat endpoints/,
    );
    const mixed = await client()
      .embeddings.create({ model: 'mixed', input: 'x' })
      .catch((e: unknown) => e);
    expect((mixed as Error).message).toMatch(
      /Combo "mixed" mixes model kinds \(embedding: openai\/text-embedding-3-small; chat: openai\/gpt-4.1\)/,
    );
    expect(up!.requests).toHaveLength(0);
  });

  it('bad input is the caller 400 in OpenAI shape, before any upstream call', async () => {
    await setup();
    for (const body of [
      { model: 'openai/text-embedding-3-small' },
      { model: 'openai/text-embedding-3-small', input: [1, 'a'] },
      { model: 'openai/text-embedding-3-small', input: 'a', encoding_format: 'int8' },
      { model: 'openai/text-embedding-3-small', input: 'a', dimensions: -1 },
      { input: 'a' },
    ]) {
      const r = await fetch(`${t!.url}/v1/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(r.status).toBe(400);
      const j = (await r.json()) as { error: { type: string; message: string } };
      expect(j.error.type).toBe('invalid_request_error');
    }
    expect(up!.requests).toHaveLength(0);
  });

  it('offline mode: a combo keeps only its local step (Ollama embeddings)', async () => {
    await setup(
      `  - name: emb-local\n    models: [openai/text-embedding-3-small, ollama/nomic-embed-text]\nsettings:\n  offlineMode: true\n`,
    );
    await t!.addProvider('ollama', { baseUrl: `${up!.url}/ollama/v1` });
    const res = await client().embeddings.create({
      model: 'emb-local',
      input: 'local only',
      encoding_format: 'float',
    });
    expect(res.data[0]!.embedding).toEqual(vectorFor('local only'));
    expect(up!.requests.map((r) => r.path)).toEqual(['/ollama/v1/embeddings']);
    expect(up!.requests[0]!.json.model).toBe('nomic-embed-text');
  });

  it('works without /v1 (a base URL pasted bare)', async () => {
    await setup();
    const bare = new OpenAI({ baseURL: t!.url, apiKey: 'unused', maxRetries: 0 });
    const res = await bare.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'bare' });
    expect(round(res.data[0]!.embedding)).toEqual(vectorFor('bare'));
  });
});

describe("Gemini callers' embedContent and batchEmbedContents", () => {
  const genai = () =>
    new GoogleGenAI({ apiKey: 'unused', httpOptions: { baseUrl: t!.url, apiVersion: 'v1beta' } });

  it('the @google/genai SDK: Gemini bytes pass through to a Gemini upstream', async () => {
    await setup();
    const res = await genai().models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['what is rust', 'borrow checker'],
      config: { outputDimensionality: 3 },
    });
    expect(res.embeddings!.map((e) => e.values)).toEqual([
      vectorFor('what is rust'),
      vectorFor('borrow checker'),
    ]);
    const sent = up!.requests.at(-1)!;
    expect(sent.path).toMatch(/^\/v1beta\/models\/gemini-embedding-001:batchEmbedContents/);
  });

  it('translated to Cohere and OpenAI (embedContent answers one embedding; taskType → input_type)', async () => {
    await setup();
    const one = await fetch(`${t!.url}/v1beta/models/cohere%2Fembed-v4.0:embedContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        content: { parts: [{ text: 'query ' }, { text: 'text' }] },
        taskType: 'RETRIEVAL_QUERY',
      }),
    });
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual({ embedding: { values: vectorFor('query text') } });
    expect(up!.requests.at(-1)!.json).toMatchObject({ texts: ['query text'], input_type: 'search_query' });

    const res = await genai().models.embedContent({
      model: 'emb',
      contents: ['via openai'],
    });
    expect(res.embeddings!.map((e) => e.values)).toEqual([vectorFor('via openai')]);
    expect(up!.requests.at(-1)!.json).toEqual({
      model: 'text-embedding-3-small',
      input: ['via openai'],
      encoding_format: 'float',
    });
  });

  it('a bad Gemini body is a 400 in Gemini error shape', async () => {
    await setup();
    const r = await fetch(`${t!.url}/v1beta/models/gemini-embedding-001:batchEmbedContents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [{ content: { parts: [{ inlineData: { data: 'AA==' } }] } }] }),
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
  });
});

describe('model kinds in the lists', () => {
  it('/v1/models gives each model its kind, Gemini lists embed methods, /api/models/catalog groups them', async () => {
    await setup();
    const list = await client().models.list();
    const byId = new Map(list.data.map((m) => [m.id, (m as unknown as { kind: string }).kind]));
    expect(byId.get('openai/text-embedding-3-small')).toBe('embedding');
    expect(byId.get('openai/gpt-4.1')).toBe('chat');
    expect(byId.get('cohere/rerank-v3.5')).toBe('rerank');
    expect(byId.get('openai/omni-moderation-latest')).toBe('moderation');
    expect(byId.get('emb')).toBe('embedding');
    const gemini = (await (await fetch(`${t!.url}/v1beta/models`)).json()) as {
      models: Array<{ name: string; supportedGenerationMethods: string[] }>;
    };
    expect(
      gemini.models.find((m) => m.name === 'models/gemini/gemini-embedding-001')!.supportedGenerationMethods,
    ).toEqual(['embedContent', 'batchEmbedContents']);
    const catalog = (await (await t!.api('/api/models/catalog')).json()) as {
      kinds: Record<string, Array<{ id: string }>>;
    };
    expect(catalog.kinds.embedding!.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        'emb',
        'openai/text-embedding-3-small',
        'cohere/embed-v4.0',
        'gemini/gemini-embedding-001',
      ]),
    );
    expect(catalog.kinds.chat!.map((m) => m.id)).toContain('openai/gpt-4.1');
    expect(catalog.kinds.chat!.map((m) => m.id)).not.toContain('openai/text-embedding-3-small');
  });
});
