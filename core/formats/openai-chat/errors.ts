import { kindForStatus, type ErrorKind, type GatewayErrorInfo } from '../canonical.js';
import { isRecord, nonEmptyString, parseErrorBody } from '../json.js';

function kindFor(type: string | undefined, code: string | undefined, status: number): ErrorKind {
  // The code is more specific than the type: a 429 with insufficient_quota will not clear by
  // waiting, a plain rate limit will.
  if (code === 'insufficient_quota' || type === 'insufficient_quota') return 'quota_exhausted';
  if (code === 'invalid_api_key' || type === 'authentication_error') return 'authentication';
  if (code === 'model_not_found' || type === 'not_found_error') return 'not_found';
  if (
    code === 'rate_limit_exceeded' ||
    type === 'rate_limit_error' ||
    type === 'requests' ||
    type === 'tokens'
  )
    return 'rate_limit';
  if (code === 'context_length_exceeded' || type === 'invalid_request_error') {
    return status === 413 ? 'request_too_large' : 'invalid_request';
  }
  if (type === 'permission_error') return 'permission';
  if (type === 'server_error' || type === 'api_error') return status === 503 ? 'overloaded' : 'upstream';
  return kindForStatus(status);
}

/**
 * An upstream error body → normalised error. Tolerates the shapes OpenAI-compatible servers
 * really send: `{error:{…}}`, `{error:"text"}`, `{message}`, `{detail}`, plain text, nothing.
 */
export function decodeChatErrorBody(status: number, body: unknown): GatewayErrorInfo {
  const parsed = parseErrorBody(body);
  const envelope = isRecord(parsed) ? parsed : {};
  const error = isRecord(envelope.error) ? envelope.error : envelope;
  const message =
    nonEmptyString(error.message) ??
    nonEmptyString(envelope.error) ??
    nonEmptyString(envelope.detail) ??
    (typeof parsed === 'string' ? parsed.slice(0, 500) : undefined) ??
    `Upstream returned HTTP ${status}.`;
  const type = nonEmptyString(error.type);
  const code = typeof error.code === 'number' ? String(error.code) : nonEmptyString(error.code);
  const info: GatewayErrorInfo = { status, kind: kindFor(type, code, status), message };
  const param = nonEmptyString(error.param);
  if (param) info.param = param;
  if (code) info.code = code;
  return info;
}

/**
 * OpenAI's error `type` for each kind. The Responses API answers with the same platform error
 * types, so its folder reads this table rather than keeping a copy that could drift.
 */
export const OPENAI_ERROR_TYPES: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  // Not only a model: an unknown route too, so no model_not_found code is implied.
  not_found: 'not_found_error',
  request_too_large: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  quota_exhausted: 'insufficient_quota',
  timeout: 'timeout_error',
  overloaded: 'server_error',
  upstream: 'server_error',
  api: 'server_error',
};

const CODE_FOR_KIND: Partial<Record<ErrorKind, string>> = {
  rate_limit: 'rate_limit_exceeded',
  quota_exhausted: 'insufficient_quota',
};

export function encodeChatError(error: GatewayErrorInfo): { error: Record<string, unknown> } {
  return {
    error: {
      message: error.message,
      type: OPENAI_ERROR_TYPES[error.kind],
      param: error.param ?? null,
      code: error.code ?? CODE_FOR_KIND[error.kind] ?? null,
    },
  };
}

/** The end of a Chat stream that failed midway: an error chunk (the SDK raises on it), then [DONE]. */
export function chatStreamErrorFrame(error: GatewayErrorInfo): string {
  return `data: ${JSON.stringify(encodeChatError(error))}\n\ndata: [DONE]\n\n`;
}
