import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../core/formats/canonical.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { decodeFixture, encodeAll, parseSseText, withServer } from '../openai-chat/helpers.js';

const ctx = { model: 'claude-via-gateway', requestId: 'req9' };

function encodeFrom(format: 'openai-chat' | 'anthropic', name: string): string {
  const codec = format === 'anthropic' ? anthropicCodec : openaiChatCodec;
  const events = decodeFixture(codec.createStreamDecoder(), name, format);
  return encodeAll(anthropicCodec.createStreamEncoder(ctx), events);
}

/**
 * Parses Anthropic wire text independently and checks the framing rules clients rely on:
 * event name = data.type, message_start first, message_stop last, one open block at a time,
 * block indexes 0, 1, 2 … in order, deltas only into the open block.
 */
function events(text: string): any[] {
  const out = parseSseText(text).map((m) => {
    const data = JSON.parse(m.data);
    expect(m.event).toBe(data.type);
    return data;
  });
  expect(out[0].type).toBe('message_start');
  let open: number | undefined;
  let next = 0;
  for (const e of out) {
    if (e.type === 'content_block_start') {
      expect(open).toBeUndefined();
      expect(e.index).toBe(next++);
      open = e.index;
    } else if (e.type === 'content_block_delta') expect(e.index).toBe(open);
    else if (e.type === 'content_block_stop') {
      expect(e.index).toBe(open);
      open = undefined;
    }
  }
  expect(open).toBeUndefined();
  return out;
}

const deltaText = (es: any[], type: string, key: string) =>
  es
    .filter((e) => e.type === 'content_block_delta' && e.delta.type === type)
    .map((e) => e.delta[key])
    .join('');

describe('anthropic stream encoder', () => {
  it('deepseek-tool-call → thinking block without signature_delta, then a tool_use block', () => {
    const es = events(encodeFrom('openai-chat', 'openai-chat/deepseek-tool-call.chunks.txt'));
    expect(es[0].message).toMatchObject({
      id: 'msg_cca85624-4056-401f-b220-d77601d1f70d',
      type: 'message',
      role: 'assistant',
      model: 'claude-via-gateway',
      content: [],
      usage: { input_tokens: 0, output_tokens: 0 },
    });
    const starts = es.filter((e) => e.type === 'content_block_start').map((e) => e.content_block);
    expect(starts).toEqual([
      { type: 'thinking', thinking: '', signature: '' },
      { type: 'tool_use', id: 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF', name: 'weather', input: {} },
    ]);
    expect(deltaText(es, 'thinking_delta', 'thinking').startsWith('The user is asking for the weather')).toBe(
      true,
    );
    expect(es.some((e) => e.delta?.type === 'signature_delta')).toBe(false);
    expect(deltaText(es, 'input_json_delta', 'partial_json')).toBe('{"location": "San Francisco"}');
    expect(es.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      // 339 prompt tokens of which 320 cached: Anthropic input_tokens excludes the cache.
      usage: {
        input_tokens: 19,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 320,
        output_tokens: 83,
      },
    });
    expect(es.at(-1)).toEqual({ type: 'message_stop' });
  });

  it('anthropic-thinking → anthropic: signature_delta re-emitted byte for byte', () => {
    const es = events(encodeFrom('anthropic', 'anthropic/anthropic-thinking.chunks.txt'));
    const signature = es.find((e) => e.delta?.type === 'signature_delta')?.delta.signature;
    expect(signature).toBe(
      'EvQBCkYICxgCKkAxhD4NUKFzudtZ6NzbZdEiBACIScTzqjPViM596iWLZIk4EFKYYBj3B6Ptl3b0dcQv/VeJBNbejNWIWRBn+KPNEgz6HWtKx7p+QRgKsEoaDGjsiqfht7gTRFYHiyIwD1VSmNqHxv3wy8KEMP+LYb/TC4UH3H97tuoaADARFFcA0phdfxnzKQxFnc9lwY+dKlzUsaKSUAFeu1bDL5ikZJ1vL0Fkz6JjoFke0L/wOJRIUDUlDUOFJ1tZ3ea7g6LGE/5hwuvWgLwewdcm64d+43l7F57XrOmqNd6flI2K/oPr/4yzNgvi/EhT6Ca17BgB',
    );
    // signature_delta comes right before the thinking block's stop.
    const sigAt = es.findIndex((e) => e.delta?.type === 'signature_delta');
    expect(es[sigAt + 1]).toEqual({ type: 'content_block_stop', index: 0 });
    expect(es[0].message.id).toBe('msg_01Y6V41gqPaKWEw7iPouH7iW');
    expect(es[0].message.usage.input_tokens).toBe(69);
    expect(deltaText(es, 'text_delta', 'text')).toBe('925 ÷ 5 = 185');
    expect(es.at(-2).delta.stop_reason).toBe('end_turn');
  });

  it('xai-text → thinking then text; output_tokens include xAI reasoning tokens', () => {
    const es = events(encodeFrom('openai-chat', 'openai-chat/xai-text.chunks.txt'));
    expect(deltaText(es, 'text_delta', 'text')).toBe('Grok');
    expect(deltaText(es, 'thinking_delta', 'thinking')).toHaveLength(1455);
    expect(es.at(-2).usage).toEqual({
      input_tokens: 1,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 11,
      output_tokens: 342,
    });
  });

  it('openai-text → one text block and end_turn; deepseek-reasoning → thinking + text', () => {
    const es = events(encodeFrom('openai-chat', 'openai-chat/openai-text.chunks.txt'));
    expect(es.filter((e) => e.type === 'content_block_start')).toHaveLength(1);
    expect(deltaText(es, 'text_delta', 'text')).toHaveLength(1724);
    expect(es.at(-2)).toMatchObject({
      delta: { stop_reason: 'end_turn' },
      usage: { input_tokens: 16, output_tokens: 300 },
    });
    const ds = events(encodeFrom('openai-chat', 'openai-chat/deepseek-reasoning.chunks.txt'));
    expect(ds.filter((e) => e.type === 'content_block_start').map((e) => e.content_block.type)).toEqual([
      'thinking',
      'text',
    ]);
    expect(deltaText(ds, 'text_delta', 'text')).toBe('The word "strawberry" contains three "r"s.');
  });

  it('interleaved canonical blocks still produce one open Anthropic block at a time', () => {
    const enc = anthropicCodec.createStreamEncoder(ctx);
    const input: StreamEvent[] = [
      { type: 'start', id: 'x', model: 'm', created: 1 },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', text: 'a' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', text: 'b' },
      { type: 'tool-call-start', id: 'call.1:x', name: 'f' },
      { type: 'tool-call-delta', id: 'call.1:x', argumentsDelta: '{}' },
      { type: 'tool-call-start', id: 'call_2', name: 'g' },
      { type: 'tool-call-delta', id: 'call_2', argumentsDelta: '{"a":1}' },
      { type: 'finish', reason: 'tool_calls', usage: { inputTokens: 10, outputTokens: 2 } },
    ];
    const es = events(encodeAll(enc, input));
    expect(es.filter((e) => e.type === 'content_block_start').map((e) => e.content_block)).toEqual([
      { type: 'thinking', thinking: '', signature: '' },
      { type: 'text', text: '' },
      { type: 'tool_use', id: 'call_1_x', name: 'f', input: {} },
      { type: 'tool_use', id: 'call_2', name: 'g', input: {} },
    ]);
    expect(es[0].message.id).toBe('msg_x');
  });

  it('an error event becomes `event: error` and nothing follows', () => {
    const enc = anthropicCodec.createStreamEncoder(ctx);
    const text =
      enc.push({ type: 'start', id: 'msg_a', model: 'm', created: 1 }) +
      enc.push({ type: 'text-delta', id: 't', text: 'x' }) +
      enc.push({ type: 'error', error: { status: 529, kind: 'overloaded', message: 'Overloaded' } }) +
      enc.end();
    const frames = parseSseText(text);
    expect(frames.at(-1)).toEqual({
      event: 'error',
      data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    });
    expect(frames.at(-2)!.event).toBe('content_block_stop');
  });
});

describe('@anthropic-ai/sdk accepts the encoded stream', () => {
  const run = (wire: string) =>
    withServer('text/event-stream', wire, async (baseURL) => {
      const client = new Anthropic({ apiKey: 'test', baseURL, maxRetries: 0 });
      return client.messages
        .stream({
          model: 'claude-via-gateway',
          max_tokens: 1024,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .finalMessage();
    });

  it('deepseek-tool-call (unsigned thinking + tool_use) parses with finalMessage()', async () => {
    const message = await run(encodeFrom('openai-chat', 'openai-chat/deepseek-tool-call.chunks.txt'));
    expect(message.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
    expect(message.content[0]).toMatchObject({ type: 'thinking', signature: '' });
    expect(message.content[1]).toEqual({
      type: 'tool_use',
      id: 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF',
      name: 'weather',
      input: { location: 'San Francisco' },
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({
      input_tokens: 19,
      cache_read_input_tokens: 320,
      output_tokens: 83,
    });
  });

  it('anthropic-thinking round trip keeps the signature in the final message', async () => {
    const message = await run(encodeFrom('anthropic', 'anthropic/anthropic-thinking.chunks.txt'));
    expect(message.content[0]).toMatchObject({
      type: 'thinking',
      thinking: 'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185',
    });
    expect((message.content[0] as { signature: string }).signature.startsWith('EvQBCkYICxgCKkAxhD4N')).toBe(
      true,
    );
    expect(message.content[1]).toMatchObject({ type: 'text', text: '925 ÷ 5 = 185' });
  });
});
