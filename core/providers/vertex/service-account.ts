// Google service-account keys → OAuth2 access tokens (RFC 7523 JWT bearer grant, RS256), as
// Google documents for server-to-server calls: the key's private half signs a one-hour assertion,
// the token endpoint answers an access token of about an hour. Tokens are kept in memory per key
// and replaced five minutes before they expire, one exchange at a time per key. The exchange goes
// through the account's dispatcher: an account behind a proxy reaches Google only through it.
import { createHash, createSign } from 'node:crypto';
import type { Dispatcher } from 'undici';
import request from 'undici/lib/api/api-request.js';
import { GatewayError } from '../../formats/canonical.js';

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** Replaced this long before expiry, so a long request never starts with a dying token. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

interface Cached {
  token?: string;
  expiresAt: number;
  pending?: Promise<string>;
}

const cache = new Map<string, Cached>();

const fail = (message: string) => new GatewayError({ status: 401, kind: 'authentication', message });

/** The key file's fields the exchange needs, or a clear error (never quoting the key). */
export function parseServiceAccount(secret: string): ServiceAccountKey {
  let k: Partial<ServiceAccountKey> & { type?: string };
  try {
    k = JSON.parse(secret) as typeof k;
  } catch {
    throw fail(
      "This Vertex AI account's secret is not a service-account key file (JSON): paste the whole file.",
    );
  }
  if (typeof k.client_email !== 'string' || typeof k.private_key !== 'string')
    throw fail("This Vertex AI account's key file lacks client_email or private_key.");
  const tokenUri = k.token_uri ?? DEFAULT_TOKEN_URI;
  let u: URL;
  try {
    u = new URL(tokenUri);
  } catch {
    throw fail("This Vertex AI account's key file has a token_uri that is not a URL.");
  }
  // The signed assertion goes there: Google's endpoint over HTTPS, or this machine (a local fake).
  if (u.protocol !== 'https:' && !LOOPBACK.test(u.hostname))
    throw fail("This Vertex AI account's token_uri must be https:// (or this machine).");
  return { ...(k as ServiceAccountKey), token_uri: tokenUri };
}

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/** The signed JWT assertion for the token endpoint. */
export function signedAssertion(key: ServiceAccountKey, nowSec: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const claims = {
    iss: key.client_email,
    scope: SCOPE,
    aud: key.token_uri ?? DEFAULT_TOKEN_URI,
    iat: nowSec,
    exp: nowSec + 3600,
  };
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  let signature: Buffer;
  try {
    signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key);
  } catch {
    throw fail("This Vertex AI account's private_key cannot sign (is it the PEM key from the file?).");
  }
  return `${unsigned}.${b64url(signature)}`;
}

/** The longest an exchange may take, from the connection to the last byte of the answer. */
const EXCHANGE_TIMEOUT_MS = 30_000;

async function exchange(
  key: ServiceAccountKey,
  via: Dispatcher,
): Promise<{ token: string; expiresAt: number }> {
  const now = Date.now();
  const u = new URL(key.token_uri!);
  let status: number;
  let body:
    | { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown }
    | undefined;
  try {
    const res = await request.call(via, {
      origin: u.origin,
      path: u.pathname + u.search,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: signedAssertion(key, Math.floor(now / 1000)),
      }).toString(),
      signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
    });
    status = res.statusCode;
    body = (await res.body.json().catch(() => undefined)) as typeof body;
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    // The transport's error stays as the cause: the connection test tells a broken proxy from
    // an unreachable endpoint by it.
    throw Object.assign(
      new GatewayError({
        status: 502,
        kind: 'upstream',
        message: `Could not reach Google's token endpoint for the Vertex AI account (${u.host}).`,
      }),
      { cause: err },
    );
  }
  if (status >= 400 || typeof body?.access_token !== 'string') {
    // The endpoint's own words (invalid_grant: a deleted key, a wrong clock), never the key.
    const why = typeof body?.error === 'string' ? `: ${body.error}` : '';
    const desc =
      typeof body?.error_description === 'string' ? ` (${body.error_description.slice(0, 200)})` : '';
    throw fail(`Google refused the Vertex AI account's service-account key (${status}${why}${desc}).`);
  }
  const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
  return { token: body.access_token, expiresAt: now + seconds * 1000 };
}

/** An access token for the key in `secret`, from memory while it has five minutes left (and was not refused). */
export async function serviceAccountToken(
  secret: string,
  via: Dispatcher,
  rejected?: string,
): Promise<string> {
  const id = createHash('sha256').update(secret).digest('hex');
  let c = cache.get(id);
  // A token the API refused (revoked, or the key's roles changed) is not served again.
  if (c?.token && c.token !== rejected && c.expiresAt - REFRESH_MARGIN_MS > Date.now()) return c.token;
  if (c?.pending) return c.pending;
  const key = parseServiceAccount(secret);
  if (!c) cache.set(id, (c = { expiresAt: 0 }));
  const entry = c;
  entry.pending = exchange(key, via)
    .then(({ token, expiresAt }) => {
      entry.token = token;
      entry.expiresAt = expiresAt;
      return token;
    })
    .finally(() => {
      entry.pending = undefined;
    });
  return entry.pending;
}
