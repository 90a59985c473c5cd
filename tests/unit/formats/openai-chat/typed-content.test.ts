import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../core/formats/canonical.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { typedContentSegments } from '../../../../core/formats/openai-chat/typed-content.js';
import { loadJson } from '../../../helpers/fixtures.js';
import { decodeFixture, joined } from './helpers.js';

// Mistral's reasoning models send content as typed chunks (a real magistral capture).
describe('openai-chat typed content arrays (Mistral)', () => {
  it('stream: thinking chunks become reasoning, text chunks text, usage from the finish chunk', () => {
    const events = decodeFixture(
      openaiChatCodec.createStreamDecoder(),
      'openai-chat/mistral-reasoning.chunks.txt',
      'openai-chat',
    );
    expect(joined(events, 'reasoning-delta')).toBe(
      'The user is asking for 2+2. This is basic arithmetic. 2+2=4.',
    );
    expect(joined(events, 'text-delta')).toBe('2 + 2 = 4');
    expect(events.map((e) => e.type)).toEqual([
      'start',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
      'usage',
      'finish',
    ]);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      rawReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 46 },
    } satisfies StreamEvent);
  });

  it('body: message.content as chunks decodes to reasoning then text', () => {
    const res = openaiChatCodec.decodeResponse(loadJson('openai-chat/mistral-reasoning.json'));
    expect(res.content).toEqual([
      { type: 'reasoning', text: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.' },
      { type: 'text', text: '2 + 2 = 4' },
    ]);
    expect(res.finishReason).toBe('stop');
    expect(res.usage).toEqual({ inputTokens: 10, outputTokens: 46 });
    expect(res.model).toBe('magistral-medium-2507');
  });

  it('segments: order kept, neighbours of one kind merged, unknown and malformed chunks skipped', () => {
    expect(
      typedContentSegments([
        { type: 'thinking', thinking: [{ type: 'text', text: 'a' }, 'b'] },
        { type: 'thinking', thinking: 'c' },
        { type: 'reference', reference_ids: [1] },
        null,
        { type: 'text', text: 42 },
        { type: 'text', text: 'x' },
        { type: 'thinking', thinking: [] },
        { type: 'text', text: 'y' },
      ]),
    ).toEqual([
      { kind: 'reasoning', text: 'abc' },
      { kind: 'text', text: 'xy' },
    ]);
  });

  it('a string content with <think> tags is still split (typed chunks are not)', () => {
    const res = openaiChatCodec.decodeResponse({
      choices: [{ message: { content: [{ type: 'text', text: '<think>not reasoning</think>' }] } }],
    });
    expect(res.content).toEqual([{ type: 'text', text: '<think>not reasoning</think>' }]);
  });
});

describe('openai-chat request: typed chunks echoed back in assistant history', () => {
  it('a Mistral answer sent back as history keeps its thinking as reasoning, its text as text', () => {
    const answer = loadJson('openai-chat/mistral-reasoning.json').choices[0].message;
    const req = openaiChatCodec.decodeRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'What is 2+2?' }, answer, { role: 'user', content: 'And 3+3?' }],
    });
    expect(req.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.' },
        { type: 'text', text: '2 + 2 = 4' },
      ],
    });
    expect(req.dropped ?? []).toEqual([]);
  });
});
