import { describe, expect, it } from 'vitest';
import { openaiResponsesCodec } from '../../../../core/formats/openai-responses/index.js';
import { fixtureSseMessages, loadChunkLines } from '../../../helpers/fixtures.js';
import { collect, decodeAll } from './stream-helpers.js';

const decode = (name: string) =>
  decodeAll(
    openaiResponsesCodec.createStreamDecoder(),
    fixtureSseMessages(`openai-responses/${name}`, 'openai-responses'),
  );

describe('Responses stream decoder on real captures', () => {
  it('openai-text: start, one text block, usage, stop', () => {
    const events = decode('openai-text.chunks.txt');
    expect(events[0]).toEqual({
      type: 'start',
      id: 'resp_051ebd7ab60063870069d4fe8ac1348194bf06d0a4646af05f',
      model: 'gpt-4.1-nano-2025-04-14',
      created: 1775566475,
    });
    expect(events.map((e) => e.type)).toEqual([
      'start',
      'text-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-end',
      'usage',
      'finish',
    ]);
    const c = collect(events);
    expect(c.text).toBe('Dummy PDF file');
    expect(c.usage).toEqual({ inputTokens: 44, outputTokens: 4, cachedInputTokens: 0, reasoningTokens: 0 });
    expect(c.finish).toEqual({
      type: 'finish',
      reason: 'stop',
      rawReason: 'completed',
      usage: { inputTokens: 44, outputTokens: 4, cachedInputTokens: 0, reasoningTokens: 0 },
    });
  });

  it('openai-function-call: fc_ item id and call_ id stay distinct, finish is tool_calls', () => {
    const events = decode('openai-function-call.chunks.txt');
    const start = events.find((e) => e.type === 'tool-call-start');
    expect(start).toEqual({
      type: 'tool-call-start',
      id: 'call_Q7pq6EfVGRnauPLWSSYBGJ1l',
      name: 'get_weather',
      itemId: 'fc_05147bbe356953b60069ab673745c081969b5c16c333b4f179',
      origin: 'openai-responses',
    });
    const c = collect(events);
    expect(c.toolCalls).toHaveLength(1);
    expect(c.toolCalls[0]!.arguments).toBe('{"location":"San Francisco, CA","unit":"fahrenheit"}');
    expect(events.filter((e) => e.type === 'tool-call-delta')).toHaveLength(13);
    expect(c.finishReason).toBe('tool_calls');
    expect(c.usage).toMatchObject({ inputTokens: 467, outputTokens: 26 });
    // The end of the call comes before the finish (9router #867: finish decided too early).
    const endIdx = events.findIndex((e) => e.type === 'tool-call-end');
    expect(endIdx).toBeGreaterThan(0);
    expect(endIdx).toBeLessThan(events.findIndex((e) => e.type === 'finish'));
  });

  it('azure-function-call: tolerates content_filters and decodes the weather call', () => {
    const c = collect(decode('azure-function-call.chunks.txt'));
    expect(c.toolCalls).toEqual([
      {
        id: 'call_H5DxLSFnsGhiROnUiDHmgyc8',
        name: 'weather',
        arguments: '{"location":"San Francisco"}',
        itemId: 'fc_04041325ab8ae30400698c51c5468c8197a395f18875a5339f',
      },
    ]);
    expect(c.finishReason).toBe('tool_calls');
    expect(c.usage).toEqual({ inputTokens: 45, outputTokens: 24, cachedInputTokens: 0, reasoningTokens: 0 });
  });

  it('xai-reasoning-summary: reasoning block then text, cached and reasoning tokens', () => {
    const lines = loadChunkLines('openai-responses/xai-reasoning-summary.chunks.txt').map((l) =>
      JSON.parse(l),
    );
    const summaryDone = lines.find((l) => l.type === 'response.reasoning_summary_text.done');
    const textDone = lines.find((l) => l.type === 'response.output_text.done');
    const events = decode('xai-reasoning-summary.chunks.txt');
    const c = collect(events);
    expect(c.reasoning).toBe(summaryDone.text);
    expect(c.reasoning.startsWith('First, the question is: "What is specifically notable')).toBe(true);
    expect(c.text).toBe(textDone.text);
    expect(c.text.startsWith('### Overview of Sonoran Cuisine\n')).toBe(true);
    expect(c.reasoningEnds).toEqual([
      {
        type: 'reasoning-end',
        id: 'reasoning-0',
        origin: 'openai-responses',
        itemId: 'rs_bf3b2b34-79d4-a45c-7be8-d1e5f96386c2',
      },
    ]);
    expect(events.find((e) => e.type === 'reasoning-start')).toMatchObject({
      itemId: 'rs_bf3b2b34-79d4-a45c-7be8-d1e5f96386c2',
    });
    expect(c.usage).toEqual({
      inputTokens: 216,
      outputTokens: 923,
      cachedInputTokens: 192,
      reasoningTokens: 323,
    });
    expect(c.finishReason).toBe('stop');
    // Reasoning closes before the text opens.
    const types = events.map((e) => e.type);
    expect(types.indexOf('reasoning-end')).toBeLessThan(types.indexOf('text-start'));
  });

  it('carries encrypted_content from the reasoning output_item.done', () => {
    const decoder = openaiResponsesCodec.createStreamDecoder();
    const msgs = [
      { type: 'response.created', response: { id: 'resp_1', model: 'gpt-5', created_at: 1 } },
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { id: 'rs_1', type: 'reasoning', summary: [] },
      },
      { type: 'response.reasoning_summary_part.added', output_index: 0, summary_index: 0 },
      { type: 'response.reasoning_summary_text.delta', output_index: 0, summary_index: 0, delta: 'One' },
      { type: 'response.reasoning_summary_part.added', output_index: 0, summary_index: 1 },
      { type: 'response.reasoning_summary_text.delta', output_index: 0, summary_index: 1, delta: 'Two' },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { id: 'rs_1', type: 'reasoning', summary: [], encrypted_content: 'gAAAA-secret' },
      },
      {
        type: 'response.completed',
        response: { status: 'completed', usage: { input_tokens: 1, output_tokens: 2 } },
      },
    ].map((m) => ({ event: m.type, data: JSON.stringify(m) }));
    const c = collect(decodeAll(decoder, msgs));
    expect(c.reasoning).toBe('One\n\nTwo');
    expect(c.reasoningEnds[0]).toMatchObject({ encryptedContent: 'gAAAA-secret', itemId: 'rs_1' });
  });

  it('correlates by output_index when item ids rotate (GitHub Copilot)', () => {
    const msgs = [
      { type: 'response.created', response: { id: 'resp_r', model: 'gpt-5', created_at: 1 } },
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { id: 'fc_A', type: 'function_call', call_id: 'call_1', name: 'ls', arguments: '' },
      },
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_B', delta: '{"path"' },
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_C', delta: ':"."}' },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { id: 'fc_D', type: 'function_call', call_id: 'call_1', name: 'ls', arguments: '{"path":"."}' },
      },
      { type: 'response.completed', response: { status: 'completed' } },
    ].map((m) => ({ event: m.type, data: JSON.stringify(m) }));
    const c = collect(decodeAll(openaiResponsesCodec.createStreamDecoder(), msgs));
    expect(c.toolCalls).toEqual([{ id: 'call_1', name: 'ls', arguments: '{"path":"."}', itemId: 'fc_A' }]);
    expect(c.finishReason).toBe('tool_calls');
  });

  it('wraps custom_tool_call input as {"input": …} with escaping', () => {
    const patch = '*** Begin Patch\n*** Add File: a "q".txt\n+hi\n*** End Patch';
    const msgs = [
      { type: 'response.created', response: { id: 'resp_c', model: 'gpt-5-codex', created_at: 1 } },
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { id: 'ctc_1', type: 'custom_tool_call', call_id: 'call_p', name: 'apply_patch', input: '' },
      },
      { type: 'response.custom_tool_call_input.delta', output_index: 0, delta: patch.slice(0, 20) },
      { type: 'response.custom_tool_call_input.delta', output_index: 0, delta: patch.slice(20) },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { id: 'ctc_1', type: 'custom_tool_call', call_id: 'call_p', name: 'apply_patch', input: patch },
      },
      { type: 'response.completed', response: { status: 'completed' } },
    ].map((m) => ({ event: m.type, data: JSON.stringify(m) }));
    const c = collect(decodeAll(openaiResponsesCodec.createStreamDecoder(), msgs));
    expect(JSON.parse(c.toolCalls[0]!.arguments)).toEqual({ input: patch });
    expect(c.finishReason).toBe('tool_calls');
  });

  it('maps response.incomplete(max_output_tokens) to length and error events to canonical errors', () => {
    const incomplete = decodeAll(openaiResponsesCodec.createStreamDecoder(), [
      {
        event: 'response.created',
        data: JSON.stringify({ type: 'response.created', response: { id: 'r' } }),
      },
      {
        event: 'response.incomplete',
        data: JSON.stringify({
          type: 'response.incomplete',
          response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
        }),
      },
    ]);
    expect(collect(incomplete).finish).toMatchObject({ reason: 'length', rawReason: 'max_output_tokens' });

    const failed = decodeAll(openaiResponsesCodec.createStreamDecoder(), [
      {
        event: 'response.failed',
        data: JSON.stringify({
          type: 'response.failed',
          response: { status: 'failed', error: { code: 'insufficient_quota', message: 'out of credits' } },
        }),
      },
    ]);
    expect(failed.map((e) => e.type)).toEqual(['start', 'error']);
    expect(failed[1]).toEqual({
      type: 'error',
      error: { status: 500, kind: 'quota_exhausted', message: 'out of credits', code: 'insufficient_quota' },
    });

    const flat = decodeAll(openaiResponsesCodec.createStreamDecoder(), [
      {
        event: 'error',
        data: JSON.stringify({
          type: 'error',
          code: 'rate_limit_exceeded',
          message: 'slow down',
          param: null,
        }),
      },
    ]);
    expect(flat[1]).toEqual({
      type: 'error',
      error: { status: 429, kind: 'rate_limit', message: 'slow down', code: 'rate_limit_exceeded' },
    });
  });

  it('emits finish from end() when the upstream hangs up', () => {
    const decoder = openaiResponsesCodec.createStreamDecoder();
    const events = decodeAll(decoder, [
      {
        event: 'response.created',
        data: JSON.stringify({ type: 'response.created', response: { id: 'r' } }),
      },
      {
        event: 'response.output_text.delta',
        data: JSON.stringify({
          type: 'response.output_text.delta',
          output_index: 0,
          content_index: 0,
          delta: 'Hi',
        }),
      },
    ]);
    const c = collect(events);
    expect(c.text).toBe('Hi');
    expect(c.finishReason).toBe('other');
  });
});
