import type { Context } from 'hono';
import type { GatewayErrorInfo } from '../../formats/canonical.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { ApiKeyRecord } from '../../store/repos/api-keys.js';

/** The key a client sent, in whichever place its SDK puts it. */
export function extractGatewayKey(c: Context): string | undefined {
  return gatewayKeyFrom((n) => c.req.header(n), c.req.query('key'));
}

export function gatewayKeyFrom(
  header: (name: string) => string | undefined,
  queryKey?: string,
): string | undefined {
  // Beside a caller's own vendor login, Authorization carries the vendor's credential: the
  // gateway key then travels in its own header, and Authorization is not read as one.
  const own = header('x-omniroute-key');
  if (own) return own.trim();
  const auth = header('authorization');
  if (auth) {
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (m) return m[1]!.trim();
  }
  return header('x-api-key') ?? header('x-goog-api-key') ?? queryKey ?? undefined;
}

/** The caller's gateway key record, or the 401 to answer. No key is fine unless keys are required. */
export function checkGatewayKey(
  rt: Runtime,
  key: string | undefined,
): { ok: true; apiKey?: ApiKeyRecord } | { ok: false; error: GatewayErrorInfo } {
  if (key) {
    const rec = rt.findApiKey(key);
    if (rec) return { ok: true, apiKey: rec };
    if (!rt.apiKeyRequired) return { ok: true };
    return unauthenticated(
      'Invalid gateway API key. Create one in the dashboard (API keys) or with POST /api/keys. A coding tool that keeps its own login sends the gateway key as "x-omniroute-key".',
    );
  }
  if (!rt.apiKeyRequired) return { ok: true };
  return unauthenticated(
    'A gateway API key is required: send it as "Authorization: Bearer <key>", "x-api-key", "x-goog-api-key", or "x-omniroute-key" (beside a coding tool\'s own login).',
  );
}

function unauthenticated(message: string): { ok: false; error: GatewayErrorInfo } {
  return { ok: false, error: { status: 401, kind: 'authentication', message } };
}
