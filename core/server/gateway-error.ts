import type { Context } from 'hono';
import type { GatewayErrorInfo } from '../formats/canonical.js';
import { formatForPath, type AppEnv } from './env.js';
import { errorBody } from '../formats/error-body.js';

/** An error answered in the caller's wire format (from the path, or what auth already set). */
export function gatewayError(
  c: Context<AppEnv>,
  e: GatewayErrorInfo,
  headers: Record<string, string> = {},
): Response {
  const format = c.get('callerFormat') ?? formatForPath(c.req.path);
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(errorBody(format, e) as object, e.status as 400);
}
