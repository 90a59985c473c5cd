import { describe, expect, it } from 'vitest';
import { codecFor } from '../../../../core/formats/index.js';
import { usageFromJsonBytes } from '../../../../core/formats/usage-tap.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_ROOT, loadJson } from '../../../helpers/fixtures.js';

const codec = codecFor('ollama');
const ctx = { model: 'asked', requestId: 'r1' };

describe('ollama answers', () => {
  it('decodes the documented answer: text, stop, counts, time', () => {
    const res = codec.decodeResponse(loadJson('ollama/chat.json'));
    expect(res).toMatchObject({
      model: 'llama3.2',
      content: [{ type: 'text', text: 'Hello! How are you today?' }],
      finishReason: 'stop',
      usage: { inputTokens: 26, outputTokens: 298 },
      created: Math.floor(Date.parse('2023-12-12T14:13:43.416799Z') / 1000),
    });
  });

  it('decodes tool calls (done_reason stop) as tool_calls with a minted id', () => {
    const res = codec.decodeResponse(loadJson('ollama/chat-tools.json'));
    expect(res.finishReason).toBe('tool_calls');
    expect(res.content).toEqual([
      {
        type: 'tool-call',
        id: expect.stringMatching(/^call_\d+_0$/),
        name: 'get_weather',
        arguments: '{"city":"Tokyo"}',
      },
    ]);
  });

  it('decodes thinking as reasoning', () => {
    const res = codec.decodeResponse(loadJson('ollama/chat-thinking.json'));
    expect(res.content.map((p) => p.type)).toEqual(['reasoning', 'text']);
  });

  it('encodes back to the documented shape, ids dropped', () => {
    const body = loadJson('ollama/chat-tools.json');
    const out = codec.encodeResponse(codec.decodeResponse(body), { ...ctx, model: 'llama3.2' }) as any;
    expect(out.message).toEqual(body.message);
    expect(out).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 169, eval_count: 18 });
    expect(Date.parse(out.created_at)).toBe(Math.floor(Date.parse(body.created_at) / 1000) * 1000);
  });

  it('reads usage off the body bytes as the decoder does (passthrough)', () => {
    for (const f of ['ollama/chat.json', 'ollama/chat-tools.json', 'ollama/chat-structured.json']) {
      const bytes = readFileSync(path.join(FIXTURE_ROOT, f));
      expect(usageFromJsonBytes(codec.usage, bytes), f).toEqual(codec.decodeResponse(loadJson(f)).usage);
    }
  });
});

describe('ollama errors', () => {
  it('decodes {"error": "..."} with the status’ kind', () => {
    expect(codec.decodeError(404, loadJson('ollama/error.json'))).toEqual({
      status: 404,
      kind: 'not_found',
      message: 'the model failed to generate a response',
    });
    expect(codec.decodeError(429, '{"error":"too many"}')).toMatchObject({
      kind: 'rate_limit',
      message: 'too many',
    });
    expect(codec.decodeError(502, '')).toMatchObject({ message: 'Upstream returned HTTP 502.' });
  });

  it('encodes Ollama’s shape, and one error line to end a stream', () => {
    const e = { status: 500, kind: 'upstream' as const, message: 'boom' };
    expect(codec.encodeError(e)).toEqual({ error: 'boom' });
    expect(codec.encodeStreamError(e, ctx)).toBe('{"error":"boom"}\n');
  });
});
