import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

// /v1/providers/{provider}/… pins a request to one provider: its own model ids (even those that
// hold a slash), its own prefix stripped, any other provider's prefix a 400 in the caller's format.

let t: TestCore | undefined;
let up: ReplayUpstream | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  t = up = undefined;
});

async function setup() {
  up = await startReplayUpstream();
  up.setDefault((req) =>
    req.path.endsWith('/messages')
      ? { kind: 'fixture', file: 'anthropic/anthropic-text.json' }
      : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
  );
  t = await startTestCore();
  // Built-in groq (its list holds `openai/gpt-oss-120b`) and openai, both on the fake upstream.
  await t.addProvider('groq', { baseUrl: up.baseUrl('openai-chat') }, { name: 'k', apiKey: 'key-groq' });
  await t.addProvider('openai', { baseUrl: up.baseUrl('openai-chat') }, { name: 'k', apiKey: 'key-openai' });
  return new OpenAI({ baseURL: `${t.url}/v1/providers/groq`, apiKey: 'unused', maxRetries: 0 });
}

const ask = (client: OpenAI, model: string) =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();

describe('/v1/providers/{provider}/…', () => {
  it('serves the model on that provider only, with its account', async () => {
    const client = await setup();
    const { data, response } = await ask(client, 'llama-3.3-70b-versatile');
    expect(data.choices[0]!.message.content).toBeTruthy();
    expect(response.headers.get('x-omniroute-route')).toBe('groq/llama-3.3-70b-versatile');
    expect(up!.requests.at(-1)!.path).toBe('/v1/chat/completions');
    expect(up!.requests.at(-1)!.headers.authorization).toBe('Bearer key-groq');
  });

  it("a model id of the provider's own that holds a slash is that provider's, not a prefix", async () => {
    const client = await setup();
    const { response } = await ask(client, 'openai/gpt-oss-120b');
    expect(response.headers.get('x-omniroute-route')).toBe('groq/openai/gpt-oss-120b');
    expect(up!.requests.at(-1)!.json.model).toBe('openai/gpt-oss-120b');
    expect(up!.requests.at(-1)!.headers.authorization).toBe('Bearer key-groq');
  });

  it("the provider's own prefix is stripped; a model it does not list is still sent to it", async () => {
    const client = await setup();
    await ask(client, 'groq/llama-3.3-70b-versatile');
    expect(up!.requests.at(-1)!.json.model).toBe('llama-3.3-70b-versatile');
    const { response } = await ask(client, 'some-new-model');
    expect(response.headers.get('x-omniroute-route')).toBe('groq/some-new-model');
  });

  it("another provider's prefix is a 400 in the caller's wire format, with no upstream call", async () => {
    const client = await setup();
    const err = await ask(client, 'openai/gpt-5').catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.message).toContain('pinned to "groq"');
    expect(err.param).toBe('model');

    const anthropic = new Anthropic({
      baseURL: `${t!.url}/v1/providers/groq`,
      apiKey: 'unused',
      maxRetries: 0,
    });
    const aerr = await anthropic.messages
      .create({ model: 'openai/gpt-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e) => e);
    expect(aerr).toBeInstanceOf(Anthropic.BadRequestError);
    expect(aerr.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(up!.requests).toHaveLength(0);
  });

  it('an unknown provider is a 404; a route it does not have is the gateway 404', async () => {
    await setup();
    const res = await fetch(`${t!.url}/v1/providers/nope/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.message).toContain('No provider "nope"');
    const other = await fetch(`${t!.url}/v1/providers/groq/nothing-here`, { method: 'POST', body: '{}' });
    expect(other.status).toBe(404);
  });

  it('the Anthropic and Gemini routes pin too (translated to the provider format)', async () => {
    await setup();
    const anthropic = new Anthropic({
      baseURL: `${t!.url}/v1/providers/openai`,
      apiKey: 'unused',
      maxRetries: 0,
    });
    const msg = await anthropic.messages
      .create({ model: 'gpt-4.1', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(msg.response.headers.get('x-omniroute-route')).toBe('openai/gpt-4.1');
    expect(up!.requests.at(-1)!.headers.authorization).toBe('Bearer key-openai');

    // The Gemini SDK adds /v1beta/models/… to the same base URL; the /v1beta/providers form works too.
    const genai = new GoogleGenAI({
      apiKey: 'unused',
      httpOptions: { baseUrl: `${t!.url}/v1/providers/groq` },
    });
    const g = await genai.models.generateContent({ model: 'llama-3.3-70b-versatile', contents: 'hi' });
    expect(g.text).toBeTruthy();
    expect(up!.requests.at(-1)!.json.model).toBe('llama-3.3-70b-versatile');
    expect(up!.requests.at(-1)!.headers.authorization).toBe('Bearer key-groq');

    const gem = await fetch(`${t!.url}/v1beta/providers/groq/models/qwen%2Fqwen3-32b:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(gem.status).toBe(200);
    expect(gem.headers.get('x-omniroute-route')).toBe('groq/qwen/qwen3-32b');
  });

  it("a gateway key's model list is checked against provider/model, not the bare name", async () => {
    await setup();
    await t!.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ requireApiKey: true }) });
    const mk = async (models: string[]) =>
      (
        (await (
          await t!.api('/api/keys', {
            method: 'POST',
            body: JSON.stringify({ name: models.join(','), models }),
          })
        ).json()) as { key: string }
      ).key;
    const groqOnly = new OpenAI({
      baseURL: `${t!.url}/v1/providers/groq`,
      apiKey: await mk(['groq/*']),
      maxRetries: 0,
    });
    expect((await ask(groqOnly, 'llama-3.3-70b-versatile')).response.status).toBe(200);
    const openaiOnly = new OpenAI({
      baseURL: `${t!.url}/v1/providers/groq`,
      apiKey: await mk(['openai/*']),
      maxRetries: 0,
    });
    const err = await ask(openaiOnly, 'openai/gpt-oss-120b').catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});
