import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../../core/formats/canonical.js';
import { startTestCore, type TestCore } from '../../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../../helpers/replay-upstream.js';

// Inputs that broke answers: a model name outside Latin-1 (a route header write threw: an empty
// answer, and the provider's circuit was blamed), a lone surrogate (encodeURIComponent threw: a
// 500), a tool schema nested thousands of levels deep (a stack overflow: a 500). Each is the
// caller's 400 in its own format now, and a printable name in any script is served.

let t: TestCore;
let up: ReplayUpstream;

beforeAll(async () => {
  up = await startReplayUpstream();
  up.setDefault((r) =>
    r.path.includes('/v1beta/')
      ? { kind: 'fixture', file: 'gemini/google-text.json' }
      : r.path.includes('/messages')
        ? r.path.includes('count_tokens')
          ? { kind: 'error', status: 200, body: { input_tokens: 3 } }
          : { kind: 'fixture', file: 'anthropic/anthropic-text.json' }
        : { kind: 'fixture', file: 'openai-chat/openai-text.json' },
  );
  t = await startTestCore();
  for (const [id, format] of [
    ['up-chat', 'openai-chat'],
    ['up-anth', 'anthropic'],
    ['up-gem', 'gemini'],
  ] as const)
    await t.addProvider(id, { format, baseUrl: up.baseUrl(format) }, { name: 'k', apiKey: `key-${id}` });
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});
beforeEach(() => {
  up.requests.length = 0;
});

const post = (p: string, body: string) =>
  fetch(`${t.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

const MESSAGES = '"messages":[{"role":"user","content":"hi"}]';

/** A request in `format` naming `model`, as JSON text (so escapes such as \ud800 stay as sent). */
function request(format: WireFormat, modelJson: string, extra = ''): [string, string] {
  switch (format) {
    case 'openai-chat':
      return ['/v1/chat/completions', `{"model":${modelJson},${MESSAGES}${extra}}`];
    case 'openai-responses':
      return ['/v1/responses', `{"model":${modelJson},"input":"hi"${extra}}`];
    case 'anthropic':
      return ['/v1/messages', `{"model":${modelJson},"max_tokens":10,${MESSAGES}${extra}}`];
    case 'gemini':
      return [
        `/v1beta/models/${encodeURIComponent(JSON.parse(modelJson) as string)}:generateContent`,
        `{"contents":[{"role":"user","parts":[{"text":"hi"}]}]${extra}}`,
      ];
    case 'ollama':
      return ['/ollama/api/chat', `{"model":${modelJson},${MESSAGES},"stream":false${extra}}`];
  }
}

/** The error message, read the way the format's own SDK reads it. */
async function errorOf(format: WireFormat, res: Response): Promise<{ message: string; kind?: string }> {
  const j = (await res.json()) as any;
  if (format === 'anthropic') {
    expect(j.type).toBe('error');
    return { message: j.error.message, kind: j.error.type };
  }
  if (format === 'gemini') {
    expect(j.error.code).toBe(res.status);
    return { message: j.error.message, kind: j.error.status };
  }
  // Ollama's error is the message itself, with no kind.
  if (format === 'ollama') return { message: j.error };
  return { message: j.error.message, kind: j.error.type };
}

const FORMATS: WireFormat[] = ['openai-chat', 'openai-responses', 'anthropic', 'gemini', 'ollama'];

describe('model names', () => {
  const cases: Array<[string, string]> = [
    ['a bidi override', '"up-chat/openai-text\\u202e"'],
    ['a zero-width space', '"up-chat/\\u200bgpt"'],
    ['a NUL', '"up-chat/gpt\\u0000"'],
    ['a C1 control', '"up-chat/gpt\\u0085"'],
    ['a line separator', '"up-chat/gpt\\u2028"'],
  ];
  for (const format of FORMATS)
    it.each(cases)(`${format}: %s is the caller's 400, naming the character`, async (_, model) => {
      const [p, body] = request(format, model);
      const res = await post(p, body);
      expect(res.status).toBe(400);
      const e = await errorOf(format, res);
      if (format !== 'ollama') expect(e.kind).toMatch(/invalid_request_error|INVALID_ARGUMENT/);
      expect(e.message).toMatch(
        /^model: the model name contains a control or invisible character \(U\+[0-9A-F]{4}\)/,
      );
      expect(up.requests).toHaveLength(0);
    });

  it.each(FORMATS.filter((f) => f !== 'gemini'))(
    "%s: a lone surrogate is the caller's 400, not a 500",
    async (format) => {
      const [p, body] = request(format, '"up-gem/x\\ud800"');
      const res = await post(p, body);
      expect(res.status).toBe(400);
      expect((await errorOf(format, res)).message).toContain('lone surrogate (U+D800)');
    },
  );

  it("gemini: a %-encoded control character in the path is the caller's 400", async () => {
    const res = await post('/v1beta/models/up-gem%2Fx%E2%80%AE:generateContent', '{"contents":[]}');
    expect(res.status).toBe(400);
    expect((await errorOf('gemini', res)).message).toContain('U+202E');
  });

  it.each(FORMATS)("%s: a name over 256 characters is the caller's 400", async (format) => {
    const [p, body] = request(format, JSON.stringify('up-chat/' + 'a'.repeat(300)));
    const res = await post(p, body);
    expect(res.status).toBe(400);
    expect((await errorOf(format, res)).message).toContain('at most 256');
  });

  it('a printable name in any script is served, its route header %-encoded, and no account is blamed', async () => {
    for (const format of ['openai-chat', 'anthropic'] as const) {
      const [p, body] = request(
        format,
        JSON.stringify(format === 'anthropic' ? 'up-anth/模型' : 'up-chat/модель'),
      );
      const res = await post(p, body);
      expect(res.status, await res.clone().text()).toBe(200);
      const route = res.headers.get('x-omniroute-route')!;
      expect(route).toMatch(/^up-(chat|anth)\/%[0-9A-F]{2}/);
      expect(decodeURIComponent(route)).toMatch(/^up-(chat\/модель|anth\/模型)$/);
    }
    // The upstream got the name itself, not its header form.
    expect(up.requests.map((r) => r.json?.model)).toEqual(['модель', '模型']);
    const health = (await (await t.api('/api/health')).json()) as { breakers: Array<{ failures: number }> };
    expect(health.breakers.every((b) => b.failures === 0)).toBe(true);
  });

  it('count_tokens checks the name too', async () => {
    const res = await post('/v1/messages/count_tokens', `{"model":"up-anth/x\\u202e",${MESSAGES}}`);
    expect(res.status).toBe(400);
    expect((await errorOf('anthropic', res)).message).toContain('U+202E');
  });
});

describe('model names the management API stores', () => {
  // A combo step with a lone surrogate was stored, and then every request to the combo was a 500
  // (the Gemini upstream URL's encodeURIComponent threw).
  it.each([
    ['a combo step', '/api/combos/fz-bad', 'PUT', { models: ['up-gem/x\ud800'] }],
    ['a combo step', '/api/combos/fz-bad', 'PUT', { models: ['up-gem/x\u202e'] }],
    ['an alias target', '/api/aliases', 'PUT', { pattern: 'fz-al', target: 'up-gem/x\u0000' }],
    ['an alias pattern', '/api/aliases', 'PUT', { pattern: 'fz\u200b', target: 'up-gem/x' }],
  ])('%s that is not printable is refused with a 400', async (_, p, method, body) => {
    const res = await t.api(p, { method, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toMatch(
      /a model name that contains (a lone surrogate|a control or invisible character)/,
    );
  });

  it('a printable combo step in any script is stored and served', async () => {
    const put = await t.api('/api/combos/fz-cjk', {
      method: 'PUT',
      body: JSON.stringify({ models: ['up-gem/模型'] }),
    });
    expect(put.status).toBe(200);
    const [p, body] = request('openai-chat', '"fz-cjk"');
    const res = await post(p, body);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(up.requests.at(-1)?.path).toBe('/v1beta/models/%E6%A8%A1%E5%9E%8B:generateContent');
  });
});

describe('nesting', () => {
  /** A tool whose schema is nested `levels` deep (built as text: no recursion on this side). */
  const deepSchema = (levels: number) =>
    '{"type":"object","properties":{"a":'.repeat(levels) + '{"type":"string"}' + '}}'.repeat(levels);

  it.each([
    ['openai-chat → anthropic (translated)', 'openai-chat', '"up-anth/claude-x"'],
    ['anthropic → gemini (translated)', 'anthropic', '"up-gem/gemini-x"'],
    ['openai-chat (passthrough)', 'openai-chat', '"up-chat/gpt-x"'],
  ] as const)('%s: a tool schema 5 000 levels deep is a 400 that says so', async (_, format, model) => {
    const tools =
      format === 'anthropic'
        ? `,"tools":[{"name":"f","input_schema":${deepSchema(5000)}}]`
        : `,"tools":[{"type":"function","function":{"name":"f","parameters":${deepSchema(5000)}}}]`;
    const [p, body] = request(format, model, tools);
    const res = await post(p, body);
    expect(res.status).toBe(400);
    expect((await errorOf(format, res)).message).toBe('The request body is nested deeper than 200 levels.');
    expect(up.requests).toHaveLength(0);
  });

  it('a schema just under the limit is translated; one level over is refused (exact bounds: unit test)', async () => {
    // body, tools, tool, function: 4 levels; then 2 per schema step, and 1 for the innermost.
    const tools = (steps: number) =>
      `,"tools":[{"type":"function","function":{"name":"f","parameters":${deepSchema(steps)}}}]`;
    const [p, under] = request('openai-chat', '"up-anth/claude-x"', tools(97)); // 199 levels
    const ok = await post(p, under);
    expect(ok.status, await ok.clone().text()).toBe(200);
    const [, over] = request('openai-chat', '"up-anth/claude-x"', tools(98)); // 201 levels
    expect((await post(p, over)).status).toBe(400);
  });

  it('count_tokens and Gemini countTokens refuse it too', async () => {
    const a = await post(
      '/v1/messages/count_tokens',
      `{"model":"up-chat/x",${MESSAGES},"tools":[{"name":"f","input_schema":${deepSchema(5000)}}]}`,
    );
    expect(a.status).toBe(400);
    expect((await errorOf('anthropic', a)).message).toContain('nested deeper than 200 levels');
    const g = await post(
      '/v1beta/models/up-gem%2Fx:countTokens',
      `{"contents":[{"parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":${deepSchema(5000)}}]}]}`,
    );
    expect(g.status).toBe(400);
    expect((await errorOf('gemini', g)).message).toContain('nested deeper than 200 levels');
  });
});
