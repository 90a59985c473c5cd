import { kindForStatus, type ErrorKind, type GatewayErrorInfo } from '../canonical.js';
import { isRecord, parseErrorBody } from '../json.js';

const KIND_FOR_TYPE: Record<string, ErrorKind> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limit',
  billing_error: 'quota_exhausted',
  timeout_error: 'timeout',
  api_error: 'api',
  overloaded_error: 'overloaded',
};

const STATUS_FOR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  timeout_error: 504,
  api_error: 500,
  overloaded_error: 529,
};

/** `{type:'error', error:{type, message}}` (or whatever a proxy in between sent) → normalised error. */
export function decodeAnthropicErrorBody(status: number, body: unknown): GatewayErrorInfo {
  const parsed = parseErrorBody(body);
  const envelope = isRecord(parsed) ? parsed : {};
  const error = isRecord(envelope.error) ? envelope.error : envelope;
  const type = typeof error.type === 'string' && error.type !== 'error' ? error.type : undefined;
  const message =
    (typeof error.message === 'string' && error.message) ||
    (typeof envelope.error === 'string' && envelope.error) ||
    (typeof parsed === 'string' ? parsed.slice(0, 500) : '') ||
    `Upstream returned HTTP ${status}.`;
  // Mid-stream `error` events arrive on a 200 stream: the type says what really happened.
  const effectiveStatus = status >= 400 ? status : type ? (STATUS_FOR_TYPE[type] ?? 500) : 500;
  const info: GatewayErrorInfo = {
    status: effectiveStatus,
    kind: (type && KIND_FOR_TYPE[type]) || kindForStatus(effectiveStatus),
    message,
  };
  if (type === 'billing_error') info.code = type;
  return info;
}

/**
 * The error types Anthropic clients know. A spent quota is reported as rate_limit_error: it
 * is a 429 for the client, and Claude Code shows the message rather than a generic failure.
 */
const TYPE_FOR_KIND: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  quota_exhausted: 'rate_limit_error',
  // Anthropic's own answer when it gave up waiting (HTTP 504).
  timeout: 'timeout_error',
  overloaded: 'overloaded_error',
  upstream: 'api_error',
  api: 'api_error',
};

export function encodeAnthropicError(error: GatewayErrorInfo): {
  type: 'error';
  error: { type: string; message: string };
} {
  return { type: 'error', error: { type: TYPE_FOR_KIND[error.kind], message: error.message } };
}

/** The end of a Messages stream that failed midway: an `error` event, which the SDK raises. */
export function anthropicStreamErrorFrame(error: GatewayErrorInfo): string {
  return `event: error\ndata: ${JSON.stringify(encodeAnthropicError(error))}\n\n`;
}
