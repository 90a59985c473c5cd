import { kindForStatus, type ErrorKind, type GatewayErrorInfo } from '../canonical.js';
import { parseErrorBody } from '../json.js';

const KIND_BY_STATUS: Record<string, ErrorKind> = {
  INVALID_ARGUMENT: 'invalid_request',
  FAILED_PRECONDITION: 'invalid_request',
  OUT_OF_RANGE: 'invalid_request',
  UNAUTHENTICATED: 'authentication',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limit',
  INTERNAL: 'upstream',
  UNKNOWN: 'upstream',
  UNAVAILABLE: 'overloaded',
  DEADLINE_EXCEEDED: 'timeout',
  CANCELLED: 'upstream',
};

/** GatewayErrorInfo plus the retry hint Google puts in RetryInfo (GatewayError accepts it). */
export type GeminiErrorInfo = GatewayErrorInfo & { retryAfter?: number };

interface GoogleErrorDetail {
  '@type'?: string;
  retryDelay?: string;
  violations?: Array<{ quotaId?: string; quotaMetric?: string }>;
}

/** `"30s"`, `"1.5s"` (protobuf Duration JSON) → whole seconds, rounded up. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return m ? Math.ceil(Number(m[1])) : undefined;
}

export function decodeGeminiError(status: number, body: unknown): GeminiErrorInfo {
  let parsed = parseErrorBody(body);
  // streamGenerateContent without alt=sse wraps even its errors in a JSON array.
  if (Array.isArray(parsed)) parsed = parsed[0];
  const err =
    parsed && typeof parsed === 'object' && 'error' in parsed
      ? (parsed as { error: unknown }).error
      : undefined;
  const fields = err && typeof err === 'object' ? (err as Record<string, unknown>) : {};
  const grpcStatus = typeof fields.status === 'string' ? fields.status : undefined;
  const details = Array.isArray(fields.details) ? (fields.details as GoogleErrorDetail[]) : [];

  let kind = (grpcStatus ? KIND_BY_STATUS[grpcStatus] : undefined) ?? kindForStatus(status);
  // A per-day quota will not come back by retrying in a few seconds, unlike a per-minute one.
  const perDay = details.some((d) => d.violations?.some((v) => /PerDay/i.test(v.quotaId ?? '')));
  if (kind === 'rate_limit' && perDay) kind = 'quota_exhausted';

  let message = typeof fields.message === 'string' && fields.message ? fields.message : undefined;
  if (!message && typeof parsed === 'string' && parsed.trim()) message = parsed.trim().slice(0, 500);
  message ??= `Upstream answered HTTP ${status} without an error message.`;

  const info: GeminiErrorInfo = { status, kind, message };
  if (grpcStatus) info.code = grpcStatus;
  const retry = details.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'))?.retryDelay;
  const retryAfter = parseDuration(retry);
  if (retryAfter !== undefined) info.retryAfter = retryAfter;
  return info;
}

const STATUS_BY_KIND: Record<ErrorKind, string> = {
  invalid_request: 'INVALID_ARGUMENT',
  request_too_large: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  rate_limit: 'RESOURCE_EXHAUSTED',
  quota_exhausted: 'RESOURCE_EXHAUSTED',
  timeout: 'DEADLINE_EXCEEDED',
  overloaded: 'UNAVAILABLE',
  upstream: 'INTERNAL',
  api: 'INTERNAL',
};

// google.rpc.Code's HTTP mapping: a Google client expects the name that goes with the code (an
// OpenAI 404 that says invalid_request_error is still NOT_FOUND). The kind names the rest.
const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function encodeGeminiError(error: GatewayErrorInfo & { retryAfter?: number }): {
  error: { code: number; message: string; status: string; details?: unknown[] };
} {
  const out: { code: number; message: string; status: string; details?: unknown[] } = {
    code: error.status,
    message: error.message,
    status: STATUS_BY_CODE[error.status] ?? STATUS_BY_KIND[error.kind] ?? 'INTERNAL',
  };
  if (error.retryAfter !== undefined) {
    out.details = [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${Math.ceil(error.retryAfter)}s` },
    ];
  }
  return { error: out };
}

/**
 * The end of a Gemini stream that failed midway: one more response holding the error. `jsonArray`:
 * the caller reads one JSON array (streamGenerateContent without alt=sse) with elements already
 * written, so the error is its last element and closes it.
 */
export function geminiStreamErrorFrame(error: GatewayErrorInfo, jsonArray = false): string {
  const body = JSON.stringify(encodeGeminiError(error));
  return jsonArray ? `,\r\n${body}]` : `data: ${body}\n\n`;
}
