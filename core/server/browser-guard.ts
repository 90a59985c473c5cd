import { hostname as osHostname } from 'node:os';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Runtime } from '../runtime/runtime.js';
import { isLoopbackHost } from '../runtime/runtime.js';
import type { Logger } from '../util/logger.js';
import { isGatewayPath } from './env.js';
import { refuseEarly } from './early-refusal.js';
import { followSettings } from './follow-settings.js';
import type { FastPath } from './listen.js';

const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);
const CORS_METHODS = 'GET, POST, OPTIONS';
const CORS_EXPOSED = 'x-request-id, retry-after';

/**
 * What a browser may do here. Coding agents, SDKs and curl send neither `Origin` nor
 * `Sec-Fetch-Site`, so they pass untouched; a web page always sends them, and must not spend
 * the user's quota (a cross-site "simple" POST needs no preflight) or read answers through a
 * rebound DNS name (a Host that is not this machine's).
 */
export class BrowserGuard {
  private hosts = new Map<string, boolean>();
  private origins = new Set<string>();

  constructor(private readonly rt: Runtime) {
    followSettings(
      rt,
      (s) => [s.allowedHosts, s.corsOrigins] as const,
      ([allowedHosts, corsOrigins]) => {
        this.hosts = new Map(allowedHosts.map((h) => [h.toLowerCase().replace(/^\[|\]$/g, ''), true]));
        this.origins = new Set(corsOrigins.map((o) => o.toLowerCase()));
      },
    );
  }

  /**
   * A Host header names this machine: loopback, `localhost`, the bound address, a listed name
   * — and, when listening on every interface, any IP literal or this machine's name (a DNS
   * rebinding needs a name the attacker resolves; an address cannot be rebound).
   */
  hostAllowed(host: string | undefined): boolean {
    // HTTP/1.0 clients may omit it; every browser sends one.
    if (!host) return true;
    let verdict = this.hosts.get(host);
    if (verdict === undefined) {
      const name = hostnameOf(host);
      verdict = this.hosts.get(name) ?? this.judgeHost(name);
      if (this.hosts.size < 1024) this.hosts.set(host, verdict);
    }
    return verdict;
  }

  private judgeHost(name: string): boolean {
    if (name === 'localhost' || name.endsWith('.localhost') || isLoopbackHost(name)) return true;
    const bound = this.rt.bind.host.toLowerCase().replace(/^\[|\]$/g, '');
    if (name === bound) return true;
    if (WILDCARD.has(bound)) {
      if (isIP(name)) return true;
      const me = osHostname().toLowerCase();
      return name === me || name === `${me}.local`;
    }
    return false;
  }

  /** An origin on the user's CORS list (lower-cased), or undefined. */
  listedOrigin(origin: string): string | undefined {
    const o = origin.toLowerCase();
    return this.origins.has(o) ? o : undefined;
  }
}

function hostnameOf(host: string): string {
  const h = host.toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : h;
  }
  const colon = h.lastIndexOf(':');
  // One colon: host:port. More: a bare IPv6 address (invalid in Host, judged as it is).
  return colon > 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Routes a browser page must never drive unless its origin is listed (/api never). */
function guardedPath(path: string): 'gateway' | 'api' | undefined {
  if (isGatewayPath(path)) return 'gateway';
  if (path === '/api' || path.startsWith('/api/')) return 'api';
  return undefined;
}

/**
 * Runs before every route (Hono's and the gateway's raw fast path): refuses a foreign Host
 * everywhere, and a cross-site browser request on /v1 and /api; answers CORS preflights for
 * listed origins; returns true when it answered.
 */
export function browserGate(guard: BrowserGuard, logger?: Logger): FastPath {
  return (req, res) => {
    const host = header(req, 'host');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    let path = q < 0 ? url : url.slice(0, q);
    // The absolute form (`POST http://host/v1/messages`, as proxies are sent): its path decides
    // the error's wire format.
    if (path[0] !== '/') path = absolutePath(path);
    if (!guard.hostAllowed(host)) {
      logger?.info('refused a request for a foreign Host (DNS rebinding?)', { host: host?.slice(0, 200) });
      return refuseEarly(
        req,
        res,
        path,
        `Host "${(host ?? '').slice(0, 200)}" is not a name of this OmniRoute. Use 127.0.0.1 or localhost, or add the name to the allowedHosts setting.`,
      );
    }
    const origin = header(req, 'origin');
    const site = header(req, 'sec-fetch-site');
    // The usual caller (an agent, an SDK, curl): no browser headers, nothing more to check.
    if (origin === undefined && site === undefined) return false;
    const kind = guardedPath(path);
    if (!kind) return false;
    if (origin !== undefined && host !== undefined && sameOrigin(origin, host)) return false;
    if (origin === undefined && (site === 'same-origin' || site === 'none')) return false;
    const listed = origin !== undefined && kind === 'gateway' ? guard.listedOrigin(origin) : undefined;
    if (!listed) {
      logger?.info('refused a cross-site browser request', {
        origin: origin?.slice(0, 200),
        path: path.slice(0, 200),
      });
      return refuseEarly(
        req,
        res,
        path,
        kind === 'api'
          ? 'Cross-origin request refused: the management API answers only the dashboard itself.'
          : `Cross-origin request from ${origin ? `"${origin.slice(0, 200)}"` : 'another site'} refused. To let a web page use the gateway, add its origin to the corsOrigins setting.`,
      );
    }
    res.setHeader('access-control-allow-origin', origin!);
    res.setHeader('vary', 'Origin');
    if (req.method === 'OPTIONS') {
      const asked = header(req, 'access-control-request-headers');
      res.writeHead(204, {
        'access-control-allow-methods': CORS_METHODS,
        ...(asked ? { 'access-control-allow-headers': asked.slice(0, 2000) } : {}),
        'access-control-max-age': '600',
      });
      res.end();
      return true;
    }
    res.setHeader('access-control-expose-headers', CORS_EXPOSED);
    return false;
  };
}

function absolutePath(target: string): string {
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}

function sameOrigin(origin: string, host: string): boolean {
  const h = host.toLowerCase();
  const o = origin.toLowerCase();
  return o === `http://${h}` || o === `https://${h}`;
}
