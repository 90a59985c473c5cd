import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../core/formats/canonical.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { loadChunkLines } from '../../../helpers/fixtures.js';
import { decodeFixture, joined, toolArgs } from './helpers.js';

const decode = (name: string) => decodeFixture(openaiChatCodec.createStreamDecoder(), name, 'openai-chat');
const types = (events: StreamEvent[]) => events.map((e) => e.type);
const finishOf = (events: StreamEvent[]) => events.at(-1) as Extract<StreamEvent, { type: 'finish' }>;

/** The fixture's own content, concatenated straight from its JSON lines. */
function rawConcat(name: string, key: 'content' | 'reasoning_content'): string {
  return loadChunkLines(name)
    .map((l) => JSON.parse(l) as { choices: Array<{ delta: Record<string, string | null> }> })
    .map((c) => c.choices[0]?.delta[key] ?? '')
    .join('');
}

describe('openai-chat stream decoder on real captures', () => {
  it('openai-text: text, finish stop, usage from the trailing choices:[] chunk', () => {
    const events = decode('openai-chat/openai-text.chunks.txt');
    expect(events[0]).toEqual({
      type: 'start',
      id: 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0',
      model: 'gpt-4.1-nano-2025-04-14',
      created: 1770933892,
    });
    const text = joined(events, 'text-delta');
    expect(text.startsWith('**Holiday Name:** Harmony Day\n\n**Date:**')).toBe(true);
    expect(text.endsWith('connected through shared human experiences and mutual respect.')).toBe(true);
    expect(text).toBe(rawConcat('openai-chat/openai-text.chunks.txt', 'content'));
    expect(text).toHaveLength(1724);
    // The first delta is content "" and must not open an empty block before the real text.
    expect(events[1]).toEqual({ type: 'text-start', id: 'text-0' });
    expect(events[2]).toEqual({ type: 'text-delta', id: 'text-0', text: '**' });
    expect(events.filter((e) => e.type === 'text-start')).toHaveLength(1);
    expect(events.some((e) => e.type === 'reasoning-start')).toBe(false);
    const usage = { inputTokens: 16, outputTokens: 300, cachedInputTokens: 0, reasoningTokens: 0 };
    expect(events.filter((e) => e.type === 'usage')).toEqual([{ type: 'usage', usage }]);
    expect(finishOf(events)).toEqual({ type: 'finish', reason: 'stop', rawReason: 'stop', usage });
    expect(types(events).slice(-4)).toEqual(['text-delta', 'text-end', 'usage', 'finish']);
  });

  it('deepseek-reasoning: reasoning_content then content; usage in the finish chunk', () => {
    const events = decode('openai-chat/deepseek-reasoning.chunks.txt');
    const reasoning = joined(events, 'reasoning-delta');
    expect(reasoning.startsWith('We need to count the number of the letter "r" in the word "s')).toBe(true);
    expect(reasoning.endsWith('Thus, the answer is 3.')).toBe(true);
    expect(reasoning).toBe(rawConcat('openai-chat/deepseek-reasoning.chunks.txt', 'reasoning_content'));
    expect(joined(events, 'text-delta')).toBe('The word "strawberry" contains three "r"s.');
    // Reasoning closes before the answer opens.
    const order = types(events).filter((t) => t.endsWith('-start') || t.endsWith('-end'));
    expect(order).toEqual(['reasoning-start', 'reasoning-end', 'text-start', 'text-end']);
    expect(finishOf(events)).toEqual({
      type: 'finish',
      reason: 'stop',
      rawReason: 'stop',
      usage: { inputTokens: 18, outputTokens: 219, cachedInputTokens: 0, reasoningTokens: 205 },
    });
  });

  it('deepseek-tool-call: one call, id from the first fragment, ended only at finish', () => {
    const events = decode('openai-chat/deepseek-tool-call.chunks.txt');
    const id = 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF';
    expect(events.filter((e) => e.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', id, name: 'weather' },
    ]);
    expect(toolArgs(events, id)).toBe('{"location": "San Francisco"}');
    expect(joined(events, 'reasoning-delta')).toBe(
      rawConcat('openai-chat/deepseek-tool-call.chunks.txt', 'reasoning_content'),
    );
    expect(
      joined(events, 'reasoning-delta').startsWith('The user is asking for the weather in San Francisco.'),
    ).toBe(true);
    expect(joined(events, 'text-delta')).toBe('');
    const endAt = events.findIndex((e) => e.type === 'tool-call-end');
    const lastDelta = events.findLastIndex((e) => e.type === 'tool-call-delta');
    expect(endAt).toBeGreaterThan(lastDelta);
    expect(finishOf(events)).toEqual({
      type: 'finish',
      reason: 'tool_calls',
      rawReason: 'tool_calls',
      usage: { inputTokens: 339, outputTokens: 83, cachedInputTokens: 320, reasoningTokens: 39 },
    });
  });

  it('xai-text: reasoning is counted into outputTokens (xAI keeps it out of completion_tokens)', () => {
    const events = decode('openai-chat/xai-text.chunks.txt');
    expect(joined(events, 'text-delta')).toBe('Grok');
    const reasoning = joined(events, 'reasoning-delta');
    expect(reasoning.startsWith('First, the user said: "Say a single word."')).toBe(true);
    expect(reasoning).toHaveLength(1455);
    expect(finishOf(events).usage).toEqual({
      inputTokens: 12,
      outputTokens: 342,
      cachedInputTokens: 11,
      reasoningTokens: 340,
    });
    expect(events[0]).toMatchObject({
      type: 'start',
      id: 'f0f0f217-c24d-1fee-5fe3-28fa1d3c8c94',
      model: 'grok-3-mini',
    });
  });
});

describe('openai-chat stream decoder on upstream quirks', () => {
  const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    data: JSON.stringify({
      id: 'x',
      model: 'm',
      created: 1,
      choices: [{ index: 0, delta, finish_reason: null }],
      ...extra,
    }),
  });
  const run = (messages: Array<{ data: string }>) => {
    const d = openaiChatCodec.createStreamDecoder();
    return [...messages.flatMap((m) => d.push(m)), ...d.end()];
  };
  const call = (index: number, id: string | undefined, name: string | undefined, args: string) => ({
    index,
    ...(id ? { id } : {}),
    function: { ...(name ? { name } : {}), arguments: args },
  });

  it('Ollama: index 0 reused, a new id with a name is a new parallel call', () => {
    const events = run([
      chunk({ tool_calls: [call(0, 'call_a', 'read', '{"path":"a"}')] }),
      chunk({ tool_calls: [call(0, 'call_b', 'read', '{"path":"b"}')] }),
      { data: JSON.stringify({ id: 'x', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }) },
      { data: '[DONE]' },
    ]);
    expect(events.filter((e) => e.type === 'tool-call-start').map((e) => (e as { id: string }).id)).toEqual([
      'call_a',
      'call_b',
    ]);
    expect(toolArgs(events, 'call_a')).toBe('{"path":"a"}');
    expect(toolArgs(events, 'call_b')).toBe('{"path":"b"}');
    expect(events.filter((e) => e.type === 'tool-call-end')).toHaveLength(2);
  });

  it('LM Studio / Kimi: a fresh id on every fragment without a name continues the call', () => {
    const events = run([
      chunk({ tool_calls: [call(0, 'id1', 'bash', '{"cmd"')] }),
      chunk({ tool_calls: [call(0, 'id2', undefined, ':"ls')] }),
      chunk({ tool_calls: [call(0, 'id3', undefined, '"}')] }),
      { data: '[DONE]' },
    ]);
    expect(events.filter((e) => e.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', id: 'id1', name: 'bash' },
    ]);
    expect(toolArgs(events, 'id1')).toBe('{"cmd":"ls"}');
    // Never finished by the upstream: ended by [DONE], finish says tool_calls.
    expect(types(events).slice(-2)).toEqual(['tool-call-end', 'finish']);
    expect(finishOf(events).reason).toBe('tool_calls');
  });

  it('OpenAI parallel calls keyed by index, the id only on the first fragment', () => {
    const events = run([
      chunk({ tool_calls: [call(0, 'call_1', 'a', '')] }),
      chunk({ tool_calls: [call(0, undefined, undefined, '{"x":')] }),
      chunk({ tool_calls: [call(1, 'call_2', 'b', '')] }),
      chunk({ tool_calls: [call(1, undefined, undefined, '{"y":2}')] }),
      chunk({ tool_calls: [call(0, undefined, undefined, '1}')] }),
      { data: '[DONE]' },
    ]);
    expect(toolArgs(events, 'call_1')).toBe('{"x":1}');
    expect(toolArgs(events, 'call_2')).toBe('{"y":2}');
  });

  it('does not end a tool call when its JSON first parses, only at finish', () => {
    const d = openaiChatCodec.createStreamDecoder();
    const early = [
      ...d.push(chunk({ tool_calls: [call(0, 'c', 'f', '{}')] })),
      ...d.push(chunk({ tool_calls: [call(0, undefined, undefined, '')] })),
    ];
    expect(early.some((e) => e.type === 'tool-call-end')).toBe(false);
    const late = d.push({
      data: JSON.stringify({ id: 'x', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
    });
    expect(types(late)).toEqual(['tool-call-end']);
  });

  it('<think> split across chunks becomes reasoning, never text', () => {
    const events = run([
      chunk({ role: 'assistant', content: '<th' }),
      chunk({ content: 'ink>\nLet me think' }),
      chunk({ content: ' hard.</thi' }),
      chunk({ content: 'nk>\n\nThe answer' }),
      chunk({ content: ' is 4.' }),
      { data: '[DONE]' },
    ]);
    expect(joined(events, 'reasoning-delta')).toBe('Let me think hard.');
    expect(joined(events, 'text-delta')).toBe('The answer is 4.');
    expect(JSON.stringify(events)).not.toContain('think>');
  });

  it('leaves <think> alone when content does not start with it', () => {
    const events = run([chunk({ content: 'Use a ' }), chunk({ content: '<think> tag' }), { data: '[DONE]' }]);
    expect(joined(events, 'text-delta')).toBe('Use a <think> tag');
    expect(events.some((e) => e.type === 'reasoning-delta')).toBe(false);
  });

  it('Groq/OpenRouter `reasoning` deltas are reasoning', () => {
    const events = run([chunk({ reasoning: 'hmm' }), chunk({ content: 'ok' }), { data: '[DONE]' }]);
    expect(joined(events, 'reasoning-delta')).toBe('hmm');
    expect(joined(events, 'text-delta')).toBe('ok');
  });

  it('an error chunk mid-stream becomes an error event and nothing follows', () => {
    const d = openaiChatCodec.createStreamDecoder();
    d.push(chunk({ content: 'par' }));
    const events = d.push({
      data: JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }),
    });
    expect(events).toEqual([
      { type: 'text-end', id: 'text-0' },
      { type: 'error', error: { status: 500, kind: 'upstream', message: 'overloaded' } },
    ]);
    expect(d.end()).toEqual([]);
  });

  it('emits start and finish from end() when the upstream closed without [DONE]', () => {
    const d = openaiChatCodec.createStreamDecoder();
    d.push(chunk({ content: 'hi' }));
    const tail = d.end();
    expect(types(tail)).toEqual(['text-end', 'finish']);
    expect(finishOf(tail).reason).toBe('stop');
    expect(finishOf(tail).rawReason).toBeUndefined();
  });
});
