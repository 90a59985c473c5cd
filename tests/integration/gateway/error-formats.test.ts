import { ApiError as GoogleApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../../core/formats/canonical.js';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// Errors come from each format's own encoder (core/formats/*/errors.ts): a Gemini caller gets
// the status name that goes with the code, and a Responses stream that breaks off ends with the
// same events whether its upstream spoke Responses (passthrough) or another format (translated).

let t: TestCore;
let up: ReplayUpstream;

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

let providers = 0;
/**
 * A provider of its own for each call: an error answer rests the account it came from (rate
 * limits, refused keys), and the next call must reach the upstream.
 */
async function provider(format: WireFormat): Promise<string> {
  const id = `up-${++providers}`;
  await t.addProvider(id, { format, baseUrl: up.baseUrl(format) }, { name: 'k', apiKey: `key-${id}-123456` });
  return id;
}

const geminiCall = (model: string) =>
  fetch(`${t.url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
  });

describe('a Gemini caller', () => {
  it.each([
    // OpenAI says invalid_request_error for an unknown model: the code is still a 404.
    [
      'openai-chat',
      404,
      { error: { message: 'The model `x` does not exist', type: 'invalid_request_error', code: null } },
      'NOT_FOUND',
    ],
    [
      'openai-chat',
      429,
      { error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } },
      'RESOURCE_EXHAUSTED',
    ],
    [
      'anthropic',
      429,
      { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
      'RESOURCE_EXHAUSTED',
    ],
    [
      'anthropic',
      401,
      { type: 'error', error: { type: 'authentication_error', message: 'bad key' } },
      'UNAUTHENTICATED',
    ],
    [
      'openai-responses',
      403,
      { error: { message: 'no access', type: 'invalid_request_error', code: null } },
      'PERMISSION_DENIED',
    ],
    ['anthropic', 503, { type: 'error', error: { type: 'api_error', message: 'down' } }, 'UNAVAILABLE'],
  ] as const)(
    'of a %s upstream answering %i gets the status name of the code',
    async (format, status, body, name) => {
      up.queue({ kind: 'error', status, body });
      const res = await geminiCall(`${await provider(format)}/m`);
      expect(res.status).toBe(status);
      expect(((await res.json()) as any).error).toMatchObject({ code: status, status: name });
    },
  );

  it('sees it through the real SDK', async () => {
    up.queue({
      kind: 'error',
      status: 404,
      body: { error: { message: 'The model `x` does not exist', type: 'invalid_request_error', code: null } },
    });
    const ai = new GoogleGenAI({ apiKey: 'sk-test', httpOptions: { baseUrl: t.url } });
    const model = `${await provider('openai-chat')}/m`;
    const err = await ai.models.generateContent({ model, contents: 'hi' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GoogleApiError);
    expect((err as GoogleApiError).status).toBe(404);
    expect((err as GoogleApiError).message).toContain('NOT_FOUND');
  });
});

/** SSE events as a client library splits them. */
function events(text: string): Array<{ event?: string; data: any }> {
  return text
    .split(/\n\n/)
    .filter((b) => b.trim())
    .map((b) => {
      const event = /^event: (.*)$/m.exec(b)?.[1];
      const data = [...b.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n');
      return { event, data: JSON.parse(data) };
    });
}

/**
 * The closing events of a Responses stream, without what differs by nature: ids, times,
 * counters, and the provider the error message names.
 */
function closing(evs: Array<{ event?: string; data: any }>) {
  const out = evs.slice(-2).map(({ event, data }) => {
    const { sequence_number: _s, response, ...rest } = data;
    return {
      event,
      ...rest,
      ...(response ? { response: { status: response.status, error: response.error } } : {}),
    };
  });
  return JSON.parse(JSON.stringify(out).replace(/up-\d+/g, '<provider>'));
}

describe('a Responses stream that breaks off', () => {
  const responsesStream = (model: string) =>
    fetch(`${t.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, input: 'hi', stream: true }),
    });

  it('ends alike passthrough and translated: response.failed, then error', async () => {
    up.queue({ kind: 'cut', file: 'openai-responses/openai-text.chunks.txt', afterEvents: 5 });
    const same = events(await (await responsesStream(`${await provider('openai-responses')}/m`)).text());
    up.queue({ kind: 'cut', file: 'openai-chat/openai-text.chunks.txt', afterEvents: 5 });
    const translated = events(await (await responsesStream(`${await provider('openai-chat')}/m`)).text());

    expect(same.slice(-2).map((e) => e.event)).toEqual(['response.failed', 'error']);
    expect(closing(same)).toEqual(closing(translated));
    expect(closing(same)[1]).toMatchObject({
      type: 'error',
      code: 'server_error',
      error: { type: 'server_error' },
    });
    expect(closing(same)[0].response).toMatchObject({ status: 'failed', error: { code: 'server_error' } });
  });

  it('raises in the openai SDK, passthrough and translated', async () => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    for (const [format, file] of [
      ['openai-responses', 'openai-responses/openai-text.chunks.txt'],
      ['openai-chat', 'openai-chat/openai-text.chunks.txt'],
    ] as const) {
      up.queue({ kind: 'cut', file, afterEvents: 5 });
      const model = `${await provider(format)}/m`;
      const stream = await client.responses.create({ model, input: 'hi', stream: true });
      const seen: string[] = [];
      const err = await (async () => {
        for await (const ev of stream) seen.push(ev.type);
      })().catch((e: unknown) => e);
      expect(err, format).toBeInstanceOf(OpenAI.APIError);
      expect(seen.at(-1), format).toBe('response.failed');
    }
  });
});
