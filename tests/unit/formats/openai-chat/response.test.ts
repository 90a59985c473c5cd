import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../../../core/formats/canonical.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

const ctx = { model: 'caller-model', requestId: 'req123' };
const decode = (name: string) => openaiChatCodec.decodeResponse(loadJson(name));

describe('openai-chat decodeResponse on real captures', () => {
  it('openai-text.json', () => {
    const body = loadJson('openai-chat/openai-text.json');
    const r = decode('openai-chat/openai-text.json');
    expect(r).toMatchObject({
      id: 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
      model: 'gpt-4.1-nano-2025-04-14',
      created: 1770933883,
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 16, outputTokens: 363, cachedInputTokens: 0, reasoningTokens: 0 },
    });
    expect(r.content).toEqual([{ type: 'text', text: body.choices[0].message.content }]);
    expect((r.content[0] as { text: string }).text.startsWith('**Holiday Name:** Galaxy Day')).toBe(true);
  });

  it('deepseek-reasoning.json: reasoning_content becomes a reasoning part', () => {
    const r = decode('openai-chat/deepseek-reasoning.json');
    expect(r.content.map((p) => p.type)).toEqual(['reasoning', 'text']);
    expect(
      (r.content[0] as { text: string }).text.startsWith("We are asked: \"How many 'r's are in the word"),
    ).toBe(true);
    expect((r.content[0] as { text: string }).text.endsWith('So answer is 3.')).toBe(true);
    expect(r.content[1]).toEqual({
      type: 'text',
      text: 'The word "strawberry" contains three instances of the letter "r": one after the "t" and two before the "y".',
    });
    expect(r.usage).toEqual({
      inputTokens: 18,
      outputTokens: 345,
      cachedInputTokens: 0,
      reasoningTokens: 315,
    });
  });

  it('deepseek-tool-call.json: tool call, empty content, cached tokens', () => {
    const r = decode('openai-chat/deepseek-tool-call.json');
    expect(r.finishReason).toBe('tool_calls');
    expect(r.content.filter((p) => p.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        id: 'call_00_9V0vrf86Pc9aelHCJMZqnJBo',
        name: 'weather',
        arguments: '{"location": "San Francisco"}',
      },
    ]);
    expect(r.content.some((p) => p.type === 'text')).toBe(false);
    expect(r.usage).toEqual({
      inputTokens: 339,
      outputTokens: 92,
      cachedInputTokens: 320,
      reasoningTokens: 48,
    });
  });

  it('groq-reasoning.json: `message.reasoning` is reasoning, Groq extras ignored', () => {
    const r = decode('openai-chat/groq-reasoning.json');
    const [reasoning, text] = r.content as Array<{ type: string; text: string }>;
    expect(reasoning!.type).toBe('reasoning');
    expect(
      reasoning!.text.startsWith('Okay, so the user is asking how many times the letter "r" appears'),
    ).toBe(true);
    expect(text!.text.startsWith('The word "strawberry" contains **3** instances of the letter **R**.')).toBe(
      true,
    );
    expect(r.usage).toEqual({ inputTokens: 17, outputTokens: 649, reasoningTokens: 570 });
  });

  it('xai-tool-call.json: reasoning outside completion_tokens is added to outputTokens', () => {
    const r = decode('openai-chat/xai-tool-call.json');
    expect(r.usage).toEqual({
      inputTokens: 291,
      outputTokens: 215,
      cachedInputTokens: 244,
      reasoningTokens: 189,
    });
    expect(r.content.find((p) => p.type === 'tool-call')).toEqual({
      type: 'tool-call',
      id: 'call_93562515',
      name: 'weather',
      arguments: '{"location":"San Francisco"}',
    });
    expect(
      (r.content[0] as { text: string }).text.startsWith('First, the user is asking about the weather'),
    ).toBe(true);
  });

  it('inline <think> at the start of content is reasoning, not text', () => {
    const r = openaiChatCodec.decodeResponse({
      id: 'a',
      model: 'qwen',
      created: 5,
      choices: [{ message: { content: '<think>\nstep 1\n</think>\n\nAnswer.' }, finish_reason: 'stop' }],
    });
    expect(r.content).toEqual([
      { type: 'reasoning', text: 'step 1' },
      { type: 'text', text: 'Answer.' },
    ]);
  });

  it('rejects a body that is not a chat.completion with a 502', () => {
    expect(() => openaiChatCodec.decodeResponse({ hello: 1 })).toThrow(/not a chat.completion/);
  });
});

describe('openai-chat encodeResponse', () => {
  it('anthropic-thinking.json → chat.completion with reasoning_content and mapped usage', () => {
    const canonical = anthropicCodec.decodeResponse(loadJson('anthropic/anthropic-thinking.json'));
    const body = openaiChatCodec.encodeResponse(canonical, ctx) as any;
    expect(body).toEqual({
      id: 'msg_01XrsJCi8CQoLcnnWdY8RsJz',
      object: 'chat.completion',
      created: canonical.created,
      model: 'caller-model',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: '925 ÷ 5 = 185',
            reasoning_content: '925 divided by 5 = 185',
            refusal: null,
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 69,
        completion_tokens: 33,
        total_tokens: 102,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it('anthropic-tool-use.json → tool_calls with content null and finish tool_calls', () => {
    const canonical = anthropicCodec.decodeResponse(loadJson('anthropic/anthropic-tool-use.json'));
    const body = openaiChatCodec.encodeResponse(canonical, ctx) as any;
    expect(body.choices[0].message.content).toBeNull();
    expect(body.choices[0].message.tool_calls).toEqual([
      {
        id: 'toolu_01PQjhxo3eirCdKNvCJrKc8f',
        type: 'function',
        function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
      },
    ]);
    expect(body.choices[0].finish_reason).toBe('tool_calls');
    expect(body.usage.prompt_tokens).toBe(843);
  });

  it('mints a chatcmpl id when the upstream gave none; cache reads stay inside prompt_tokens', () => {
    const r: CanonicalResponse = {
      id: '',
      model: 'm',
      created: 7,
      content: [{ type: 'text', text: 'hi' }],
      finishReason: 'length',
      usage: { inputTokens: 1000, outputTokens: 10, cachedInputTokens: 900, reasoningTokens: 4 },
    };
    const body = openaiChatCodec.encodeResponse(r, ctx) as any;
    expect(body.id).toBe('chatcmpl-req123');
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage).toEqual({
      prompt_tokens: 1000,
      completion_tokens: 10,
      total_tokens: 1010,
      prompt_tokens_details: { cached_tokens: 900 },
      completion_tokens_details: { reasoning_tokens: 4 },
    });
  });
});
