// ChatGPT plan accounts added with "Sign in with ChatGPT" (core/providers/chatgpt-plan/oauth.ts):
// the sign-in attempts in flight, their callback, and the token sets the gateway keeps fresh.
import { GatewayError } from '../formats/canonical.js';
import {
  authorizeUrl,
  CALLBACK_PATH,
  codeExchangeForm,
  DEFAULT_AUTH_URL,
  discoveryEndpoint,
  issuerOf,
  jwksEndpoint,
  newHostId,
  pkce,
  PLAN_SCOPE,
  randomToken,
  refreshFailure,
  refreshForm,
  revokeForm,
  tokenEndpoint,
  tokensFrom,
  verifyIdToken,
  type PlanTokens,
} from '../providers/chatgpt-plan/oauth.js';
import type { ResolvedProvider } from '../runtime/providers.js';
import type { Runtime } from '../runtime/runtime.js';
import type { ConnectionRecord } from '../store/repos/connections.js';
import type { Logger } from '../util/logger.js';
import { redactSecrets } from '../util/redact-secrets.js';

export const PLAN_PROVIDER = 'chatgpt-plan';
/** Refreshed this long before it expires, so no request starts with a token about to die. */
const REFRESH_MARGIN_MS = 120_000;
const ATTEMPT_TTL_MS = 15 * 60_000;

export interface SignInStatus {
  state: 'pending' | 'done' | 'error';
  connectionId?: string;
  email?: string;
  /** False when the user signed in without allowing ChatGPT plan usage. */
  planUsage?: boolean;
  /** True on the first sign-in of this installation with plan usage (the "You're using your ChatGPT plan" notice). */
  firstTime?: boolean;
  error?: string;
}

interface Attempt {
  verifier: string;
  nonce: string;
  redirectUri: string;
  /** Set when signing an existing account in again: its issued client id. */
  clientId?: string;
  connectionId?: string;
  createdAt: number;
  status: SignInStatus;
}

type Fetch = typeof fetch;

export class ChatGptPlanAccounts {
  private readonly attempts = new Map<string, Attempt>();
  /** One refresh at a time per account: concurrent requests wait for the same one. */
  private readonly refreshing = new Map<string, Promise<PlanTokens>>();

  constructor(
    private readonly rt: Runtime,
    private readonly logger: Logger,
    private readonly fetchImpl: Fetch = (...a) => fetch(...a),
    private readonly now: () => number = Date.now,
  ) {}

  private provider(): ResolvedProvider {
    return this.rt.provider(PLAN_PROVIDER)!;
  }

  private authUrl(): string {
    return this.provider().authUrl ?? DEFAULT_AUTH_URL;
  }

  /** This installation's stable `ext_agent_host_id`, created before its first sign-in. */
  hostId(): string {
    let id = this.rt.store.internal.get('chatgptHostId');
    if (!id) {
      id = newHostId();
      this.rt.store.internal.set('chatgptHostId', id);
    }
    return id;
  }

  /** Starts a sign-in: the URL to open in the browser, which returns to `origin` + /auth/callback. */
  start(origin: string, connectionId?: string): { state: string; url: string } {
    this.sweep();
    const state = randomToken();
    const nonce = randomToken();
    const { verifier, challenge } = pkce();
    const redirectUri = origin.replace(/\/+$/, '') + CALLBACK_PATH;
    let clientId: string | undefined;
    let loginHint: string | undefined;
    if (connectionId) {
      const tokens = this.tokensOf(connectionId);
      if (!tokens)
        throw new GatewayError({ status: 404, kind: 'not_found', message: 'No such ChatGPT account.' });
      clientId = tokens.clientId;
      loginHint = tokens.email;
    }
    this.attempts.set(state, {
      verifier,
      nonce,
      redirectUri,
      ...(clientId ? { clientId } : {}),
      ...(connectionId ? { connectionId } : {}),
      createdAt: this.now(),
      status: { state: 'pending' },
    });
    const url = authorizeUrl({
      authUrl: this.authUrl(),
      hostId: this.hostId(),
      redirectUri,
      state,
      nonce,
      challenge,
      ...(clientId ? { clientId } : {}),
      ...(loginHint ? { loginHint } : {}),
    });
    return { state, url };
  }

  status(state: string): SignInStatus | undefined {
    return this.attempts.get(state)?.status;
  }

  /** The browser came back to /auth/callback. Never throws: the answer is in the status. */
  async callback(query: URLSearchParams): Promise<SignInStatus> {
    const state = query.get('state') ?? '';
    const attempt = this.attempts.get(state);
    if (!attempt) return { state: 'error', error: 'This sign-in is unknown or expired: start it again.' };
    if (attempt.status.state !== 'pending') return attempt.status;
    const fail = (error: string): SignInStatus => (attempt.status = { state: 'error', error });
    if (query.get('error'))
      return fail(
        query.get('error') === 'access_denied'
          ? 'You declined the sign-in.'
          : `Sign-in failed: ${query.get('error')}.`,
      );
    const code = query.get('code');
    if (!code) return fail('The sign-in came back without a code.');
    const returned = query.get('client_id') ?? undefined;
    let clientId = attempt.clientId;
    if (clientId && returned && returned !== clientId)
      return fail('The sign-in came back for another client: start it again.');
    if (!clientId) {
      // A new registration must name its issued client; `dynamic_agent_client` is never one.
      if (!returned || returned === 'dynamic_agent_client')
        return fail('The registration did not complete (no issued client id): start it again.');
      clientId = returned;
    }
    try {
      const res = await this.fetchImpl(tokenEndpoint(this.authUrl()), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: codeExchangeForm({
          clientId,
          code,
          verifier: attempt.verifier,
          redirectUri: attempt.redirectUri,
        }),
      });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok)
        return fail(
          `The code exchange was refused (${redactSecrets(String(body.error ?? res.status), [code, attempt.verifier])}): start the sign-in again.`,
        );
      const jwks = (await (await this.fetchImpl(jwksEndpoint(this.authUrl()))).json()) as { keys?: [] };
      const identity = verifyIdToken(String(body.id_token ?? ''), jwks, {
        issuer: issuerOf(this.authUrl()),
        clientId,
        nonce: attempt.nonce,
        now: this.now(),
      });
      const tokens = tokensFrom(body, { clientId, now: this.now(), identity });
      const firstTime = !this.rt.store.internal.get('chatgptPlanWelcomed');
      const connectionId = this.save(tokens, attempt.connectionId);
      const planUsage = tokens.scopes.includes(PLAN_SCOPE);
      if (planUsage && firstTime) this.rt.store.internal.set('chatgptPlanWelcomed', '1');
      attempt.status = {
        state: 'done',
        connectionId,
        planUsage,
        firstTime: planUsage && firstTime,
        ...(tokens.email ? { email: tokens.email } : {}),
      };
      if (planUsage)
        await this.discoverModels(connectionId).catch((err: unknown) =>
          this.logger.warn('chatgpt-plan: model list failed', { error: String((err as Error)?.message) }),
        );
      return attempt.status;
    } catch (err) {
      return fail(`Sign-in failed: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  /** Keeps each account's registration apart; signing an account in again replaces its tokens. */
  private save(tokens: PlanTokens, connectionId?: string): string {
    const s = this.rt.store;
    const existing =
      connectionId ??
      s.connections.list(PLAN_PROVIDER).find((c) => {
        const t = this.tokensOf(c.id);
        return t?.sub === tokens.sub && t.clientId === tokens.clientId;
      })?.id;
    const signInState = tokens.scopes.includes(PLAN_SCOPE) ? null : 'plan-usage-off';
    const id = s.transaction(() => {
      if (!s.providers.get(PLAN_PROVIDER))
        s.providers.upsert({ id: PLAN_PROVIDER, models: [], enabled: true });
      if (existing) {
        s.connections.update(existing, { apiKey: JSON.stringify(tokens), signInState });
        return existing;
      }
      const base = tokens.email ?? 'chatgpt';
      let name = base;
      for (let n = 2; s.connections.findByName(PLAN_PROVIDER, name); n++) name = `${base} (${n})`;
      return s.connections.upsert({
        providerId: PLAN_PROVIDER,
        name,
        apiKey: JSON.stringify(tokens),
        signInState,
      }).id;
    });
    this.rt.reload('connections');
    return id;
  }

  private tokensOf(connectionId: string): PlanTokens | undefined {
    const raw = this.rt.secret(connectionId);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as PlanTokens;
    } catch {
      return undefined;
    }
  }

  /**
   * A fresh access token for the account. `rejected`: the token the API just refused (401);
   * unless another request already replaced it, the account is refreshed now.
   */
  async accessToken(conn: ConnectionRecord, rejected?: string): Promise<string> {
    const tokens = this.tokensOf(conn.id);
    if (!tokens) throw this.signInAgain(conn, 'its token set is missing');
    if (
      rejected !== undefined
        ? tokens.accessToken !== rejected
        : tokens.expiresAt - this.now() > REFRESH_MARGIN_MS
    )
      return tokens.accessToken;
    let flight = this.refreshing.get(conn.id);
    if (!flight) {
      flight = this.refresh(conn, tokens).finally(() => this.refreshing.delete(conn.id));
      this.refreshing.set(conn.id, flight);
    }
    return (await flight).accessToken;
  }

  private async refresh(conn: ConnectionRecord, tokens: PlanTokens): Promise<PlanTokens> {
    // The authorization server's error text may quote the tokens it was sent or knows.
    const scrub = (text: string) => redactSecrets(text, [tokens.refreshToken, tokens.accessToken]);
    let res: Response;
    try {
      res = await this.fetchImpl(tokenEndpoint(this.authUrl()), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: refreshForm({ clientId: tokens.clientId, refreshToken: tokens.refreshToken }),
      });
    } catch (err) {
      throw new GatewayError({
        status: 503,
        kind: 'overloaded',
        message: `ChatGPT account "${conn.name}": the token refresh did not reach the authorization server (${scrub(String((err as Error)?.message))}).`,
      });
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) {
      const failure = refreshFailure(res.status, body);
      if (failure === 'transient')
        throw new GatewayError({
          status: 503,
          kind: 'overloaded',
          message: `ChatGPT account "${conn.name}": the token refresh failed (${res.status}); it is tried again on the next request.`,
        });
      // A dead refresh token is never retried: the account waits for the user to sign in again.
      throw this.signInAgain(
        conn,
        `the refresh was refused (${scrub(String((body.error as string) ?? res.status))})`,
      );
    }
    const next = tokensFrom(body, { clientId: tokens.clientId, now: this.now(), previous: tokens });
    // The rotated refresh token is stored before the new access token is used: a crash now
    // leaves a token set that still works.
    this.rt.replaceSecret(conn.id, JSON.stringify(next));
    return next;
  }

  private signInAgain(conn: ConnectionRecord, why: string): GatewayError {
    this.logger.warn('chatgpt-plan: account must sign in again', { account: conn.name, why });
    this.rt.store.connections.update(conn.id, { signInState: 'sign-in-again' });
    this.rt.reload('connections');
    return new GatewayError({
      status: 401,
      kind: 'authentication',
      message: `ChatGPT account "${conn.name}" must sign in again (${why}).`,
    });
  }

  /**
   * Signs an account out: its refresh token is revoked at the endpoint the discovery document
   * names (an empty 200 is success, also for a token already invalid), then the account and its
   * tokens are removed here whatever the answer — with `revoked: false` when it was not confirmed.
   */
  async signOut(connectionId: string): Promise<{ revoked: boolean; message?: string }> {
    const conn = this.rt.connections.find((c) => c.id === connectionId && c.providerId === PLAN_PROVIDER);
    if (!conn) return { revoked: false, message: 'no such ChatGPT account' };
    const tokens = this.tokensOf(conn.id);
    let result: { revoked: boolean; message?: string } = { revoked: false, message: 'it had no token set' };
    if (tokens) {
      try {
        const discovery = (await (await this.fetchImpl(discoveryEndpoint(this.authUrl()))).json()) as {
          revocation_endpoint?: unknown;
        };
        if (typeof discovery.revocation_endpoint !== 'string')
          result = { revoked: false, message: 'the authorization server names no revocation endpoint' };
        else {
          const res = await this.fetchImpl(discovery.revocation_endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: revokeForm({ clientId: tokens.clientId, refreshToken: tokens.refreshToken }),
          });
          await res.arrayBuffer().catch(() => undefined);
          result = res.ok
            ? { revoked: true }
            : { revoked: false, message: `the revocation answered ${res.status}` };
        }
      } catch (err) {
        result = {
          revoked: false,
          message: `the revocation did not reach the authorization server (${(err as Error).message})`,
        };
      }
    }
    this.rt.store.connections.delete(conn.id);
    this.rt.reload('connections');
    if (!result.revoked)
      this.logger.warn('chatgpt-plan: signed out locally; remote revocation not confirmed', {
        account: conn.name,
        why: result.message,
      });
    return result;
  }

  /** The account's models (`visibility: list`, in the server's order), added to the provider's list. */
  async discoverModels(connectionId: string): Promise<string[]> {
    const conn = this.rt.connections.find((c) => c.id === connectionId);
    if (!conn) return [];
    const token = await this.accessToken(conn);
    const res = await this.fetchImpl(`${this.provider().baseUrl}/models`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`GET /models answered ${res.status}`);
    const body = (await res.json()) as { models?: Array<{ slug?: unknown; visibility?: unknown }> };
    const slugs = (body.models ?? [])
      .filter((m) => m.visibility === 'list' && typeof m.slug === 'string')
      .map((m) => m.slug as string);
    const rec = this.rt.store.providers.get(PLAN_PROVIDER);
    const models = [...new Set([...(rec?.models ?? []), ...slugs])];
    if (rec) {
      const { createdAt: _c, updatedAt: _u, ...input } = rec;
      if (this.rt.store.providers.upsert({ ...input, models })) this.rt.reload('providers');
    }
    return slugs;
  }

  private sweep(): void {
    const now = this.now();
    for (const [state, a] of this.attempts)
      if (now - a.createdAt > ATTEMPT_TTL_MS) this.attempts.delete(state);
  }
}
