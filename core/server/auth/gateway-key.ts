import type { Context } from 'hono';

/** The key a client sent, in whichever place its SDK puts it. */
export function extractGatewayKey(c: Context): string | undefined {
  const auth = c.req.header('authorization');
  if (auth) {
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (m) return m[1]!.trim();
  }
  return c.req.header('x-api-key') ?? c.req.header('x-goog-api-key') ?? c.req.query('key') ?? undefined;
}
