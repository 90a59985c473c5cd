import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core.js';
import { startEndpointCore, type EndpointUpstream } from '../../helpers/endpoint-upstream.js';

// /v1/rerank (Cohere v2, Jina, Voyage), /v1/moderations and the legacy /v1/completions end to end,
// each through a combo whose first step fails.

let t: TestCore | undefined;
let up: EndpointUpstream | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  t = undefined;
  up = undefined;
});

async function setup() {
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
  - id: jina
    baseUrl: ${url}/jina/v1
    accounts:
      - apiKey: jina-secret-0003
  - id: voyage
    baseUrl: ${url}/voyage/v1
    accounts:
      - apiKey: pa-secret-0004
  - id: together
    baseUrl: ${url}/together/v1
    accounts:
      - apiKey: tg-secret-0005
combos:
  - name: rr
    models: [jina/jina-reranker-v2-base-multilingual, cohere/rerank-v3.5, voyage/rerank-2.5]
  - name: mod
    models: [openai/omni-moderation-latest, openai/omni-moderation-2024-09-26]
  - name: legacy
    models: [openai/gpt-3.5-turbo-instruct, together/meta-llama/Llama-3.3-70B-Instruct-Turbo]
`,
  ));
}

const client = () => new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'unused', maxRetries: 0 });
const DOCS = ['the cat sat', 'rust borrow checker rules', 'borrow a book'];
const rerank = (body: Record<string, unknown>) =>
  fetch(`${t!.url}/v1/rerank`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
async function logRows(): Promise<any[]> {
  return ((await (await t!.api('/api/logs?limit=50')).json()) as { items: any[] }).items;
}

describe('/v1/rerank', () => {
  it('Jina passes through; Cohere v2 is translated (documents added back); Voyage top_k and data', async () => {
    await setup();
    const jina = await rerank({
      model: 'jina/jina-reranker-v2-base-multilingual',
      query: 'borrow checker',
      documents: DOCS,
      top_n: 2,
    });
    expect(jina.status).toBe(200);
    const j = (await jina.json()) as any;
    expect(j.results.map((r: any) => r.index)).toEqual([1, 2]);
    expect(j.results[0].document).toEqual({ text: DOCS[1] });
    expect(up!.requests.at(-1)!.path).toBe('/jina/v1/rerank');
    expect(up!.requests.at(-1)!.json.model).toBe('jina-reranker-v2-base-multilingual');

    const co = (await (
      await rerank({
        model: 'cohere/rerank-v3.5',
        query: 'borrow checker',
        documents: DOCS,
        top_n: 2,
        return_documents: true,
      })
    ).json()) as any;
    expect(co.results).toEqual([
      { index: 1, relevance_score: 0.5, document: { text: DOCS[1] } },
      { index: 2, relevance_score: 0.333, document: { text: DOCS[2] } },
    ]);
    expect(up!.requests.at(-1)!.path).toBe('/v2/rerank');
    expect(up!.requests.at(-1)!.json).toEqual({
      model: 'rerank-v3.5',
      query: 'borrow checker',
      documents: DOCS,
      top_n: 2,
    });

    const vo = (await (
      await rerank({
        model: 'voyage/rerank-2.5',
        query: 'cat',
        documents: [{ text: 'a cat' }, { text: 'a dog' }],
        top_n: 1,
      })
    ).json()) as any;
    expect(vo).toEqual({
      model: 'voyage/rerank-2.5',
      results: [{ index: 0, relevance_score: 0.5 }],
      usage: { total_tokens: 42 },
    });
    expect(up!.requests.at(-1)!.json).toEqual({
      model: 'rerank-2.5',
      query: 'cat',
      documents: ['a cat', 'a dog'],
      top_k: 1,
    });
  });

  it('a combo falls back from a 429 and a 500; Cohere search units are logged and priced', async () => {
    await setup();
    up!.fail(
      { status: 429, body: { detail: 'rate limited' } },
      { status: 500, body: { message: 'internal' } },
    );
    const r = await rerank({ model: 'rr', query: 'cat', documents: DOCS });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-omniroute-provider')).toBe('voyage');
    expect(r.headers.get('x-omniroute-attempts')).toBe('3');
    const r2 = await rerank({ model: 'cohere/rerank-v3.5', query: 'cat', documents: DOCS });
    expect(r2.status).toBe(200);
    const rows = await logRows();
    const cohere = rows.find((x) => x.providerId === 'cohere');
    expect(cohere).toMatchObject({ kind: 'rerank', units: 1, unit: 'searches' });
    expect(cohere.costUsd).toBeCloseTo(0.002, 9);
    const usage = (await (await t!.api('/api/usage?groupBy=kind')).json()) as any;
    expect(usage.buckets.find((b: any) => b.group === 'rerank')).toMatchObject({
      requests: 2,
      units: { searches: 1 },
    });
  });

  it('bad rerank input is a 400', async () => {
    await setup();
    for (const body of [
      { model: 'rr', documents: DOCS },
      { model: 'rr', query: 'q', documents: [] },
      { model: 'rr', query: 'q', documents: [3] },
      { model: 'rr', query: 'q', documents: DOCS, top_n: 0 },
    ]) {
      const r = await rerank(body);
      expect(r.status).toBe(400);
      expect(((await r.json()) as any).error.type).toBe('invalid_request_error');
    }
    expect(up!.requests).toHaveLength(0);
  });
});

describe('/v1/moderations', () => {
  it('the openai SDK: passed through, with fallback and the default model when none is named', async () => {
    await setup();
    const res = await client().moderations.create({ input: ['I will kill this process', 'hello'] });
    expect(res.results.map((r) => r.flagged)).toEqual([true, false]);
    expect(up!.requests.at(-1)!.json).toEqual({
      input: ['I will kill this process', 'hello'],
      model: 'omni-moderation-latest',
    });
    up!.fail({ status: 500, body: { error: { message: 'boom', type: 'server_error' } } });
    const fb = await client().moderations.create({ model: 'mod', input: 'hi' }).withResponse();
    expect(fb.data.results[0]!.flagged).toBe(false);
    expect(fb.response.headers.get('x-omniroute-attempts')).toBe('2');
    expect(up!.requests.at(-1)!.json.model).toBe('omni-moderation-2024-09-26');
    expect((await logRows())[0]).toMatchObject({ kind: 'moderation', combo: 'mod', attempts: 2 });
  });
});

describe('/v1/completions', () => {
  it('the openai SDK, not streamed and streamed, through a combo whose first step answers 429', async () => {
    await setup();
    up!.fail({ status: 429, body: { error: { message: 'slow', type: 'rate_limit_error' } } });
    const res = await client().completions.create({ model: 'legacy', prompt: 'say hi', max_tokens: 5 });
    expect(res.choices[0]!.text).toBe(' echo: say hi');
    expect(res.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 6 });
    expect(up!.requests.map((r) => r.path)).toEqual(['/v1/completions', '/together/v1/completions']);

    const stream = await client().completions.create({
      model: 'together/meta-llama/Llama-3.3-70B-Instruct-Turbo',
      prompt: 'stream me',
      stream: true,
    });
    let text = '';
    const chunks: any[] = [];
    for await (const c of stream) {
      chunks.push(c);
      text += c.choices[0]?.text ?? '';
    }
    expect(text).toBe(' echo: stream me');
    // The usage the gateway asked for is read, not shown to a caller that did not ask for it.
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
    expect(up!.requests.at(-1)!.json.stream_options).toEqual({ include_usage: true });
    const rows = await logRows();
    expect(rows[0]).toMatchObject({ kind: 'chat', stream: true, inputTokens: 4, outputTokens: 6 });
    expect(rows[1]).toMatchObject({
      kind: 'chat',
      stream: false,
      attempts: 2,
      inputTokens: 4,
      outputTokens: 6,
    });
  });
});
