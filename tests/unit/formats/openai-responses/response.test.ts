import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../../../core/formats/canonical.js';
import { GatewayError } from '../../../../core/formats/canonical.js';
import { openaiResponsesCodec } from '../../../../core/formats/openai-responses/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

const ctx = { model: 'my-model', requestId: 'req-42' };

describe('Responses non-stream decode (real captures)', () => {
  it('openai-text.json', () => {
    const r = openaiResponsesCodec.decodeResponse(loadJson('openai-responses/openai-text.json'));
    expect(r).toEqual({
      id: 'resp_048edf44633e41ae0069d4fe9fabf48194957da2d8582b1c4a',
      model: 'gpt-4.1-nano-2025-04-14',
      created: 1775566496,
      content: [{ type: 'text', text: 'Dummy PDF file' }],
      finishReason: 'stop',
      rawFinishReason: 'completed',
      usage: { inputTokens: 44, outputTokens: 4, cachedInputTokens: 0, reasoningTokens: 0 },
    });
  });

  it('openai-function-call.json: call_id is the canonical id, fc_ id is itemId', () => {
    const r = openaiResponsesCodec.decodeResponse(loadJson('openai-responses/openai-function-call.json'));
    expect(r.content).toEqual([
      {
        type: 'tool-call',
        id: 'call_heVrRaKZEJbsRvHvaEf5BLUI',
        itemId: 'fc_01166e06cf473fc80169ab66eb3e9c8196a9a7eb80fc0f6cdf',
        name: 'get_weather',
        arguments: '{"location":"San Francisco, CA","unit":"fahrenheit"}',
        origin: 'openai-responses',
      },
    ]);
    expect(r.finishReason).toBe('tool_calls');
    expect(r.usage).toEqual({ inputTokens: 461, outputTokens: 26, cachedInputTokens: 0, reasoningTokens: 0 });
  });

  it('openai-reasoning-encrypted-content.json: encrypted_content byte for byte', () => {
    const raw = loadJson('openai-responses/openai-reasoning-encrypted-content.json');
    const r = openaiResponsesCodec.decodeResponse(raw);
    const [reasoning, text] = r.content;
    expect(reasoning).toMatchObject({
      type: 'reasoning',
      itemId: 'rs_0f35ed53160b395301693cc95817ac8190b978637daea4987e',
      origin: 'openai-responses',
    });
    expect(reasoning?.type === 'reasoning' && reasoning.encryptedContent).toBe(
      raw.output[0].encrypted_content,
    );
    expect(
      reasoning?.type === 'reasoning' && reasoning.encryptedContent?.startsWith('gAAAAABpPMlcH0HHEv5_'),
    ).toBe(true);
    expect(
      reasoning?.type === 'reasoning' &&
        reasoning.text.startsWith('**Reporting final result**\n\nThe tool returned 570'),
    ).toBe(true);
    expect(text).toEqual({
      type: 'text',
      text: '12 + 7 = 19\n19 × 3 = 57\n57 × 10 = 570\n\nFinal result: 570',
    });
    expect(r.usage).toEqual({
      inputTokens: 865,
      outputTokens: 163,
      cachedInputTokens: 0,
      reasoningTokens: 128,
    });
    expect(r.finishReason).toBe('stop');
  });

  it('incomplete with max_output_tokens is length', () => {
    const r = openaiResponsesCodec.decodeResponse({
      id: 'resp_x',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [],
    });
    expect(r.finishReason).toBe('length');
    expect(r.rawFinishReason).toBe('max_output_tokens');
  });
});

describe('Responses non-stream encode', () => {
  it('re-encodes the reasoning capture: same item ids, encrypted_content, usage', () => {
    const raw = loadJson('openai-responses/openai-reasoning-encrypted-content.json');
    const body = openaiResponsesCodec.encodeResponse(openaiResponsesCodec.decodeResponse(raw), ctx) as any;
    expect(body.id).toBe('resp_0f35ed53160b395301693cc957829881909359e7f80cdd20b5');
    expect(body.object).toBe('response');
    expect(body.status).toBe('completed');
    expect(body.model).toBe('my-model');
    expect(body.created_at).toBe(1765591383);
    expect(body.output[0]).toEqual({
      id: 'rs_0f35ed53160b395301693cc95817ac8190b978637daea4987e',
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: raw.output[0].summary[0].text }],
      encrypted_content: raw.output[0].encrypted_content,
    });
    expect(body.output[1].type).toBe('message');
    expect(body.output[1].content[0]).toEqual({
      type: 'output_text',
      annotations: [],
      logprobs: [],
      text: '12 + 7 = 19\n19 × 3 = 57\n57 × 10 = 570\n\nFinal result: 570',
    });
    expect(body.usage).toEqual(raw.usage);
  });

  it('mints resp_/msg_/fc_ ids for foreign content and maps length to incomplete', () => {
    const canonical: CanonicalResponse = {
      id: 'YH6LaZT7ENmPxN8P',
      model: 'gemini-3-pro-preview',
      created: 10,
      content: [
        { type: 'reasoning', text: '', thoughtSignature: 'sig', origin: 'gemini' },
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
        { type: 'tool-call', id: 'call_gemini_x_0', name: 'f', arguments: '{}', origin: 'gemini' },
      ],
      finishReason: 'length',
      usage: { inputTokens: 3, outputTokens: 5, reasoningTokens: 2 },
    };
    const body = openaiResponsesCodec.encodeResponse(canonical, ctx) as any;
    expect(body.id).toBe('resp_req42');
    expect(body.status).toBe('incomplete');
    expect(body.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    // The bare Gemini signature is not an OpenAI reasoning item; adjacent texts share one message.
    expect(body.output.map((o: any) => o.type)).toEqual(['message', 'function_call']);
    expect(body.output[0].content.map((c: any) => c.text)).toEqual(['a', 'b']);
    expect(body.output[0].id).toMatch(/^msg_req42/);
    expect(body.output[1]).toMatchObject({
      type: 'function_call',
      call_id: 'call_gemini_x_0',
      name: 'f',
      arguments: '{}',
    });
    expect(body.output[1].id).toMatch(/^fc_req42/);
    expect(body.usage).toEqual({
      input_tokens: 3,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 8,
    });
  });

  it('answers calls to declared custom tools as custom_tool_call with the raw input', () => {
    const patch = '*** Begin Patch\n*** End Patch';
    const body = openaiResponsesCodec.encodeResponse(
      {
        id: 'x',
        model: 'm',
        created: 1,
        content: [
          {
            type: 'tool-call',
            id: 'call_1',
            name: 'apply_patch',
            arguments: JSON.stringify({ input: patch }),
          },
        ],
        finishReason: 'tool_calls',
      },
      { ...ctx, customTools: ['apply_patch'] },
    ) as any;
    expect(body.output[0]).toMatchObject({
      type: 'custom_tool_call',
      call_id: 'call_1',
      name: 'apply_patch',
      input: patch,
    });
    expect(body.output[0].id).toMatch(/^ctc_/);
  });
});

describe('Responses errors', () => {
  it('decodes the insufficient_quota capture as quota_exhausted', () => {
    const info = openaiResponsesCodec.decodeError(
      429,
      loadJson('openai-responses/openai-error-insufficient-quota.json'),
    );
    expect(info).toEqual({
      status: 429,
      kind: 'quota_exhausted',
      code: 'insufficient_quota',
      message:
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
    });
    // GatewayError takes it as is.
    expect(new GatewayError(info).kind).toBe('quota_exhausted');
  });

  it('tolerates empty and non-JSON bodies', () => {
    expect(openaiResponsesCodec.decodeError(502, '')).toEqual({
      status: 502,
      kind: 'upstream',
      message: 'Upstream answered HTTP 502 without an error message.',
    });
    expect(openaiResponsesCodec.decodeError(503, '<html>Service Unavailable</html>')).toEqual({
      status: 503,
      kind: 'overloaded',
      message: '<html>Service Unavailable</html>',
    });
    expect(openaiResponsesCodec.decodeError(401, undefined).kind).toBe('authentication');
    expect(
      openaiResponsesCodec.decodeError(
        400,
        '{"error":{"message":"bad","param":"input","type":"invalid_request_error"}}',
      ),
    ).toEqual({ status: 400, kind: 'invalid_request', message: 'bad', param: 'input' });
  });

  it('encodes OpenAI error envelopes with codes Codex understands', () => {
    expect(
      openaiResponsesCodec.encodeError({
        status: 400,
        kind: 'invalid_request',
        message: 'm',
        param: 'input[0].role',
      }),
    ).toEqual({ error: { message: 'm', type: 'invalid_request_error', param: 'input[0].role', code: null } });
    expect(openaiResponsesCodec.encodeError({ status: 429, kind: 'quota_exhausted', message: 'q' })).toEqual({
      error: { message: 'q', type: 'insufficient_quota', param: null, code: 'insufficient_quota' },
    });
    expect(openaiResponsesCodec.encodeError({ status: 429, kind: 'rate_limit', message: 'r' })).toEqual({
      error: { message: 'r', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
    });
  });
});
