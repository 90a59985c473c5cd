import { kindForStatus, type ErrorKind, type GatewayErrorInfo } from '../canonical.js';
import { nonEmptyString, parseErrorBody } from '../json.js';
import type { EncodeContext } from '../codec.js';
import { OPENAI_ERROR_TYPES } from '../openai-chat/errors.js';
import { responseId } from './ids.js';
import { responseEnvelope } from './response.js';

// Codes OpenAI uses whose meaning is sharper than the HTTP status (a 429 can be a retryable
// rate limit or an exhausted quota that no retry will fix).
const KIND_BY_CODE: Record<string, ErrorKind> = {
  insufficient_quota: 'quota_exhausted',
  billing_hard_limit_reached: 'quota_exhausted',
  usage_limit_reached: 'quota_exhausted',
  rate_limit_exceeded: 'rate_limit',
  invalid_api_key: 'authentication',
  context_length_exceeded: 'invalid_request',
  server_is_overloaded: 'overloaded',
  model_not_found: 'not_found',
};

export function decodeResponsesError(status: number, body: unknown): GatewayErrorInfo {
  const parsed = parseErrorBody(body);
  const err =
    parsed && typeof parsed === 'object' && 'error' in parsed && (parsed as { error: unknown }).error
      ? (parsed as { error: unknown }).error
      : parsed;
  const fields = err && typeof err === 'object' ? (err as Record<string, unknown>) : {};
  const code = nonEmptyString(fields.code);
  const type = nonEmptyString(fields.type);
  const kind =
    (code ? KIND_BY_CODE[code] : undefined) ??
    (type ? KIND_BY_CODE[type] : undefined) ??
    kindForStatus(status);
  let message =
    nonEmptyString(fields.message) ?? (typeof err === 'string' ? err.trim().slice(0, 500) : undefined);
  if (!message) message = `Upstream answered HTTP ${status} without an error message.`;
  const info: GatewayErrorInfo = { status, kind, message };
  const param = nonEmptyString(fields.param);
  if (param) info.param = param;
  if (code) info.code = code;
  else if (type && type !== 'invalid_request_error') info.code = type;
  return info;
}

// Codex keys its retry and "you are out of credits" handling on these codes.
const CODE_BY_KIND: Partial<Record<ErrorKind, string>> = {
  rate_limit: 'rate_limit_exceeded',
  quota_exhausted: 'insufficient_quota',
  overloaded: 'server_is_overloaded',
  upstream: 'server_error',
  api: 'server_error',
};

export function encodeResponsesError(error: GatewayErrorInfo): {
  error: { message: string; type: string; param: string | null; code: string | null };
} {
  return {
    error: {
      message: error.message,
      type: OPENAI_ERROR_TYPES[error.kind] ?? 'server_error',
      param: error.param ?? null,
      code: error.code ?? CODE_BY_KIND[error.kind] ?? null,
    },
  };
}

/**
 * What ends a Responses stream that failed: `response.failed` carries `error` (what Codex acts
 * on), then an `error` event whose `error` object makes the openai SDK's iterator throw. One
 * shape for the stream encoder and for a passthrough stream cut midway (responsesStreamErrorFrame, below).
 */
export function responsesFailure(error: GatewayErrorInfo): {
  responseError: { code: string; message: string };
  errorEvent: Record<string, unknown>;
} {
  const body = encodeResponsesError(error).error;
  const code = body.code ?? body.type;
  return {
    responseError: { code, message: body.message },
    errorEvent: { code, message: body.message, param: body.param, error: body },
  };
}

/**
 * The end of a Responses stream the upstream wrote itself (passthrough) that failed midway: the
 * same `response.failed` and `error` events a translated stream ends with. The upstream's
 * response id and sequence numbers are not known here: the id is the request's, as the encoder
 * mints it, and the events carry no sequence_number.
 */
export function responsesStreamErrorFrame(error: GatewayErrorInfo, ctx: EncodeContext): string {
  const { responseError, errorEvent } = responsesFailure(error);
  const response = responseEnvelope({
    id: responseId(undefined, ctx.requestId),
    created: Math.floor(Date.now() / 1000),
    model: ctx.model,
    status: 'failed',
    output: [],
    usage: null,
    error: responseError,
  });
  return (
    `event: response.failed\ndata: ${JSON.stringify({ type: 'response.failed', response })}\n\n` +
    `event: error\ndata: ${JSON.stringify({ type: 'error', ...errorEvent })}\n\n`
  );
}
