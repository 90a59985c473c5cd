import { describe, expect, it } from 'vitest';
import type { ErrorKind, WireFormat } from '../../../core/formats/canonical.js';
import { ERROR_ENCODERS, errorBody } from '../../../core/formats/error-body.js';
import { CODECS } from '../../../core/formats/index.js';

describe('error bodies', () => {
  it("are each format's own encoder, the codec's (the fast path only avoids loading the codecs)", () => {
    for (const format of Object.keys(CODECS) as WireFormat[])
      expect(ERROR_ENCODERS[format], format).toBe(CODECS[format].encodeError);
  });

  it.each([
    [400, 'invalid_request', 'INVALID_ARGUMENT'],
    [401, 'authentication', 'UNAUTHENTICATED'],
    [403, 'permission', 'PERMISSION_DENIED'],
    // An OpenAI 404 decodes as invalid_request (its type): the code still names it.
    [404, 'invalid_request', 'NOT_FOUND'],
    [429, 'quota_exhausted', 'RESOURCE_EXHAUSTED'],
    [499, 'upstream', 'CANCELLED'],
    [503, 'upstream', 'UNAVAILABLE'],
    [504, 'timeout', 'DEADLINE_EXCEEDED'],
    // Codes without a name of their own: the kind decides.
    [413, 'request_too_large', 'INVALID_ARGUMENT'],
    [529, 'overloaded', 'UNAVAILABLE'],
    [502, 'upstream', 'INTERNAL'],
  ] as Array<[number, ErrorKind, string]>)('Gemini: HTTP %i (%s) is %s', (status, kind, name) => {
    expect(errorBody('gemini', { status, kind, message: 'm' })).toEqual({
      error: { code: status, message: 'm', status: name },
    });
  });
});

describe('stream error frames', () => {
  const error = { status: 502, kind: 'upstream' as const, message: 'broke off' };
  const ctx = { model: 'm', requestId: 'req-1' };

  it('end each format the way its SDKs raise', () => {
    expect(CODECS['openai-chat'].encodeStreamError(error, ctx)).toBe(
      'data: {"error":{"message":"broke off","type":"server_error","param":null,"code":null}}\n\ndata: [DONE]\n\n',
    );
    expect(CODECS.anthropic.encodeStreamError(error, ctx)).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"broke off"}}\n\n',
    );
    expect(CODECS.gemini.encodeStreamError(error, ctx)).toBe(
      'data: {"error":{"code":502,"message":"broke off","status":"INTERNAL"}}\n\n',
    );
    expect(CODECS.gemini.encodeStreamError(error, { ...ctx, jsonArrayStream: true })).toBe(
      ',\r\n{"error":{"code":502,"message":"broke off","status":"INTERNAL"}}]',
    );
    const responses = CODECS['openai-responses'].encodeStreamError(error, ctx);
    expect(
      responses
        .split('\n\n')
        .filter(Boolean)
        .map((e) => /^event: (.*)$/m.exec(e)?.[1]),
    ).toEqual(['response.failed', 'error']);
  });

  it('are the same events a stream encoder ends with', () => {
    for (const format of ['openai-chat', 'anthropic'] as const) {
      const encoder = CODECS[format].createStreamEncoder(ctx);
      encoder.push({ type: 'start', id: 'x', model: 'm', created: 1 });
      expect(encoder.push({ type: 'error', error }), format).toContain(
        CODECS[format].encodeStreamError(error, ctx),
      );
    }
  });
});
