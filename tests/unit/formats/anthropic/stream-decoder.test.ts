import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../core/formats/canonical.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import { STRUCTURED_OUTPUT_TOOL } from '../../../../core/formats/anthropic/structured-output.js';
import { loadChunkLines } from '../../../helpers/fixtures.js';
import { decodeFixture, joined, toolArgs } from '../openai-chat/helpers.js';

const decode = (name: string) => decodeFixture(anthropicCodec.createStreamDecoder(), name, 'anthropic');
const types = (events: StreamEvent[]) => events.map((e) => e.type);
const finishOf = (events: StreamEvent[]) => events.at(-1) as Extract<StreamEvent, { type: 'finish' }>;

const THINKING_SIGNATURE =
  'EvQBCkYICxgCKkAxhD4NUKFzudtZ6NzbZdEiBACIScTzqjPViM596iWLZIk4EFKYYBj3B6Ptl3b0dcQv/VeJBNbejNWIWRBn+KPNEgz6HWtKx7p+QRgKsEoaDGjsiqfht7gTRFYHiyIwD1VSmNqHxv3wy8KEMP+LYb/TC4UH3H97tuoaADARFFcA0phdfxnzKQxFnc9lwY+dKlzUsaKSUAFeu1bDL5ikZJ1vL0Fkz6JjoFke0L/wOJRIUDUlDUOFJ1tZ3ea7g6LGE/5hwuvWgLwewdcm64d+43l7F57XrOmqNd6flI2K/oPr/4yzNgvi/EhT6Ca17BgB';

describe('anthropic stream decoder on real captures', () => {
  it('anthropic-text: text block, pings ignored, usage from message_delta replaces message_start', () => {
    const events = decode('anthropic/anthropic-text.chunks.txt');
    expect(events[0]).toMatchObject({
      type: 'start',
      id: 'msg_01QC4g3HwBThD4BaNtBckFDJ',
      model: 'claude-sonnet-4-5-20250929',
      usage: { inputTokens: 12, cachedInputTokens: 0, cacheCreationInputTokens: 0 },
    });
    expect(joined(events, 'text-delta')).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(types(events)).toEqual([
      'start',
      'text-start',
      ...Array(6).fill('text-delta'),
      'text-end',
      'usage',
      'finish',
    ]);
    // output 30 from message_delta, not 1 (message_start) + 30.
    expect(finishOf(events)).toEqual({
      type: 'finish',
      reason: 'stop',
      rawReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 30, cachedInputTokens: 0, cacheCreationInputTokens: 0 },
    });
  });

  it('anthropic-thinking: thinking deltas, then the signature on reasoning-end, byte for byte', () => {
    const events = decode('anthropic/anthropic-thinking.chunks.txt');
    expect(joined(events, 'reasoning-delta')).toBe(
      'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185',
    );
    const end = events.find((e) => e.type === 'reasoning-end');
    const fromFile = loadChunkLines('anthropic/anthropic-thinking.chunks.txt')
      .map((l) => JSON.parse(l) as { delta?: { type: string; signature?: string } })
      .find((c) => c.delta?.type === 'signature_delta')?.delta?.signature;
    expect(end).toEqual({
      type: 'reasoning-end',
      id: 'thinking-0',
      signature: THINKING_SIGNATURE,
      origin: 'anthropic',
    });
    expect(fromFile).toBe(THINKING_SIGNATURE);
    expect(events.find((e) => e.type === 'reasoning-start')).toEqual({
      type: 'reasoning-start',
      id: 'thinking-0',
      origin: 'anthropic',
    });
    expect(joined(events, 'text-delta')).toBe('925 ÷ 5 = 185');
    // The empty last thinking_delta is not forwarded.
    expect(events.filter((e) => e.type === 'reasoning-delta')).toHaveLength(9);
    expect(finishOf(events).usage).toEqual({
      inputTokens: 69,
      outputTokens: 53,
      cachedInputTokens: 0,
      cacheCreationInputTokens: 0,
    });
  });

  it('anthropic-tool-use: tool call with the toolu id, first empty partial_json skipped', () => {
    const events = decode('anthropic/anthropic-tool-use.chunks.txt');
    const id = 'toolu_019Zvehfe1XQWweT1pm7okyt';
    expect(types(events)).toEqual([
      'start',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'usage',
      'finish',
    ]);
    expect(events[1]).toEqual({ type: 'tool-call-start', id, name: 'weather' });
    expect(toolArgs(events, id)).toBe('{"location": "San Francisco"}');
    expect(finishOf(events)).toMatchObject({ reason: 'tool_calls', rawReason: 'tool_use' });
    expect(finishOf(events).usage).toMatchObject({ inputTokens: 843, outputTokens: 28 });
  });

  it('anthropic-text-and-tool-use: text block then a tool block', () => {
    const events = decode('anthropic/anthropic-text-and-tool-use.chunks.txt');
    expect(joined(events, 'text-delta')).toBe("I'll invoke the JSON response tool.");
    const id = 'toolu_01KFbKqPYSuAKujiL6mTfzYA';
    expect(events.find((e) => e.type === 'tool-call-start')).toEqual({
      type: 'tool-call-start',
      id,
      name: 'json',
    });
    expect(JSON.parse(toolArgs(events, id))).toEqual({
      elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }],
    });
    expect(types(events).indexOf('text-end')).toBeLessThan(types(events).indexOf('tool-call-start'));
    expect(finishOf(events)).toMatchObject({
      reason: 'tool_calls',
      usage: { inputTokens: 849, outputTokens: 47 },
    });
  });
});

describe('anthropic stream decoder on other events', () => {
  const msg = (data: Record<string, unknown>) => ({ event: String(data.type), data: JSON.stringify(data) });
  const start = msg({
    type: 'message_start',
    message: {
      id: 'msg_1',
      model: 'claude',
      usage: {
        input_tokens: 5,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 20,
        output_tokens: 1,
      },
    },
  });

  it('cache reads and writes are added into canonical inputTokens', () => {
    const d = anthropicCodec.createStreamDecoder();
    const events = [
      ...d.push(start),
      ...d.push(
        msg({ type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 7 } }),
      ),
      ...d.push(msg({ type: 'message_stop' })),
    ];
    expect(events[0]).toMatchObject({
      usage: { inputTokens: 125, cachedInputTokens: 100, cacheCreationInputTokens: 20 },
    });
    expect(finishOf(events)).toEqual({
      type: 'finish',
      reason: 'length',
      rawReason: 'max_tokens',
      usage: { inputTokens: 125, outputTokens: 7, cachedInputTokens: 100, cacheCreationInputTokens: 20 },
    });
  });

  it('redacted_thinking carries its data; server tools are skipped', () => {
    const d = anthropicCodec.createStreamDecoder();
    const events = [
      ...d.push(start),
      ...d.push(
        msg({
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'redacted_thinking', data: 'EmwKAhgB' },
        }),
      ),
      ...d.push(msg({ type: 'content_block_stop', index: 0 })),
      ...d.push(
        msg({
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
        }),
      ),
      ...d.push(
        msg({
          type: 'content_block_delta',
          index: 1,
          delta: { type: 'input_json_delta', partial_json: '{"q":1}' },
        }),
      ),
      ...d.push(msg({ type: 'content_block_stop', index: 1 })),
      ...d.push(
        msg({
          type: 'content_block_start',
          index: 2,
          content_block: { type: 'web_search_tool_result', content: [] },
        }),
      ),
      ...d.push(msg({ type: 'content_block_stop', index: 2 })),
      ...d.push(msg({ type: 'content_block_start', index: 3, content_block: { type: 'text', text: '' } })),
      ...d.push(
        msg({ type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: 'Found it.' } }),
      ),
      ...d.push(msg({ type: 'content_block_stop', index: 3 })),
      ...d.end(),
    ];
    expect(events.find((e) => e.type === 'reasoning-end')).toEqual({
      type: 'reasoning-end',
      id: 'redacted_thinking-0',
      redactedData: 'EmwKAhgB',
      origin: 'anthropic',
    });
    expect(events.some((e) => e.type.startsWith('tool-call'))).toBe(false);
    expect(joined(events, 'text-delta')).toBe('Found it.');
    expect(finishOf(events).reason).toBe('other');
  });

  it('an error event mid-stream becomes a canonical error; no finish follows', () => {
    const d = anthropicCodec.createStreamDecoder();
    d.push(start);
    d.push(msg({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
    const events = d.push(msg({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
    expect(events).toEqual([
      { type: 'text-end', id: 'text-0' },
      { type: 'error', error: { status: 529, kind: 'overloaded', message: 'Overloaded' } },
    ]);
    expect(d.end()).toEqual([]);
  });

  it('the structured-output tool streams back as text and the turn finishes with stop', () => {
    const d = anthropicCodec.createStreamDecoder();
    const events = [
      ...d.push(start),
      ...d.push(
        msg({
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'toolu_s', name: STRUCTURED_OUTPUT_TOOL, input: {} },
        }),
      ),
      ...d.push(
        msg({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'input_json_delta', partial_json: '{"a":' },
        }),
      ),
      ...d.push(
        msg({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'input_json_delta', partial_json: '1}' },
        }),
      ),
      ...d.push(msg({ type: 'content_block_stop', index: 0 })),
      ...d.push(
        msg({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } }),
      ),
      ...d.push(msg({ type: 'message_stop' })),
    ];
    expect(joined(events, 'text-delta')).toBe('{"a":1}');
    expect(events.some((e) => e.type.startsWith('tool-call'))).toBe(false);
    expect(finishOf(events)).toMatchObject({ reason: 'stop', rawReason: 'tool_use' });
  });

  it('a stream cut before message_stop still ends open tool calls and finishes', () => {
    const d = anthropicCodec.createStreamDecoder();
    d.push(start);
    d.push(
      msg({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't1', name: 'f', input: {} },
      }),
    );
    expect(types(d.end())).toEqual(['tool-call-end', 'finish']);
  });
});
