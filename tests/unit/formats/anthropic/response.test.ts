import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../../../core/formats/canonical.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import { STRUCTURED_OUTPUT_TOOL } from '../../../../core/formats/anthropic/structured-output.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

const ctx = { model: 'claude-via-gateway', requestId: 'req42' };

describe('anthropic decodeResponse on real captures', () => {
  it('anthropic-text.json', () => {
    const r = anthropicCodec.decodeResponse(loadJson('anthropic/anthropic-text.json'));
    expect(r).toMatchObject({
      id: 'msg_01VdEjxAP5ahtHKrrRdNBteQ',
      model: 'claude-sonnet-4-5-20250929',
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 29, cachedInputTokens: 0, cacheCreationInputTokens: 0 },
    });
    expect(r.content).toEqual([
      {
        type: 'text',
        text: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
      },
    ]);
    expect(r.stopSequence).toBeUndefined();
  });

  it('anthropic-thinking.json: signature kept byte for byte with origin anthropic', () => {
    const body = loadJson('anthropic/anthropic-thinking.json');
    const r = anthropicCodec.decodeResponse(body);
    expect(r.content).toEqual([
      {
        type: 'reasoning',
        text: '925 divided by 5 = 185',
        signature: body.content[0].signature,
        origin: 'anthropic',
      },
      { type: 'text', text: '925 ÷ 5 = 185' },
    ]);
    expect(
      (r.content[0] as { signature: string }).signature.startsWith('Er4BCkYICxgCKkCoxqLHLrx4mFL9Ox7'),
    ).toBe(true);
    expect(r.usage).toEqual({
      inputTokens: 69,
      outputTokens: 33,
      cachedInputTokens: 0,
      cacheCreationInputTokens: 0,
    });
  });

  it('anthropic-opus-thinking.json: thinking_tokens become reasoningTokens', () => {
    const body = loadJson('anthropic/anthropic-opus-thinking.json');
    const r = anthropicCodec.decodeResponse(body);
    expect(r.model).toBe('claude-opus-5');
    expect(r.usage).toEqual({
      inputTokens: 51,
      outputTokens: 1699,
      cachedInputTokens: 0,
      cacheCreationInputTokens: 0,
      reasoningTokens: 139,
    });
    const [thinking, text] = r.content as Array<{ type: string; text: string; signature?: string }>;
    expect(thinking!.text.startsWith('I need to find all roots of this cubic polynomial')).toBe(true);
    expect(thinking!.signature).toBe(body.content[0].signature);
    expect(text!.text.startsWith('## Step 1: Set up the problem')).toBe(true);
    expect(text!.text.endsWith('independently confirming the answer.')).toBe(true);
  });

  it('anthropic-tool-use.json: input object → arguments JSON text', () => {
    const r = anthropicCodec.decodeResponse(loadJson('anthropic/anthropic-tool-use.json'));
    expect(r.content).toEqual([
      {
        type: 'tool-call',
        id: 'toolu_01PQjhxo3eirCdKNvCJrKc8f',
        name: 'weather',
        arguments: '{"location":"San Francisco"}',
      },
    ]);
    expect(r.finishReason).toBe('tool_calls');
    expect(r.usage).toMatchObject({ inputTokens: 843, outputTokens: 28 });
  });

  it('cache reads and writes are added to inputTokens', () => {
    const r = anthropicCodec.decodeResponse({
      id: 'msg_x',
      model: 'c',
      content: [{ type: 'text', text: 'a' }],
      stop_reason: 'stop_sequence',
      stop_sequence: '###',
      usage: {
        input_tokens: 3,
        cache_read_input_tokens: 2000,
        cache_creation_input_tokens: 500,
        output_tokens: 9,
      },
    });
    expect(r.usage).toEqual({
      inputTokens: 2503,
      outputTokens: 9,
      cachedInputTokens: 2000,
      cacheCreationInputTokens: 500,
    });
    expect(r.stopSequence).toBe('###');
    expect(r.finishReason).toBe('stop');
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['tool_use', 'tool_calls'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['refusal', 'content_filter'],
  ])('stop_reason %s → %s', (raw, reason) => {
    const r = anthropicCodec.decodeResponse({
      id: 'm',
      model: 'c',
      content: [],
      stop_reason: raw,
      usage: {},
    });
    expect(r.finishReason).toBe(reason);
    expect(r.rawFinishReason).toBe(raw);
  });

  it('the structured-output tool becomes the text answer with finish stop', () => {
    const r = anthropicCodec.decodeResponse({
      id: 'm',
      model: 'c',
      content: [{ type: 'tool_use', id: 'toolu_1', name: STRUCTURED_OUTPUT_TOOL, input: { city: 'Paris' } }],
      stop_reason: 'tool_use',
      usage: { input_tokens: 1, output_tokens: 1 },
    });
    expect(r.content).toEqual([{ type: 'text', text: '{"city":"Paris"}' }]);
    expect(r.finishReason).toBe('stop');
  });
});

describe('anthropic encodeResponse', () => {
  it('re-encodes anthropic-thinking.json with the same blocks and signature', () => {
    const body = loadJson('anthropic/anthropic-thinking.json');
    const out = anthropicCodec.encodeResponse(anthropicCodec.decodeResponse(body), ctx) as any;
    expect(out).toEqual({
      id: 'msg_01XrsJCi8CQoLcnnWdY8RsJz',
      type: 'message',
      role: 'assistant',
      model: 'claude-via-gateway',
      content: body.content,
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 69,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 33,
      },
    });
  });

  it('deepseek-tool-call.json → Anthropic message: unsigned thinking, tool_use input object, cache split', () => {
    const canonical = openaiChatCodec.decodeResponse(loadJson('openai-chat/deepseek-tool-call.json'));
    const out = anthropicCodec.encodeResponse(canonical, ctx) as any;
    expect(out.id).toBe('msg_7a630f5b-b7e6-4878-82f8-d77db164d42b');
    expect(out.content[0]).toMatchObject({ type: 'thinking', signature: '' });
    expect(out.content[0].thinking.startsWith('The user is asking for the weather in San Francisco.')).toBe(
      true,
    );
    expect(out.content[1]).toEqual({
      type: 'tool_use',
      id: 'call_00_9V0vrf86Pc9aelHCJMZqnJBo',
      name: 'weather',
      input: { location: 'San Francisco' },
    });
    expect(out.stop_reason).toBe('tool_use');
    // prompt 339 includes 320 cached: Anthropic input_tokens excludes them.
    expect(out.usage).toEqual({
      input_tokens: 19,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 320,
      output_tokens: 92,
    });
  });

  it('stop with a stop sequence → stop_sequence; content_filter → refusal; length → max_tokens', () => {
    const base: CanonicalResponse = { id: 'x', model: 'm', created: 1, content: [], finishReason: 'stop' };
    const enc = (r: Partial<CanonicalResponse>) =>
      (anthropicCodec.encodeResponse({ ...base, ...r }, ctx) as any).stop_reason;
    expect(enc({ stopSequence: 'END' })).toBe('stop_sequence');
    expect(enc({})).toBe('end_turn');
    expect(enc({ finishReason: 'content_filter' })).toBe('refusal');
    expect(enc({ finishReason: 'length' })).toBe('max_tokens');
    expect(enc({ finishReason: 'length', rawFinishReason: 'model_context_window_exceeded' })).toBe(
      'model_context_window_exceeded',
    );
    expect(enc({ rawFinishReason: 'pause_turn' })).toBe('pause_turn');
    expect((anthropicCodec.encodeResponse(base, ctx) as any).id).toBe('msg_x');
  });
});
