import { describe, expect, it } from 'vitest';
import { geminiCodec } from '../../../../core/formats/gemini/index.js';
import { applyPartialArg, parseJsonPath } from '../../../../core/formats/gemini/stream-decoder.js';
import { fixtureSseMessages, loadChunkLines } from '../../../helpers/fixtures.js';
import { collect, decodeAll } from '../openai-responses/stream-helpers.js';

const decode = (name: string) =>
  decodeAll(geminiCodec.createStreamDecoder(), fixtureSseMessages(`gemini/${name}`, 'gemini'));
const lastLine = (name: string) => JSON.parse(loadChunkLines(`gemini/${name}`).at(-1)!);
const firstLine = (name: string) => JSON.parse(loadChunkLines(`gemini/${name}`)[0]!);

describe('Gemini stream decoder on real captures', () => {
  it('google-text: text deltas, trailing signature as an empty reasoning block, running usage replaced', () => {
    const events = decode('google-text.chunks.txt');
    expect(events[0]).toMatchObject({
      type: 'start',
      id: 'bH6LaZW8Fp_3nsEPqtaSwQ4',
      model: 'gemini-3-pro-preview',
    });
    expect(events.map((e) => e.type)).toEqual([
      'start',
      'text-start',
      'text-delta',
      'usage',
      'text-delta',
      'usage',
      'text-end',
      'reasoning-start',
      'reasoning-end',
      'finish',
    ]);
    const c = collect(events);
    expect(c.text).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    const signature = lastLine('google-text.chunks.txt').candidates[0].content.parts[0].thoughtSignature;
    expect(c.reasoningEnds).toEqual([
      { type: 'reasoning-end', id: 'reasoning-1', thoughtSignature: signature, origin: 'gemini' },
    ]);
    expect(signature.startsWith('EqsFCqgFAb4+9vvtAF5n87lB4OGDOoTRMOqp35jW65Xs')).toBe(true);
    // candidates 23 + thoughts 185; prompt 9.
    expect(c.usage).toEqual({ inputTokens: 9, outputTokens: 208, reasoningTokens: 185 });
    expect(c.finish).toEqual({
      type: 'finish',
      reason: 'stop',
      rawReason: 'STOP',
      usage: { inputTokens: 9, outputTokens: 208, reasoningTokens: 185 },
    });
  });

  it('google-reasoning: thoughts only as usage and a signature', () => {
    const c = collect(decode('google-reasoning.chunks.txt'));
    expect(c.text).toBe('There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.');
    expect(c.reasoning).toBe('');
    expect(c.reasoningEnds[0]!.thoughtSignature).toBe(
      lastLine('google-reasoning.chunks.txt').candidates[0].content.parts[0].thoughtSignature,
    );
    expect(c.usage).toEqual({ inputTokens: 9, outputTokens: 285, reasoningTokens: 256 });
    expect(c.finishReason).toBe('stop');
  });

  it('google-tool-call: one call with full args, signature on tool-call-end, STOP → tool_calls', () => {
    const events = decode('google-tool-call.chunks.txt');
    const c = collect(events);
    expect(c.toolCalls).toEqual([
      {
        id: 'call_gemini_b36LacjwM668nsEP2tbsgQQ_0',
        name: 'weather',
        arguments: '{"location":"San Francisco"}',
        thoughtSignature: firstLine('google-tool-call.chunks.txt').candidates[0].content.parts[0]
          .thoughtSignature,
      },
    ]);
    expect(c.toolCalls[0]!.thoughtSignature!.startsWith('EqUCCqICAb4+9vsh8Pd5taZVoPzSvjWWwzBrvhEQ')).toBe(
      true,
    );
    expect(events.filter((e) => e.type === 'tool-call-delta')).toHaveLength(1);
    // The call ends only when the stream does, right before finish.
    expect(events.at(-2)).toMatchObject({ type: 'tool-call-end', origin: 'gemini' });
    expect(c.finish).toMatchObject({ reason: 'tool_calls', rawReason: 'STOP' });
    expect(c.usage).toEqual({ inputTokens: 29, outputTokens: 60, reasoningTokens: 45 });
  });

  it('vertex partialArgs: arguments rebuilt from jsonPath pieces', () => {
    const events = decode('google-vertex-stream-tool-call-args.chunks.txt');
    const c = collect(events);
    expect(c.toolCalls).toHaveLength(1);
    const call = c.toolCalls[0]!;
    expect(call.name).toBe('cookRecipe');
    expect(call.thoughtSignature).toBe(
      firstLine('google-vertex-stream-tool-call-args.chunks.txt').candidates[0].content.parts[0]
        .thoughtSignature,
    );
    expect(JSON.parse(call.arguments)).toEqual({
      recipe: {
        ingredients: [
          { amount: '16 oz', name: 'Lasagna noodles' },
          { amount: '1 lb', name: 'Ground beef' },
          { amount: '15 oz', name: 'Ricotta cheese' },
          { amount: '3 cups', name: 'Mozzarella cheese' },
          { amount: '1/2 cup', name: 'Parmesan cheese' },
          { amount: '24 oz', name: 'Tomato sauce' },
          { amount: '1', name: 'Egg' },
          { amount: '2 cloves', name: 'Garlic' },
          { amount: '1 tsp', name: 'Salt' },
          { amount: '1/2 tsp', name: 'Pepper' },
        ],
        name: 'Lasagna',
        steps: [
          'Preheat oven to 375°F (190°C).',
          'Cook lasagna noodles according to package directions, drain and set aside.',
          'Brown ground beef with minced garlic in a skillet. Drain fat and stir in tomato sauce. Simmer for 10 minutes.',
          'In a bowl, mix ricotta cheese, egg, salt, pepper, and Parmesan cheese.',
          'In a 9x13 baking dish, spread a thin layer of meat sauce.',
          'Layer noodles, ricotta mixture, mozzarella, and meat sauce. Repeat.',
          'Top with remaining mozzarella cheese.',
          'Cover with foil and bake for 25 minutes.',
          'Remove foil and bake for another 25 minutes until golden.',
          'Let stand for 15 minutes before serving.',
        ],
      },
    });
    // The first chunk's `{trafficType}` alone is not a zero usage report.
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(1);
    expect(c.usage).toEqual({ inputTokens: 31, outputTokens: 1710, reasoningTokens: 1026 });
    expect(c.finishReason).toBe('tool_calls');
  });

  it('thought parts become reasoning; parallel calls get distinct ids; errors end the stream', () => {
    const chunk = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
      data: JSON.stringify({
        candidates: [{ content: { role: 'model', parts }, ...extra }],
        responseId: 'R1',
      }),
    });
    const events = decodeAll(geminiCodec.createStreamDecoder(), [
      chunk([{ text: 'Thinking', thought: true }]),
      chunk([{ text: ' hard', thought: true, thoughtSignature: 'SIG-T' }]),
      chunk([
        { functionCall: { name: 'a', args: { x: 1 } }, thoughtSignature: 'SIG-A' },
        { functionCall: { name: 'b', args: {} } },
      ]),
      chunk([], { finishReason: 'MALFORMED_FUNCTION_CALL' }),
    ]);
    const c = collect(events);
    expect(c.reasoning).toBe('Thinking hard');
    expect(c.reasoningEnds[0]).toMatchObject({ thoughtSignature: 'SIG-T', origin: 'gemini' });
    expect(c.toolCalls.map((t) => [t.id, t.name, t.arguments, t.thoughtSignature])).toEqual([
      ['call_gemini_R1_0', 'a', '{"x":1}', 'SIG-A'],
      ['call_gemini_R1_1', 'b', '{}', undefined],
    ]);
    expect(c.finishReason).toBe('error');

    const failed = decodeAll(geminiCodec.createStreamDecoder(), [
      chunk([{ text: 'Hi' }]),
      {
        data: JSON.stringify({
          error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' },
        }),
      },
    ]);
    expect(failed.at(-1)).toEqual({
      type: 'error',
      error: { status: 503, kind: 'overloaded', message: 'The model is overloaded.', code: 'UNAVAILABLE' },
    });
    expect(failed.some((e) => e.type === 'finish')).toBe(false);
  });

  it('parses JSON paths and applies partial args of every scalar kind', () => {
    expect(parseJsonPath("$.a.b[2]['c d']")).toEqual(['a', 'b', 2, 'c d']);
    const target: Record<string, unknown> = {};
    applyPartialArg(target, { jsonPath: '$.n', numberValue: 3 });
    applyPartialArg(target, { jsonPath: '$.ok', boolValue: false });
    applyPartialArg(target, { jsonPath: '$.none', nullValue: 'NULL_VALUE' });
    applyPartialArg(target, { jsonPath: '$.s[0]', stringValue: 'ab' });
    applyPartialArg(target, { jsonPath: '$.s[0]', stringValue: 'c' });
    expect(target).toEqual({ n: 3, ok: false, none: null, s: ['abc'] });
  });

  it('never writes through an upstream path into a prototype, an array property or a far index', () => {
    const chunk = (parts: unknown[]) => ({
      data: JSON.stringify({ candidates: [{ content: { role: 'model', parts } }], responseId: 'R1' }),
    });
    const stream = [
      chunk([{ functionCall: { name: 'edit', partialArgs: [], willContinue: true } }]),
      chunk([
        {
          functionCall: {
            partialArgs: [
              { jsonPath: '$.__proto__.temperature', stringValue: 'hot' },
              { jsonPath: "$['__proto__'].proxy", stringValue: 'http://evil.example' },
              { jsonPath: '$.constructor.prototype.polluted', boolValue: true },
              { jsonPath: '$.a.prototype', numberValue: 1 },
              { jsonPath: '$.list[0]', stringValue: 'x' },
              { jsonPath: '$.list.length', numberValue: 1e9 },
              { jsonPath: '$.far[99999999]', stringValue: 'y' },
              { jsonPath: '$.path', stringValue: 'src/a.ts' },
            ],
            willContinue: true,
          },
        },
      ]),
      chunk([{ functionCall: {} }]),
    ];
    const events = decodeAll(geminiCodec.createStreamDecoder(), stream);
    const probe: Record<string, unknown> = {};
    expect(probe.temperature).toBeUndefined();
    expect(probe.proxy).toBeUndefined();
    expect(probe.polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('temperature');
    const delta = events.find((e) => e.type === 'tool-call-delta');
    expect(delta && JSON.parse((delta as { argumentsDelta: string }).argumentsDelta)).toEqual({
      a: {},
      list: ['x'],
      far: [],
      path: 'src/a.ts',
    });
  });
});
