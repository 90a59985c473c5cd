import { describe, expect, it } from 'vitest';
import { GatewayError, type CanonicalResponse } from '../../../../core/formats/canonical.js';
import { geminiCodec } from '../../../../core/formats/gemini/index.js';
import { openaiResponsesCodec } from '../../../../core/formats/openai-responses/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

const ctx = { model: 'gemini-alias', requestId: 'req-7' };

describe('Gemini non-stream decode (real captures)', () => {
  it('google-text.json: signature on the text part becomes a following empty reasoning part', () => {
    const raw = loadJson('gemini/google-text.json');
    const r = geminiCodec.decodeResponse(raw);
    expect(r.id).toBe('Un6LacrVMcjUxs0PmJfWoQc');
    expect(r.model).toBe('gemini-3-pro-preview');
    expect(r.content).toEqual([
      {
        type: 'text',
        text: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
      },
      {
        type: 'reasoning',
        text: '',
        thoughtSignature: raw.candidates[0].content.parts[0].thoughtSignature,
        origin: 'gemini',
      },
    ]);
    expect(r.finishReason).toBe('stop');
    expect(r.rawFinishReason).toBe('STOP');
    expect(r.usage).toEqual({ inputTokens: 9, outputTokens: 272, reasoningTokens: 244 });
  });

  it('google-reasoning.json: thoughts counted into output', () => {
    const r = geminiCodec.decodeResponse(loadJson('gemini/google-reasoning.json'));
    expect(r.content[0]).toEqual({
      type: 'text',
      text: 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.',
    });
    expect(r.content[1]).toMatchObject({ type: 'reasoning', text: '', origin: 'gemini' });
    expect(r.usage).toEqual({ inputTokens: 9, outputTokens: 311, reasoningTokens: 282 });
  });

  it('google-tool-call.json: generated id, signature kept, STOP → tool_calls', () => {
    const raw = loadJson('gemini/google-tool-call.json');
    const r = geminiCodec.decodeResponse(raw);
    expect(r.content).toEqual([
      {
        type: 'tool-call',
        id: 'call_gemini_m36LaZGyCLz1xs0PtNSBQU_0',
        name: 'weather',
        arguments: '{"location":"San Francisco"}',
        thoughtSignature: raw.candidates[0].content.parts[0].thoughtSignature,
        origin: 'gemini',
      },
    ]);
    expect(r.finishReason).toBe('tool_calls');
    expect(r.usage).toEqual({ inputTokens: 29, outputTokens: 908, reasoningTokens: 893 });
  });

  it.each([
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
    ['BLOCKLIST', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['SPII', 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', 'error'],
    ['OTHER', 'other'],
  ])('finishReason %s → %s', (gemini, canonical) => {
    const r = geminiCodec.decodeResponse({
      candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: gemini }],
    });
    expect(r.finishReason).toBe(canonical);
  });

  it('counts cached and tool-use prompt tokens as input', () => {
    const r = geminiCodec.decodeResponse({
      candidates: [],
      usageMetadata: {
        promptTokenCount: 100,
        cachedContentTokenCount: 60,
        toolUsePromptTokenCount: 5,
        candidatesTokenCount: 7,
      },
      promptFeedback: { blockReason: 'SAFETY' },
    });
    expect(r.usage).toEqual({ inputTokens: 105, outputTokens: 7, cachedInputTokens: 60 });
    expect(r.finishReason).toBe('content_filter');
  });
});

describe('Gemini non-stream encode', () => {
  it('round-trips google-tool-call.json: functionCall with its signature, usage split back', () => {
    const raw = loadJson('gemini/google-tool-call.json');
    const body = geminiCodec.encodeResponse(geminiCodec.decodeResponse(raw), ctx) as any;
    expect(body.candidates[0]).toEqual({
      content: {
        role: 'model',
        parts: [
          {
            functionCall: { name: 'weather', args: { location: 'San Francisco' } },
            thoughtSignature: raw.candidates[0].content.parts[0].thoughtSignature,
          },
        ],
      },
      finishReason: 'STOP',
      index: 0,
    });
    expect(body.usageMetadata).toEqual({
      promptTokenCount: 29,
      candidatesTokenCount: 15,
      thoughtsTokenCount: 893,
      totalTokenCount: 937,
    });
    expect(body.modelVersion).toBe('gemini-alias');
    expect(body.responseId).toBe('m36LaZGyCLz1xs0PtNSB-QU');
  });

  it('encodes the OpenAI reasoning capture for a Gemini client (no foreign tokens leak)', () => {
    const canonical = openaiResponsesCodec.decodeResponse(
      loadJson('openai-responses/openai-reasoning-encrypted-content.json'),
    );
    const body = geminiCodec.encodeResponse(canonical, ctx) as any;
    const parts = body.candidates[0].content.parts;
    expect(parts).toHaveLength(2);
    expect(parts[0].thought).toBe(true);
    expect(parts[0].text.startsWith('**Reporting final result**')).toBe(true);
    expect(parts[0].thoughtSignature).toBeUndefined();
    expect(parts[1]).toEqual({ text: '12 + 7 = 19\n19 × 3 = 57\n57 × 10 = 570\n\nFinal result: 570' });
    expect(JSON.stringify(body)).not.toContain('gAAAAAB');
    expect(body.usageMetadata).toEqual({
      promptTokenCount: 865,
      candidatesTokenCount: 35,
      thoughtsTokenCount: 128,
      totalTokenCount: 1028,
    });
  });

  it('maps finish reasons back', () => {
    const base: CanonicalResponse = { id: 'i', model: 'm', created: 1, content: [], finishReason: 'length' };
    expect((geminiCodec.encodeResponse(base, ctx) as any).candidates[0].finishReason).toBe('MAX_TOKENS');
    expect(
      (geminiCodec.encodeResponse({ ...base, finishReason: 'content_filter' }, ctx) as any).candidates[0]
        .finishReason,
    ).toBe('SAFETY');
    expect(
      (
        geminiCodec.encodeResponse(
          { ...base, finishReason: 'content_filter', rawFinishReason: 'RECITATION' },
          ctx,
        ) as any
      ).candidates[0].finishReason,
    ).toBe('RECITATION');
  });
});

describe('Gemini errors', () => {
  it('surfaces RetryInfo as retryAfter and carries it into GatewayError', () => {
    const body = {
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
              },
            ],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' },
        ],
      },
    };
    const info = geminiCodec.decodeError(429, body);
    expect(info).toEqual({
      status: 429,
      kind: 'rate_limit',
      message: 'You exceeded your current quota, please check your plan and billing details.',
      code: 'RESOURCE_EXHAUSTED',
      retryAfter: 30,
    });
    expect(new GatewayError(info).retryAfter).toBe(30);
    const perDay = structuredClone(body);
    perDay.error.details[0]!.violations![0]!.quotaId = 'GenerateRequestsPerDayPerProjectPerModel-FreeTier';
    expect(geminiCodec.decodeError(429, JSON.stringify(perDay)).kind).toBe('quota_exhausted');
  });

  it.each([
    [400, 'INVALID_ARGUMENT', 'invalid_request'],
    [401, 'UNAUTHENTICATED', 'authentication'],
    [403, 'PERMISSION_DENIED', 'permission'],
    [404, 'NOT_FOUND', 'not_found'],
    [500, 'INTERNAL', 'upstream'],
    [503, 'UNAVAILABLE', 'overloaded'],
    [504, 'DEADLINE_EXCEEDED', 'timeout'],
  ])('%i %s → %s and back', (status, grpc, kind) => {
    const info = geminiCodec.decodeError(status, [{ error: { code: status, message: 'm', status: grpc } }]);
    expect(info.kind).toBe(kind);
    expect(geminiCodec.encodeError(info)).toEqual({ error: { code: status, message: 'm', status: grpc } });
  });

  it('tolerates empty and non-JSON bodies', () => {
    expect(geminiCodec.decodeError(500, '')).toEqual({
      status: 500,
      kind: 'upstream',
      message: 'Upstream answered HTTP 500 without an error message.',
    });
    expect(geminiCodec.decodeError(502, 'Bad Gateway')).toEqual({
      status: 502,
      kind: 'upstream',
      message: 'Bad Gateway',
    });
    expect(geminiCodec.decodeError(429, null).kind).toBe('rate_limit');
  });
});
