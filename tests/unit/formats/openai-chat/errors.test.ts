import { describe, expect, it } from 'vitest';
import { encodeChatError } from '../../../../core/formats/openai-chat/errors.js';
import { openaiChatCodec } from '../../../../core/formats/openai-chat/index.js';
import { loadJson } from '../../../helpers/fixtures.js';

describe('openai-chat errors', () => {
  it('decodes the real unsupported-parameter capture', () => {
    const body = loadJson('openai-chat/openai-error-unsupported-parameter.json');
    expect(openaiChatCodec.decodeError(400, body)).toEqual({
      status: 400,
      kind: 'invalid_request',
      message:
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      param: 'max_tokens',
      code: 'unsupported_parameter',
    });
    // The same body as raw text from the wire.
    expect(openaiChatCodec.decodeError(400, JSON.stringify(body)).param).toBe('max_tokens');
  });

  it.each([
    [
      429,
      {
        error: {
          message: 'You exceeded your current quota',
          type: 'insufficient_quota',
          code: 'insufficient_quota',
        },
      },
      'quota_exhausted',
    ],
    [
      429,
      { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
      'rate_limit',
    ],
    [
      401,
      { error: { message: 'Incorrect API key', type: 'invalid_request_error', code: 'invalid_api_key' } },
      'authentication',
    ],
    [
      404,
      {
        error: {
          message: 'The model does not exist',
          type: 'invalid_request_error',
          code: 'model_not_found',
        },
      },
      'not_found',
    ],
    [500, { error: { message: 'boom', type: 'server_error' } }, 'upstream'],
    [503, { detail: 'Service Unavailable' }, 'overloaded'],
  ])('HTTP %i %j → %s', (status, body, kind) => {
    expect(openaiChatCodec.decodeError(status, body).kind).toBe(kind);
  });

  it('tolerates non-JSON, empty and odd bodies', () => {
    expect(openaiChatCodec.decodeError(502, '<html>Bad Gateway</html>')).toEqual({
      status: 502,
      kind: 'upstream',
      message: '<html>Bad Gateway</html>',
    });
    expect(openaiChatCodec.decodeError(500, '')).toEqual({
      status: 500,
      kind: 'upstream',
      message: 'Upstream returned HTTP 500.',
    });
    expect(openaiChatCodec.decodeError(400, { error: 'bad thing' }).message).toBe('bad thing');
    expect(openaiChatCodec.decodeError(429, null)).toMatchObject({
      kind: 'rate_limit',
      message: 'Upstream returned HTTP 429.',
    });
  });

  it('encodes the OpenAI envelope', () => {
    expect(
      (openaiChatCodec.encodeError as typeof encodeChatError)({
        status: 400,
        kind: 'invalid_request',
        message: 'bad',
        param: 'messages[2].content',
      }),
    ).toEqual({
      error: { message: 'bad', type: 'invalid_request_error', param: 'messages[2].content', code: null },
    });
    expect(
      (openaiChatCodec.encodeError as typeof encodeChatError)({
        status: 429,
        kind: 'quota_exhausted',
        message: 'spent',
      }),
    ).toEqual({
      error: { message: 'spent', type: 'insufficient_quota', param: null, code: 'insufficient_quota' },
    });
    expect(
      (openaiChatCodec.encodeError as typeof encodeChatError)({
        status: 429,
        kind: 'rate_limit',
        message: 'slow',
      }),
    ).toEqual({
      error: { message: 'slow', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
    });
    expect(
      (openaiChatCodec.encodeError as typeof encodeChatError)({
        status: 401,
        kind: 'authentication',
        message: 'key',
      }).error.type,
    ).toBe('authentication_error');
    expect(
      (openaiChatCodec.encodeError as typeof encodeChatError)({ status: 502, kind: 'upstream', message: 'x' })
        .error.type,
    ).toBe('server_error');
  });
});
