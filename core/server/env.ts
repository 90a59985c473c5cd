import type { HttpBindings } from '@hono/node-server';
import type { WireFormat } from '../formats/canonical.js';
import type { ApiKeyRecord } from '../store/repos/api-keys.js';
import { newRequestId } from '../util/request-id.js';

/**
 * How a management call proved itself (core/server/auth/admin.ts decides), for routes that ask
 * for more (exporting secrets).
 */
export interface AdminCaller {
  via: 'token' | 'session';
  /** Whether `value` is the dashboard password or the admin token (re-entered for a sensitive call). */
  confirm(value: string | undefined): Promise<boolean>;
}

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    requestId: string;
    apiKey?: ApiKeyRecord;
    callerFormat: WireFormat;
    /** Set on /api once the caller proved itself (auth/admin.ts). */
    admin?: AdminCaller;
  };
}

/** The wire format a caller speaks, known from the route alone (errors before parsing need it). */
export function formatForPath(path: string): WireFormat {
  if (path.startsWith('/v1/messages')) return 'anthropic';
  if (path.startsWith('/ollama')) return 'ollama';
  if (path.startsWith('/v1/responses')) return 'openai-responses';
  if (path.startsWith('/v1beta/') || path.startsWith('/v1internal:')) return 'gemini';
  return 'openai-chat';
}

/**
 * The gateway's paths: `/v1…` (and `/v1beta…`, `/v1internal…`) and the Ollama API under
 * `/ollama`. They answer in a wire format and take gateway keys, not the dashboard's session.
 */
export function isGatewayPath(path: string): boolean {
  return path.startsWith('/v1') || path === '/ollama' || path.startsWith('/ollama/');
}

/** An incoming X-Request-Id is kept only when it is this sane. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the caller's X-Request-Id when it is sane, else a new one. */
export function requestIdFor(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : newRequestId();
}
