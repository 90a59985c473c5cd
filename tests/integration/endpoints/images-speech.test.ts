import OpenAI, { toFile } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core.js';
import { startEndpointCore, type EndpointUpstream } from '../../helpers/endpoint-upstream.js';

// /v1/images/generations (OpenAI passthrough, Gemini Imagen translated) and /v1/audio/speech
// (audio bytes streamed through; Deepgram's /speak translated), each through a combo that falls back.

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
  - id: gemini
    baseUrl: ${url}/v1beta
    accounts:
      - apiKey: gm-secret-0003
  - id: deepgram
    baseUrl: ${url}/deepgram/v1
    accounts:
      - apiKey: dg-secret-0006
combos:
  - name: img
    models: [openai/dall-e-3, gemini/imagen-4.0-generate-001]
  - name: voice
    models: [openai/tts-1, deepgram/aura-2-thalia-en]
`,
  ));
}

const client = () => new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'unused', maxRetries: 0 });
async function logRows(): Promise<any[]> {
  return ((await (await t!.api('/api/logs?limit=50')).json()) as { items: any[] }).items;
}

describe('/v1/images/generations', () => {
  it('the openai SDK: OpenAI passes through; a 500 falls back to Imagen, translated to b64_json; per-image cost', async () => {
    await setup();
    const direct = await client().images.generate({ model: 'openai/dall-e-3', prompt: 'a fox', n: 2 });
    expect(direct.data!.map((d) => d.url)).toEqual([
      'https://img.example/0.png',
      'https://img.example/1.png',
    ]);
    expect(up!.requests.at(-1)!.json).toEqual({ model: 'dall-e-3', prompt: 'a fox', n: 2 });

    up!.fail({ status: 500, body: { error: { message: 'boom', type: 'server_error' } } });
    const fb = await client().images.generate({
      model: 'img',
      prompt: 'a cat',
      n: 2,
      response_format: 'b64_json',
    });
    expect(fb.data!.map((d) => Buffer.from(d.b64_json!, 'base64').toString())).toEqual([
      'imagen-0-a cat',
      'imagen-1-a cat',
    ]);
    expect(up!.requests.at(-1)!.path).toBe('/v1beta/models/imagen-4.0-generate-001:predict');
    expect(up!.requests.at(-1)!.json).toEqual({
      instances: [{ prompt: 'a cat' }],
      parameters: { sampleCount: 2 },
    });
    const rows = await logRows();
    expect(rows[0]).toMatchObject({ kind: 'image', combo: 'img', attempts: 2, units: 2, unit: 'images' });
    expect(rows[0].costUsd).toBeCloseTo(0.08, 9);
    // Counted from the passed-through answer's keys (a quoted "url": inside a prompt is not one).
    expect(rows[1]).toMatchObject({ kind: 'image', units: 2, unit: 'images' });
    expect(rows[1].costUsd).toBeCloseTo(0.08, 9);
  });
});

describe('/v1/images/edits', () => {
  it('the openai SDK: the image upload reaches OpenAI intact as multipart, the model replaced', async () => {
    await setup();
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(4096, 3),
    ]);
    const res = await client().images.edit({
      model: 'openai/gpt-image-1',
      image: await toFile(png, 'cat.png', { type: 'image/png' }),
      prompt: 'add a hat',
    });
    expect(Buffer.from(res.data![0]!.b64_json!, 'base64').toString()).toBe('edited cat.png: add a hat');
    const sent = up!.requests.at(-1)!;
    expect(sent.path).toBe('/v1/images/edits');
    expect(sent.body.includes(png)).toBe(true);
    expect(sent.body.toString('latin1')).toMatch(/name="model"\r\n\r\ngpt-image-1\r\n/);
    expect((await logRows())[0]).toMatchObject({ kind: 'image', units: 1, unit: 'images' });
  });
});

describe('/v1/audio/speech', () => {
  it('the openai SDK: audio bytes stream through as they come; 429 falls back to Deepgram; per-character cost', async () => {
    await setup();
    const res = await client().audio.speech.create({
      model: 'openai/tts-1',
      voice: 'alloy',
      input: 'hello there',
    });
    expect(res.headers.get('content-type')).toBe('audio/wav');
    // Read piece by piece: the first bytes arrive before the upstream has finished.
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('AUDIO0:hello there;');
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += Buffer.from(r.value).toString();
    expect(Buffer.from(first.value!).toString() + rest).toBe(
      'AUDIO0:hello there;AUDIO1:hello there;AUDIO2:hello there;',
    );

    up!.fail({ status: 429, body: { error: { message: 'slow', type: 'rate_limit_error' } } });
    const fb = await client().audio.speech.create({
      model: 'voice',
      voice: 'alloy',
      input: 'fallback',
      response_format: 'wav',
    });
    expect(fb.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await fb.arrayBuffer()).toString()).toBe(
      'AUDIO0:fallback;AUDIO1:fallback;AUDIO2:fallback;',
    );
    const dg = up!.requests.at(-1)!;
    expect(dg.path).toBe('/deepgram/v1/speak?model=aura-2-thalia-en&encoding=linear16&container=wav');
    expect(dg.json).toEqual({ text: 'fallback' });
    expect(dg.headers.authorization).toBe('Token dg-secret-0006');
    const rows = await logRows();
    expect(rows[0]).toMatchObject({
      kind: 'speech',
      providerId: 'deepgram',
      attempts: 2,
      units: 8,
      unit: 'characters',
    });
    expect(rows[0].costUsd).toBeCloseTo((8 / 1000) * 0.03, 12);
    expect(rows[1]).toMatchObject({ kind: 'speech', providerId: 'openai', units: 11 });
  });

  it('bad speech input is a 400 before any upstream call', async () => {
    await setup();
    const err = await client()
      .audio.speech.create({ model: 'voice', voice: 'alloy', input: '' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(up!.requests).toHaveLength(0);
  });
});
