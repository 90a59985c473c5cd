import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../../core/formats/canonical.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { decodeFixture, encodeAll, parseSseText, withServer } from './helpers.js';

const ctx = { model: 'gateway-model', requestId: 'req-7', includeUsage: true };

/** Anthropic capture → canonical → OpenAI Chat wire text. */
function fromAnthropic(name: string, encodeCtx: typeof ctx | Omit<typeof ctx, 'includeUsage'> = ctx): string {
  const events = decodeFixture(anthropicCodec.createStreamDecoder(), name, 'anthropic');
  return encodeAll(openaiChatCodec.createStreamEncoder(encodeCtx), events);
}

/** Parses wire text independently and returns the chunk objects (without the [DONE] sentinel). */
function chunks(text: string): any[] {
  const messages = parseSseText(text);
  expect(messages.at(-1)).toEqual({ data: '[DONE]' });
  expect(messages.every((m) => m.event === undefined)).toBe(true);
  return messages.slice(0, -1).map((m) => JSON.parse(m.data));
}

const deltas = (cs: any[], key: string) =>
  cs
    .flatMap((c) => c.choices)
    .map((ch: any) => ch.delta[key] ?? '')
    .join('');

describe('openai-chat stream encoder (round trip from Anthropic captures)', () => {
  it('anthropic-thinking → reasoning_content + content, finish, usage chunk, [DONE]', () => {
    const cs = chunks(fromAnthropic('anthropic/anthropic-thinking.chunks.txt'));
    for (const c of cs) {
      expect(c).toMatchObject({
        id: 'msg_01Y6V41gqPaKWEw7iPouH7iW',
        object: 'chat.completion.chunk',
        model: 'gateway-model',
      });
    }
    expect(cs[0].choices[0]).toEqual({
      index: 0,
      delta: { role: 'assistant', content: '' },
      logprobs: null,
      finish_reason: null,
    });
    expect(deltas(cs, 'reasoning_content')).toBe(
      'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185',
    );
    expect(deltas(cs, 'content')).toBe('925 ÷ 5 = 185');
    const finish = cs.at(-2);
    expect(finish.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    expect(cs.at(-1)).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 69,
        completion_tokens: 53,
        total_tokens: 122,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    // No signature can be expressed in Chat Completions, and none leaks into text.
    expect(JSON.stringify(cs)).not.toContain('EvQBCkYICxgCKkAxhD4N');
  });

  it('anthropic-text-and-tool-use → text then one tool call: id/name once, then argument fragments', () => {
    const cs = chunks(fromAnthropic('anthropic/anthropic-text-and-tool-use.chunks.txt'));
    expect(deltas(cs, 'content')).toBe("I'll invoke the JSON response tool.");
    const fragments = cs.flatMap((c) => c.choices).flatMap((ch: any) => ch.delta.tool_calls ?? []);
    expect(fragments[0]).toEqual({
      index: 0,
      id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA',
      type: 'function',
      function: { name: 'json', arguments: '' },
    });
    for (const f of fragments.slice(1)) expect(Object.keys(f).sort()).toEqual(['function', 'index']);
    expect(JSON.parse(fragments.map((f: any) => f.function.arguments).join(''))).toEqual({
      elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }],
    });
    expect(cs.at(-2).choices[0].finish_reason).toBe('tool_calls');
    expect(cs.at(-1).usage).toMatchObject({ prompt_tokens: 849, completion_tokens: 47 });
  });

  it('without includeUsage there is no choices:[] chunk', () => {
    const cs = chunks(fromAnthropic('anthropic/anthropic-text.chunks.txt', { model: 'm', requestId: 'r' }));
    expect(cs.every((c) => c.choices.length === 1)).toBe(true);
    expect(cs.at(-1).choices[0].finish_reason).toBe('stop');
    expect(deltas(cs, 'content')).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
  });

  it('an error event ends the stream with an error chunk and [DONE]', () => {
    const enc = openaiChatCodec.createStreamEncoder(ctx);
    const text =
      enc.push({ type: 'start', id: '', model: 'u', created: 10 }) +
      enc.push({ type: 'text-delta', id: 't', text: 'Hel' }) +
      enc.push({ type: 'error', error: { status: 529, kind: 'overloaded', message: 'Overloaded' } }) +
      enc.end();
    const messages = parseSseText(text);
    expect(JSON.parse(messages[0]!.data).id).toBe('chatcmpl-req-7');
    expect(JSON.parse(messages[2]!.data)).toEqual({
      error: { message: 'Overloaded', type: 'server_error', param: null, code: null },
    });
    expect(messages.slice(3)).toEqual([{ data: '[DONE]' }]);
  });

  it('end() without a finish event still closes with finish_reason and [DONE]', () => {
    const enc = openaiChatCodec.createStreamEncoder({ model: 'm', requestId: 'r' });
    const events: StreamEvent[] = [
      { type: 'tool-call-start', id: 'call_1', name: 'f' },
      { type: 'tool-call-delta', id: 'call_1', argumentsDelta: '{}' },
    ];
    const cs = chunks(encodeAll(enc, events));
    expect(cs[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(cs.at(-1).choices[0].finish_reason).toBe('tool_calls');
  });
});

describe('openai SDK accepts the encoded stream', () => {
  it('chat.completions.stream(...).finalChatCompletion() over anthropic-tool-use', async () => {
    const wire = fromAnthropic('anthropic/anthropic-tool-use.chunks.txt');
    await withServer('text/event-stream', wire, async (baseURL) => {
      const client = new OpenAI({ apiKey: 'test', baseURL: `${baseURL}/v1`, maxRetries: 0 });
      const stream = client.chat.completions.stream({
        model: 'gateway-model',
        messages: [{ role: 'user', content: 'weather?' }],
        stream_options: { include_usage: true },
      });
      const completion = await stream.finalChatCompletion();
      const message = completion.choices[0]!.message;
      expect(message.tool_calls).toEqual([
        {
          id: 'toolu_019Zvehfe1XQWweT1pm7okyt',
          type: 'function',
          function: { name: 'weather', arguments: '{"location": "San Francisco"}' },
        },
      ]);
      expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
      expect(completion.usage).toMatchObject({ prompt_tokens: 843, completion_tokens: 28 });
    });
  });

  it('chat.completions.create({stream: true}) yields the text of anthropic-text', async () => {
    const wire = fromAnthropic('anthropic/anthropic-text.chunks.txt');
    await withServer('text/event-stream', wire, async (baseURL) => {
      const client = new OpenAI({ apiKey: 'test', baseURL: `${baseURL}/v1`, maxRetries: 0 });
      const stream = await client.chat.completions.create({
        model: 'gateway-model',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      let text = '';
      let usage: unknown;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text).toBe(
        "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
      );
      expect(usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 });
    });
  });
});
