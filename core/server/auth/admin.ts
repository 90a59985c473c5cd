import { getConnInfo } from '@hono/node-server/conninfo';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { isLoopbackHost, type Runtime } from '../../runtime/runtime.js';
import type { AppEnv } from '../env.js';
import { loadOrCreateAdminToken } from './admin-token.js';

export const SESSION_COOKIE = 'omniroute_session';
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

const sha = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may use the management API. A gateway API key never does. Accepted: the admin token
 * (Bearer), a dashboard session cookie, or — only while no password is set and the server
 * listens on loopback — a same-origin request from this machine.
 */
export class AdminAuth {
  private sessions = new Map<string, number>();
  private readonly tokenHash: Buffer;

  constructor(
    private readonly runtime: Runtime,
    adminToken?: string,
  ) {
    this.tokenHash = sha(adminToken ?? loadOrCreateAdminToken(runtime.store.dataDir));
  }

  get passwordSet(): boolean {
    return this.runtime.store.internal.get('passwordHash') !== undefined;
  }

  /** Login is required when a password is set or the server is reachable from the network. */
  get loginRequired(): boolean {
    return this.passwordSet || this.runtime.exposed;
  }

  newSession(): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(sha(token).toString('hex'), Date.now() + SESSION_TTL_MS);
    return token;
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

  /** 'ok', or the reason for refusal. */
  check(c: Context<AppEnv>): 'ok' | 'unauthenticated' | 'forbidden-origin' {
    const auth = c.req.header('authorization');
    if (auth?.startsWith('Bearer ') && this.tokenValid(auth.slice(7).trim())) return 'ok';
    const cookieAuth = this.sessionValid(getCookie(c, SESSION_COOKIE));
    const openLoopback = !this.loginRequired && isLoopbackPeer(c);
    if (!cookieAuth && !openLoopback) return 'unauthenticated';
    // Cookies and loopback trust are ambient credentials: a foreign page must not ride them.
    if (!sameOrigin(c, this.runtime.exposed)) return 'forbidden-origin';
    return 'ok';
  }
}

function isLoopbackPeer(c: Context<AppEnv>): boolean {
  try {
    const addr = getConnInfo(c).remote.address ?? '';
    return isLoopbackHost(addr.replace(/^::ffff:/, ''));
  } catch {
    return false;
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
