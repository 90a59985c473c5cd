import type { GatewayErrorInfo, WireFormat } from '../formats/canonical.js';

const OPENAI_TYPES: Record<GatewayErrorInfo['kind'], string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  quota_exhausted: 'insufficient_quota',
  timeout: 'timeout_error',
  overloaded: 'server_error',
  upstream: 'server_error',
  api: 'api_error',
};

const ANTHROPIC_TYPES: Record<GatewayErrorInfo['kind'], string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  quota_exhausted: 'rate_limit_error',
  timeout: 'timeout_error',
  overloaded: 'overloaded_error',
  upstream: 'api_error',
  api: 'api_error',
};

const GOOGLE_STATUS: Record<GatewayErrorInfo['kind'], string> = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  request_too_large: 'INVALID_ARGUMENT',
  rate_limit: 'RESOURCE_EXHAUSTED',
  quota_exhausted: 'RESOURCE_EXHAUSTED',
  timeout: 'DEADLINE_EXCEEDED',
  overloaded: 'UNAVAILABLE',
  upstream: 'INTERNAL',
  api: 'INTERNAL',
};

const OPENAI_CODES: Partial<Record<GatewayErrorInfo['kind'], string>> = {
  rate_limit: 'rate_limit_exceeded',
  quota_exhausted: 'insufficient_quota',
};

/** The error body each format's clients (and SDKs) know how to read. */
export function errorBody(format: WireFormat, e: GatewayErrorInfo & { retryAfter?: number }): unknown {
  switch (format) {
    case 'anthropic':
      return { type: 'error', error: { type: ANTHROPIC_TYPES[e.kind], message: e.message } };
    case 'gemini': {
      const error: Record<string, unknown> = {
        code: e.status,
        message: e.message,
        status: GOOGLE_STATUS[e.kind],
      };
      // Google's clients (the Gemini CLI) wait as long as RetryInfo says, not Retry-After.
      if (e.retryAfter !== undefined)
        error.details = [
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${Math.ceil(e.retryAfter)}s` },
        ];
      return { error };
    }
    default:
      return {
        error: {
          message: e.message,
          type: OPENAI_TYPES[e.kind],
          param: e.param ?? null,
          code: e.code ?? OPENAI_CODES[e.kind] ?? null,
        },
      };
  }
}
