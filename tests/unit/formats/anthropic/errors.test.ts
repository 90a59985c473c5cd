import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../../../core/formats/canonical.js';
import { encodeAnthropicError } from '../../../../core/formats/anthropic/errors.js';
import { anthropicCodec } from '../../../../core/formats/anthropic/index.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

describe('anthropic errors', () => {
  it.each([
    [400, 'invalid_request_error', 'invalid_request'],
    [401, 'authentication_error', 'authentication'],
    [403, 'permission_error', 'permission'],
    [404, 'not_found_error', 'not_found'],
    [413, 'request_too_large', 'request_too_large'],
    [429, 'rate_limit_error', 'rate_limit'],
    [500, 'api_error', 'api'],
    [529, 'overloaded_error', 'overloaded'],
  ] as const)('decodes HTTP %i %s → %s and encodes it back', (status, type, kind) => {
    const info = anthropicCodec.decodeError(status, {
      type: 'error',
      error: { type, message: `msg ${type}` },
    });
    expect(info).toEqual({ status, kind, message: `msg ${type}` });
    expect((anthropicCodec.encodeError as typeof encodeAnthropicError)(info)).toEqual({
      type: 'error',
      error: { type, message: `msg ${type}` },
    });
  });

  it('tolerates non-JSON and empty bodies', () => {
    expect(anthropicCodec.decodeError(502, 'upstream connect error')).toEqual({
      status: 502,
      kind: 'upstream',
      message: 'upstream connect error',
    });
    expect(anthropicCodec.decodeError(529, undefined)).toEqual({
      status: 529,
      kind: 'overloaded',
      message: 'Upstream returned HTTP 529.',
    });
  });

  it('an OpenAI error (the real capture) re-encoded for an Anthropic caller', () => {
    const info = openaiChatCodec.decodeError(
      400,
      loadJson('openai-chat/openai-error-unsupported-parameter.json'),
    );
    expect((anthropicCodec.encodeError as typeof encodeAnthropicError)(info)).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message:
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      },
    });
  });

  it.each([
    ['quota_exhausted', 'rate_limit_error'],
    ['timeout', 'timeout_error'],
    ['upstream', 'api_error'],
  ] as const)('kind %s is sent as %s', (kind: ErrorKind, type) => {
    expect(
      (anthropicCodec.encodeError as typeof encodeAnthropicError)({ status: 500, kind, message: 'm' }).error
        .type,
    ).toBe(type);
  });
});
