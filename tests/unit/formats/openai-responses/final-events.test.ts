import { describe, expect, it } from 'vitest';
import { openaiResponsesCodec } from '../../../../core/formats/openai-responses/index.js';
import { fixtureSseMessages, loadChunkLines } from '../../../helpers/fixtures.js';
import { collect, decodeAll } from './stream-helpers.js';

const FIXTURE = 'openai-responses/openai-phase.chunks.txt';

/** What the upstream says each message item finally held, from its response.completed. */
function finalTexts(): string[] {
  const last = JSON.parse(loadChunkLines(FIXTURE).at(-1)!) as {
    type: string;
    response: { output: Array<{ content: Array<{ text: string }> }> };
  };
  expect(last.type).toBe('response.completed');
  return last.response.output.map((item) => item.content.map((c) => c.text).join(''));
}

const decodeLines = (lines: object[]) =>
  decodeAll(
    openaiResponsesCodec.createStreamDecoder(),
    lines.map((l) => ({ event: (l as { type: string }).type, data: JSON.stringify(l) })),
  );

describe('Responses stream decoder: final events that carry more than the deltas', () => {
  it('openai-phase (real gpt-5.3-codex capture): commentary then final_answer, each text once', () => {
    const events = decodeAll(
      openaiResponsesCodec.createStreamDecoder(),
      fixtureSseMessages(FIXTURE, 'openai-responses'),
    );
    const [commentary, answer] = finalTexts();
    expect(commentary!.startsWith('Got it — I’ll quickly check')).toBe(true);
    expect(answer!.startsWith('Here are a few **AI headlines')).toBe(true);
    const c = collect(events);
    // The capture's deltas stop short; the .done events carry the rest, once per item. The
    // final_answer streams at output_index 2 but is listed second in response.output.
    expect(c.text).toBe(commentary! + answer!);
    expect(events.filter((e) => e.type === 'text-start')).toHaveLength(2);
    expect(c.finishReason).toBe('stop');
    expect(c.usage).toMatchObject({ inputTokens: 7112, outputTokens: 463, reasoningTokens: 64 });
  });

  it('content_part.done carrying text no delta carried fills it in before the block closes', () => {
    const events = decodeLines([
      { type: 'response.created', response: { id: 'resp_1', model: 'm', created_at: 1 } },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message' } },
      {
        type: 'response.content_part.added',
        output_index: 0,
        content_index: 0,
        part: { type: 'output_text', text: '' },
      },
      { type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'Hel' },
      {
        type: 'response.content_part.done',
        output_index: 0,
        content_index: 0,
        part: { type: 'output_text', text: 'Hello' },
      },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { id: 'msg_1', type: 'message', content: [{ type: 'output_text', text: 'Hello' }] },
      },
      {
        type: 'response.completed',
        response: {
          id: 'resp_1',
          status: 'completed',
          output: [{ id: 'msg_1', type: 'message', content: [{ type: 'output_text', text: 'Hello' }] }],
        },
      },
    ]);
    expect(collect(events).text).toBe('Hello');
    expect(events.map((e) => e.type)).toEqual([
      'start',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'finish',
    ]);
  });

  it('output_item.done after the part closed: the rest goes out in a new block, not a reopened one', () => {
    const events = decodeLines([
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message' } },
      { type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'Hel' },
      { type: 'response.content_part.done', output_index: 0, content_index: 0 },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { id: 'msg_1', type: 'message', content: [{ type: 'output_text', text: 'Hello' }] },
      },
      { type: 'response.completed', response: { status: 'completed' } },
    ]);
    expect(collect(events).text).toBe('Hello');
    const starts = events.filter((e) => e.type === 'text-start').map((e) => (e as { id: string }).id);
    expect(new Set(starts).size).toBe(2);
  });

  it('items only in response.completed (a proxy that skips item events) are still decoded once', () => {
    const events = decodeLines([
      { type: 'response.created', response: { id: 'resp_2' } },
      {
        type: 'response.completed',
        response: {
          status: 'completed',
          output: [
            { id: 'msg_a', type: 'message', content: [{ type: 'output_text', text: 'one ' }] },
            { id: 'msg_b', type: 'message', content: [{ type: 'output_text', text: 'two' }] },
          ],
        },
      },
    ]);
    expect(collect(events).text).toBe('one two');
  });
});
