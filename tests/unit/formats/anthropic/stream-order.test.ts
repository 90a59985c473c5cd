import { describe, expect, it } from 'vitest';
import type { StreamEvent, WireFormat } from '../../../../core/formats/canonical.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import { codecFor } from '../../../../core/formats/index.js';
import { anthropicSse, corruptAnthropicStreams } from '../../../helpers/corrupt-streams.js';
import { loadChunkLines } from '../../../helpers/fixtures.js';
import { collect, decodeAll, encodeAll } from '../openai-responses/stream-helpers.js';

describe('anthropic stream decoder: events out of order end in an error, not a merged answer', () => {
  it.each(corruptAnthropicStreams().map((s) => [s.name, s] as const))('%s', (_name, stream) => {
    const events = decodeAll(anthropicCodec.createStreamDecoder(), anthropicSse(stream.lines));
    const c = collect(events);
    expect(events.at(-1)!.type).toBe('error');
    expect(c.finish).toBeUndefined();
    expect(c.errors).toHaveLength(1);
    expect(c.errors[0]!.error).toMatchObject({ status: 502, kind: 'upstream' });
    expect(c.errors[0]!.error.message).toMatch(/^The upstream's Anthropic stream is out of order: /);
    // Nothing of what came after the fault reaches the caller.
    expect(c.text).toBe(stream.textBefore);
    expect(c.toolCalls).toEqual([]);
  });

  it('names the fault', () => {
    const [second] = corruptAnthropicStreams();
    const events = decodeAll(anthropicCodec.createStreamDecoder(), anthropicSse(second!.lines));
    expect((events.at(-1) as Extract<StreamEvent, { type: 'error' }>).error.message).toContain(
      'message_start after the message had begun',
    );
  });

  it.each(['openai-chat', 'openai-responses', 'anthropic', 'gemini'] as WireFormat[])(
    'every caller format writes the fault as its own error event (%s)',
    (format) => {
      const [second] = corruptAnthropicStreams();
      const events = decodeAll(anthropicCodec.createStreamDecoder(), anthropicSse(second!.lines));
      const wire = encodeAll(codecFor(format).createStreamEncoder({ model: 'm', requestId: 'r' }), events);
      expect(wire).toContain('out of order');
      // No finish reason of a completed answer is claimed.
      expect(wire).not.toMatch(
        /"finish_reason":"(stop|tool_calls)"|"stop_reason":"(end_turn|tool_use)"|"finishReason":"STOP"|"type":"response.completed"/,
      );
    },
  );

  it('tolerates a block left open when the next index starts (Kimi omits content_block_stop)', () => {
    const text = loadChunkLines('anthropic/anthropic-text.chunks.txt');
    const tool = loadChunkLines('anthropic/anthropic-tool-use.chunks.txt');
    const isType = (t: string) => (l: string) => (JSON.parse(l) as { type: string }).type === t;
    const textBlock = text.filter(
      (l) => isType('content_block_start')(l) || isType('content_block_delta')(l),
    );
    // The tool block moved to index 1, after the unclosed text block at 0.
    const toolBlock = tool
      .filter((l) => /"type":"content_block_/.test(l))
      .map((l) => l.replace('"index":0', '"index":1'));
    const lines = [
      text[0]!,
      ...textBlock,
      ...toolBlock,
      ...tool.filter(isType('message_delta')),
      tool.at(-1)!,
    ];
    const c = collect(decodeAll(anthropicCodec.createStreamDecoder(), anthropicSse(lines)));
    expect(c.errors).toEqual([]);
    expect(c.text).toContain('Hello!');
    expect(c.toolCalls.map((t) => t.name)).toEqual(['weather']);
    expect(c.finishReason).toBe('tool_calls');
  });
});
