import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../../core/formats/canonical.js';
import { codecFor } from '../../../../core/formats/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

const codec = codecFor('ollama');

describe('ollama request decoding (the documented requests)', () => {
  it('streams by default and reads options, stop and seed', () => {
    const req = codec.decodeRequest(loadJson('ollama/chat-reproducible.request.json'));
    expect(req).toMatchObject({ model: 'llama3.2', stream: true, seed: 101, temperature: 0 });
    expect(req.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hello!' }] }]);
  });

  it('reads a JSON schema `format` as structured output', () => {
    const req = codec.decodeRequest(loadJson('ollama/chat-structured.request.json'));
    expect(req.stream).toBe(false);
    expect(req.responseFormat).toEqual({
      type: 'json_schema',
      schema: loadJson('ollama/chat-structured.request.json').format,
    });
    expect(
      codec.decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], format: 'json' })
        .responseFormat,
    ).toEqual({
      type: 'json_object',
    });
  });

  it('mints stable ids for history tool calls and matches results by tool name', () => {
    const body = loadJson('ollama/chat-history-tools.request.json');
    const a = codec.decodeRequest(body);
    const b = codec.decodeRequest(body);
    expect(a).toEqual(b);
    const call = a.messages[1]!.content[0] as any;
    expect(call).toMatchObject({ type: 'tool-call', name: 'get_weather', arguments: '{"city":"Toronto"}' });
    expect(a.messages[2]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: call.id,
          name: 'get_weather',
          content: [{ type: 'text', text: '11 degrees celsius' }],
        },
      ],
    });
    expect(a.tools).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Get the weather in a given city',
        parameters: body.tools[0].function.parameters,
      },
    ]);
  });

  it('reads base64 images with their media type from the data', () => {
    const req = codec.decodeRequest(loadJson('ollama/chat-images.request.json'));
    const image = req.messages[0]!.content[1] as any;
    expect(image).toMatchObject({ type: 'image', source: { kind: 'base64', mediaType: 'image/png' } });
  });

  it('maps think and num_predict, and lists what it cannot carry', () => {
    const req = codec.decodeRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      think: 'high',
      keep_alive: '5m',
      options: { num_predict: 128, num_ctx: 8192, top_k: 40 },
    });
    expect(req).toMatchObject({ maxTokens: 128, topK: 40, reasoning: { enabled: true, effort: 'high' } });
    expect(req.dropped).toEqual(['options.num_ctx', 'keep_alive']);
    expect(
      codec.decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], think: false }).reasoning,
    ).toEqual({
      enabled: false,
    });
  });

  it('answers a bad field with a 400 naming it', () => {
    const err = (() => {
      try {
        codec.decodeRequest({ model: 'm', messages: [{ role: 'robot', content: 'x' }] });
      } catch (e) {
        return e;
      }
    })() as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.status).toBe(400);
    expect(err.param).toBe('messages[0].role');
  });
});

describe('ollama request encoding', () => {
  it('round-trips the documented tool conversation, ids dropped, arguments as objects', () => {
    const body = loadJson('ollama/chat-history-tools.request.json');
    const out = codec.encodeRequest(codec.decodeRequest(body), { model: 'llama3.2', stream: false });
    expect(out).toEqual(body);
  });

  it('maps canonical fields onto options, format and think', () => {
    const out = codec.encodeRequest(
      {
        model: 'x',
        stream: true,
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          { role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] },
        ],
        maxTokens: 50,
        stop: ['END'],
        temperature: 0.1,
        responseFormat: { type: 'json_object' },
        reasoning: { budgetTokens: 2000 },
        toolChoice: 'required',
      },
      { model: 'llama3.2', stream: true },
    );
    expect(out).toEqual({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: '' },
      ],
      format: 'json',
      options: { temperature: 0.1, num_predict: 50, stop: ['END'] },
      think: 'low',
      stream: true,
    });
  });

  it('gives the caller’s body policies: system prompt, thinking off and on', () => {
    const body: Record<string, unknown> = {
      messages: [
        { role: 'system', content: 'a' },
        { role: 'user', content: 'b' },
      ],
      think: true,
    };
    codec.bodyPolicies.addSystemPrompt(body, 'S', 'append');
    expect((body.messages as any[]).map((m) => m.content)).toEqual(['a', 'S', 'b']);
    codec.bodyPolicies.stripReasoning(body);
    expect(body.think).toBeUndefined();
    codec.bodyPolicies.setThinking(body, { budget: 0, budgetTokens: 0, effort: 'none' });
    expect(body.think).toBe(false);
    codec.bodyPolicies.setThinking(body, { budget: 9000, budgetTokens: 9000, effort: 'medium' });
    expect(body.think).toBe('medium');
  });
});
