import { getConnInfo } from '@hono/node-server/conninfo';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLoopbackHost, type Runtime } from '../../runtime/runtime.js';
import type { AdminCaller, AppEnv } from '../env.js';

export type { AdminCaller };
import type { Logger } from '../../util/logger.js';
import { loadOrCreateAdminToken } from './admin-token.js';
import { LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './password.js';

export const SESSION_COOKIE = 'omniroute_session';
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

const sha = (s: string) => createHash('sha256').update(s).digest();

export type AdminVerdict =
  | { ok: true; caller: AdminCaller }
  | { ok: false; reason: 'unauthenticated' | 'forbidden-origin' }
  | { ok: false; reason: 'throttled'; retryAfter: number };

/**
 * Who may use the management API. A gateway API key never does, and neither does being on
 * this machine: another OS user or any local program can reach loopback. Accepted: the admin
 * token (Bearer), or a dashboard session cookie — made by a password login, an admin-token
 * login, or a one-time link the host printed or opened (see dashboard-links.ts).
 */
export class AdminAuth {
  private sessions = new Map<string, number>();
  private readonly tokenHash: Buffer;
  readonly throttle = new LoginThrottle();

  constructor(
    private readonly runtime: Runtime,
    adminToken?: string,
    private readonly logger?: Logger,
  ) {
    this.tokenHash = sha(adminToken ?? loadOrCreateAdminToken(runtime.store.dataDir));
  }

  get passwordSet(): boolean {
    return this.runtime.store.internal.get('passwordHash') !== undefined;
  }

  newSession(): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(sha(token).toString('hex'), Date.now() + SESSION_TTL_MS);
    return token;
  }

  /** Starts a session and sets its cookie on the answer. */
  signIn(c: Context<AppEnv>): void {
    setCookie(c, SESSION_COOKIE, this.newSession(), {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
  }

  endSession(token: string | undefined): void {
    if (token) this.sessions.delete(sha(token).toString('hex'));
  }

  endAllSessions(): void {
    this.sessions.clear();
  }

  private sessionValid(token: string | undefined): boolean {
    if (!token) return false;
    const key = sha(token).toString('hex');
    const exp = this.sessions.get(key);
    if (!exp) return false;
    if (exp < Date.now()) {
      this.sessions.delete(key);
      return false;
    }
    return true;
  }

  tokenValid(token: string): boolean {
    return timingSafeEqual(sha(token), this.tokenHash);
  }

  /** The dashboard password or the admin token. */
  async credentialValid(value: string): Promise<boolean> {
    if (this.tokenValid(value)) return true;
    const stored = this.runtime.store.internal.get('passwordHash');
    return stored !== undefined && (await verifyPassword(value, stored));
  }

  /** A failed credential from `c`'s address: counted, logged (never the credential itself). */
  failed(c: Context<AppEnv>, what: string): void {
    const address = peerAddress(c);
    const failures = this.throttle.fail(address);
    this.logger?.warn(`failed ${what}`, {
      address,
      failures,
      retryAfterS: this.throttle.retryAfter(address),
    });
  }

  check(c: Context<AppEnv>): AdminVerdict {
    const auth = c.req.header('authorization');
    if (auth?.startsWith('Bearer ')) {
      const address = peerAddress(c);
      const retryAfter = this.throttle.retryAfter(address);
      if (retryAfter > 0) return { ok: false, reason: 'throttled', retryAfter };
      if (this.tokenValid(auth.slice(7).trim())) {
        this.throttle.succeed(address);
        return { ok: true, caller: this.caller('token', c) };
      }
      this.failed(c, 'admin token on the management API');
      return { ok: false, reason: 'unauthenticated' };
    }
    if (!this.sessionValid(getCookie(c, SESSION_COOKIE))) return { ok: false, reason: 'unauthenticated' };
    // A cookie is an ambient credential: a foreign page must not ride it.
    if (!sameOrigin(c, this.runtime.exposed)) return { ok: false, reason: 'forbidden-origin' };
    return { ok: true, caller: this.caller('session', c) };
  }

  private caller(via: AdminCaller['via'], c: Context<AppEnv>): AdminCaller {
    return {
      via,
      confirm: async (value) => {
        const address = peerAddress(c);
        if (!value || this.throttle.retryAfter(address) > 0) return false;
        if (await this.credentialValid(value)) return true;
        this.failed(c, 'confirmation of a sensitive call');
        return false;
      },
    };
  }
}

export function peerAddress(c: Context<AppEnv>): string {
  try {
    return (getConnInfo(c).remote.address ?? 'unknown').replace(/^::ffff:/, '');
  } catch {
    return 'unknown';
  }
}

/**
 * Blocks cross-site requests and DNS rebinding: the Host must name this machine (or the
 * exposed bind address), and a browser's Origin / Sec-Fetch-Site must say same origin.
 */
function sameOrigin(c: Context<AppEnv>, exposed: boolean): boolean {
  const host = c.req.header('host') ?? '';
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== host) return false;
    } catch {
      return false;
    }
  } else if (origin === 'null') return false;
  // On loopback only a loopback Host is ours; anything else is a rebound DNS name.
  return exposed || isLoopbackHost(hostname);
}
