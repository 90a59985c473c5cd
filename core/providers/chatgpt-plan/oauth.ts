// "Sign in with ChatGPT" for open-source, locally hosted apps, as OpenAI documents it
// (developers.openai.com/siwc/token-sharing-open-source): dynamic registration inside the
// authorize request, PKCE, a loopback callback, rotating refresh tokens. Protocol only: no I/O.
import { createHash, createPublicKey, randomBytes, randomUUID, verify, type JsonWebKey } from 'node:crypto';

export const DEFAULT_AUTH_URL = 'https://auth.openai.com';
/** Identity (openid profile email) and plan usage (the other three): the docs say send all six. */
export const PLAN_SCOPES = 'openid profile email offline_access resource.invoke chatgpt.tokens.use.direct';
export const PLAN_SCOPE = 'chatgpt.tokens.use.direct';
export const RESOURCE = 'https://api.openai.com/v1';
/** The first-time registration entry point; never the client id to save. */
export const DYNAMIC_CLIENT = 'dynamic_agent_client';
/** What the user sees (and may rename) when they authorize OmniRoute in ChatGPT. */
export const APP_NAME = 'OmniRoute';
/** The documented callback path; only the port may vary. */
export const CALLBACK_PATH = '/auth/callback';

/** The token set of one signed-in ChatGPT account: the connection's (encrypted) secret. */
export interface PlanTokens {
  accessToken: string;
  refreshToken: string;
  idToken?: string;
  /** Epoch ms. */
  expiresAt: number;
  /** The issued `oaiapp_…` client id this token set belongs to. */
  clientId: string;
  scopes: string[];
  sub: string;
  email?: string;
}

export const authorizeEndpoint = (auth: string) => `${auth.replace(/\/+$/, '')}/api/accounts/authorize`;
export const tokenEndpoint = (auth: string) => `${auth.replace(/\/+$/, '')}/api/accounts/oauth/token`;
export const discoveryEndpoint = (auth: string) =>
  `${auth.replace(/\/+$/, '')}/.well-known/openid-configuration`;
export const jwksEndpoint = (auth: string) => `${auth.replace(/\/+$/, '')}/.well-known/jwks.json`;

const b64url = (b: Buffer) => b.toString('base64url');

export function pkce(): { verifier: string; challenge: string } {
  const verifier = b64url(randomBytes(48));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()) };
}

export const randomToken = () => b64url(randomBytes(24));

/** A stable, opaque identifier of this installation, created once (never user-identifying). */
export const newHostId = () => `urn:uuid:${randomUUID()}`;

export function authorizeUrl(o: {
  authUrl: string;
  /** The issued client id when signing in again to a known account; else first-time registration. */
  clientId?: string;
  hostId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  challenge: string;
  loginHint?: string;
}): string {
  const q = new URLSearchParams({
    client_id: o.clientId ?? DYNAMIC_CLIENT,
    ext_agent_host_id: o.hostId,
    response_type: 'code',
    redirect_uri: o.redirectUri,
    scope: PLAN_SCOPES,
    resource: RESOURCE,
    state: o.state,
    nonce: o.nonce,
    code_challenge_method: 'S256',
    code_challenge: o.challenge,
  });
  // Only on first registration: the app's name, which the user may edit before approving.
  if (!o.clientId) q.set('agent_name_hint', APP_NAME);
  if (o.loginHint) q.set('login_hint', o.loginHint);
  return `${authorizeEndpoint(o.authUrl)}?${q}`;
}

export function codeExchangeForm(o: {
  clientId: string;
  code: string;
  verifier: string;
  redirectUri: string;
}): string {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: o.clientId,
    code: o.code,
    code_verifier: o.verifier,
    redirect_uri: o.redirectUri,
    resource: RESOURCE,
  }).toString();
}

/** No `scope`: the docs say omit it to keep the grant. */
export function refreshForm(o: { clientId: string; refreshToken: string }): string {
  return new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: o.clientId,
    refresh_token: o.refreshToken,
    resource: RESOURCE,
  }).toString();
}

/** Ends the renewable session: the refresh token, its type and the issued client id. */
export function revokeForm(o: { clientId: string; refreshToken: string }): string {
  return new URLSearchParams({
    token: o.refreshToken,
    token_type_hint: 'refresh_token',
    client_id: o.clientId,
  }).toString();
}

/** The refresh errors that mean the token set is dead: sign in again, never retry. */
const DEAD_REFRESH = new Set([
  'invalid_grant',
  'invalid_refresh_token',
  'token_expired',
  'refresh_token_expired',
  'refresh_token_invalidated',
  'refresh_token_reused',
]);

/** What a failed refresh means: dead (sign in again), the client is wrong, or try later. */
export function refreshFailure(status: number, body: unknown): 'sign-in-again' | 'client' | 'transient' {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const nested =
    typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>) : undefined;
  const code = String(nested?.code ?? nested?.type ?? b.error ?? b.code ?? '');
  if (DEAD_REFRESH.has(code)) return 'sign-in-again';
  if (code === 'invalid_client') return 'client';
  if (status === 400 || status === 401) return 'sign-in-again';
  return 'transient';
}

/** The token endpoint's answer as a token set (the refresh token kept when a refresh omits it). */
export function tokensFrom(
  body: Record<string, unknown>,
  o: { clientId: string; now: number; previous?: PlanTokens; identity?: { sub: string; email?: string } },
): PlanTokens {
  const access = body.access_token;
  const refresh = body.refresh_token ?? o.previous?.refreshToken;
  if (typeof access !== 'string' || typeof refresh !== 'string')
    throw new Error('The token endpoint answered without an access token and a refresh token.');
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
  const scopes =
    typeof body.scope === 'string' ? body.scope.split(/\s+/).filter(Boolean) : (o.previous?.scopes ?? []);
  const sub = o.identity?.sub ?? o.previous?.sub;
  if (!sub) throw new Error('No account identity for this token set.');
  const t: PlanTokens = {
    accessToken: access,
    refreshToken: refresh,
    expiresAt: o.now + expiresIn * 1000,
    clientId: o.clientId,
    scopes,
    sub,
  };
  const idToken = typeof body.id_token === 'string' ? body.id_token : o.previous?.idToken;
  if (idToken) t.idToken = idToken;
  const email = o.identity?.email ?? o.previous?.email;
  if (email) t.email = email;
  return t;
}

export class IdTokenError extends Error {}

/**
 * Validates the ID token as the docs require: RS256 signature against the published JWKS, the
 * issuer, the audience (the issued client id), expiry and this attempt's nonce.
 */
export function verifyIdToken(
  idToken: string,
  jwks: { keys?: Array<JsonWebKey & { kid?: string }> },
  o: { issuer: string; clientId: string; nonce: string; now: number },
): { sub: string; email?: string } {
  const parts = idToken.split('.');
  if (parts.length !== 3) throw new IdTokenError('The ID token is not a JWT.');
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: string; kid?: string };
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw new IdTokenError('The ID token does not decode.');
  }
  if (header.alg !== 'RS256')
    throw new IdTokenError(`The ID token is signed with ${String(header.alg)}, not RS256.`);
  const jwk =
    (jwks.keys ?? []).find((k) => k.kid === header.kid) ??
    (jwks.keys?.length === 1 ? jwks.keys[0] : undefined);
  if (!jwk) throw new IdTokenError('No published key matches the ID token.');
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${h}.${p}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw new IdTokenError('The ID token signature does not verify.');
  if (claims.iss !== o.issuer) throw new IdTokenError('The ID token comes from another issuer.');
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(o.clientId)) throw new IdTokenError('The ID token is for another client.');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 + 5000 < o.now)
    throw new IdTokenError('The ID token has expired.');
  if (claims.nonce !== o.nonce) throw new IdTokenError('The ID token answers another sign-in attempt.');
  if (typeof claims.sub !== 'string' || !claims.sub) throw new IdTokenError('The ID token names no account.');
  return { sub: claims.sub, ...(typeof claims.email === 'string' ? { email: claims.email } : {}) };
}

/** The issuer an ID token must name: the authorization server's origin. */
export const issuerOf = (authUrl: string) => authUrl.replace(/\/+$/, '');

/** SIWC's inference restrictions (preview limitations), applied to a Responses body in place. */
const OMITTED = [
  'background',
  'conversation',
  'max_output_tokens',
  'max_tool_calls',
  'metadata',
  'moderation',
  'multi_agent',
  'prompt',
  'prompt_cache_retention',
  'safety_identifier',
  'temperature',
  'top_logprobs',
  'top_p',
  'truncation',
  'user',
  'previous_response_id',
];

export function restrictForPlan(body: Record<string, unknown>): void {
  body.store = false;
  body.stream = true;
  for (const f of OMITTED) delete body[f];
  if (typeof body.input === 'string') body.input = [{ role: 'user', content: body.input }];
  // Explicit system items are rejected: the instructions field or developer messages carry them.
  if (Array.isArray(body.input))
    for (const item of body.input as Array<Record<string, unknown>>)
      if (item && typeof item === 'object' && item.role === 'system') item.role = 'developer';
}
