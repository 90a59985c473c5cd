// auth.openai.com as OpenAI documents it for open-source local apps ("Sign in with ChatGPT"):
// registration inside the authorize request (the user approves at once and the browser goes back
// to the app's loopback callback), PKCE, signed ID tokens from a published key, rotating refresh
// tokens with reuse detection. Shared by the integration and the Chromium tests.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ISSUED_CLIENT = 'oaiapp_test123';
export const SCOPES = 'openid profile email offline_access resource.invoke chatgpt.tokens.use.direct';

export interface FakeAuth {
  url: string;
  authorizeQueries: URLSearchParams[];
  refreshes: number;
  /** Access tokens the API accepts now. */
  validAccess: Set<string>;
  current: { access: string; refresh: string };
  /** The next code exchange's `expires_in` (then 3600). */
  firstExpiresIn: number;
  /** Refresh tokens already used: presenting one again is `refresh_token_reused`. */
  used: Set<string>;
  refreshDelayMs: number;
  /** The scopes the user grants (without chatgpt.tokens.use.direct: plan usage not allowed). */
  granted: string;
  /** Forms posted to the revocation endpoint; `revokeStatus` is what it answers. */
  revocations: URLSearchParams[];
  revokeStatus: number;
  close(): Promise<void>;
}

export async function startFakeAuth(): Promise<FakeAuth> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string }>();
  let n = 0;
  const state: FakeAuth = {
    url: '',
    authorizeQueries: [],
    refreshes: 0,
    validAccess: new Set(),
    current: { access: '', refresh: '' },
    firstExpiresIn: 3600,
    used: new Set(),
    refreshDelayMs: 0,
    granted: SCOPES,
    revocations: [],
    revokeStatus: 200,
    close: async () => {},
  };
  const idToken = (nonce: string) => {
    const h = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1', typ: 'JWT' })).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const p = Buffer.from(
      JSON.stringify({
        iss: state.url,
        aud: [ISSUED_CLIENT],
        sub: 'user-1',
        email: 'dev@example.com',
        nonce,
        iat: now,
        exp: now + 3600,
      }),
    ).toString('base64url');
    return `${h}.${p}.${sign('RSA-SHA256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
  };
  const issue = (expiresIn: number, nonce?: string) => {
    n++;
    state.current = { access: `at-${n}-FAKE-chatgpt-access`, refresh: `rt-${n}-FAKE-chatgpt-refresh` };
    state.validAccess.add(state.current.access);
    return {
      access_token: state.current.access,
      refresh_token: state.current.refresh,
      ...(nonce ? { id_token: idToken(nonce) } : {}),
      token_type: 'Bearer',
      expires_in: expiresIn,
      scope: state.granted,
      earliest_refresh_at: 0,
    };
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const json = (status: number, obj: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      if (url.pathname === '/api/accounts/authorize') {
        // The user approves at once: back to the app's loopback callback.
        state.authorizeQueries.push(url.searchParams);
        const q = url.searchParams;
        const code = `code-${state.authorizeQueries.length}`;
        codes.set(code, {
          challenge: q.get('code_challenge')!,
          redirectUri: q.get('redirect_uri')!,
          nonce: q.get('nonce')!,
        });
        const back = new URL(q.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state')!);
        back.searchParams.set('scope', state.granted);
        if (q.get('client_id') === 'dynamic_agent_client') back.searchParams.set('client_id', ISSUED_CLIENT);
        res.writeHead(302, { location: back.toString() });
        res.end();
        return;
      }
      if (url.pathname === '/.well-known/jwks.json') return json(200, { keys: [jwk] });
      if (url.pathname === '/.well-known/openid-configuration')
        return json(200, {
          issuer: state.url,
          authorization_endpoint: `${state.url}/api/accounts/authorize`,
          token_endpoint: `${state.url}/api/accounts/oauth/token`,
          revocation_endpoint: `${state.url}/api/accounts/oauth/revoke`,
          jwks_uri: `${state.url}/.well-known/jwks.json`,
        });
      if (url.pathname === '/api/accounts/oauth/revoke' && req.method === 'POST') {
        const f = new URLSearchParams(body);
        state.revocations.push(f);
        if (state.revokeStatus === 200) state.used.add(f.get('token') ?? '');
        res.writeHead(state.revokeStatus);
        res.end();
        return;
      }
      if (url.pathname === '/api/accounts/oauth/token' && req.method === 'POST') {
        const f = new URLSearchParams(body);
        if (f.get('client_id') !== ISSUED_CLIENT) return json(401, { error: 'invalid_client' });
        if (f.get('resource') !== 'https://api.openai.com/v1') return json(400, { error: 'invalid_target' });
        if (f.get('grant_type') === 'authorization_code') {
          const c = codes.get(f.get('code')!);
          codes.delete(f.get('code')!);
          const verifierHash = createHash('sha256')
            .update(f.get('code_verifier') ?? '')
            .digest('base64url');
          if (!c || c.challenge !== verifierHash || c.redirectUri !== f.get('redirect_uri'))
            return json(400, { error: 'invalid_grant' });
          return json(200, issue(state.firstExpiresIn, c.nonce));
        }
        if (f.get('grant_type') === 'refresh_token') {
          state.refreshes++;
          if (f.get('scope')) return json(400, { error: 'invalid_scope' });
          const presented = f.get('refresh_token')!;
          if (state.used.has(presented)) return json(400, { error: 'refresh_token_reused' });
          if (presented !== state.current.refresh) return json(400, { error: 'invalid_grant' });
          if (state.refreshDelayMs) await new Promise((r) => setTimeout(r, state.refreshDelayMs));
          state.used.add(presented);
          return json(200, issue(3600));
        }
        return json(400, { error: 'unsupported_grant_type' });
      }
      json(404, { error: 'not found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
