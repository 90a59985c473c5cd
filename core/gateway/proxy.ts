import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { buildConnector, Dispatcher } from 'undici';
import connectApi from 'undici/lib/api/api-connect.js';
import { Agent, Pool, ProxyAgent, errors as undiciErrors } from './undici.js';
import type { ResolvedProvider } from '../runtime/providers.js';
import type { Runtime } from '../runtime/runtime.js';
import type { ConnectionRecord } from '../store/repos/connections.js';
import { IpMatcher, isLoopbackAddress, parseIp, parseIpRange } from '../util/cidr.js';
import type { Logger } from '../util/logger.js';
import { proxyLabel, proxySecrets } from '../util/proxy-url.js';
import { agentOptions } from './upstream.js';
import type { UpstreamTimeouts } from '../runtime/timeouts.js';

/** The proxies the process environment asks for (curl's conventions, lower case first). */
export interface EnvProxies {
  http?: string;
  https?: string;
  all?: string;
  /** True when NO_PROXY says `host:port` is reached directly. */
  bypass: (host: string, port: number) => boolean;
}

const SUPPORTED = /^(https?|socks5h?):$/;

function envUrl(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  // `HTTP_PROXY=proxy.corp:3128` is common; curl reads it as http.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
  try {
    return SUPPORTED.test(new URL(withScheme).protocol) ? withScheme : undefined;
  } catch {
    return undefined;
  }
}

export function readEnvProxies(env: NodeJS.ProcessEnv): EnvProxies {
  const first = (...names: string[]) => names.map((n) => env[n]).find((v) => v?.trim());
  return {
    http: envUrl(first('http_proxy', 'HTTP_PROXY')),
    https: envUrl(first('https_proxy', 'HTTPS_PROXY')),
    all: envUrl(first('all_proxy', 'ALL_PROXY')),
    bypass: parseNoProxy(first('no_proxy', 'NO_PROXY') ?? ''),
  };
}

/**
 * NO_PROXY: comma- or space-separated `*`, host names (matching the host and its subdomains;
 * a leading `.` or `*.` is the same), IP addresses and CIDR ranges, each optionally `:port`.
 */
export function parseNoProxy(value: string): (host: string, port: number) => boolean {
  const names: Array<{ suffix: string; port?: number }> = [];
  const ranges: Array<{ entry: string; port?: number }> = [];
  for (let raw of value.split(/[\s,]+/)) {
    raw = raw.trim().toLowerCase();
    if (!raw) continue;
    if (raw === '*') return () => true;
    let port: number | undefined;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(raw);
    if (m) {
      raw = m[1]!;
      port = Number(m[2]);
    }
    raw = raw.replace(/^\[|\]$/g, '');
    if (parseIpRange(raw)) ranges.push({ entry: raw, port });
    else names.push({ suffix: raw.replace(/^\*?\./, ''), port });
  }
  const matchers = ranges.map((r) => ({ m: new IpMatcher([r.entry]), port: r.port }));
  return (host, port) => {
    const h = host.toLowerCase().replace(/^\[|\]$/g, '');
    for (const n of names)
      if ((n.port === undefined || n.port === port) && (h === n.suffix || h.endsWith(`.${n.suffix}`)))
        return true;
    if (isIP(h))
      for (const r of matchers) if ((r.port === undefined || r.port === port) && r.m.has(h)) return true;
    return false;
  };
}

function isLoopbackHostname(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || isLoopbackAddress(h);
}

/**
 * The proxy URL an upstream base URL is reached through, or undefined for a direct connection.
 * Precedence: the account's proxy, the provider's, the global setting, the environment. The
 * global and environment proxies never carry traffic to this machine (a local Ollama behind
 * a corporate proxy would break); NO_PROXY applies to the environment's.
 */
export function effectiveProxy(
  baseUrl: string,
  explicit: { connection?: string; provider?: string; global?: string | null },
  env: EnvProxies,
): string | undefined {
  if (explicit.connection) return explicit.connection;
  if (explicit.provider) return explicit.provider;
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (isLoopbackHostname(u.hostname)) return undefined;
  if (explicit.global) return explicit.global;
  const https = u.protocol === 'https:';
  const fromEnv = (https ? env.https : env.http) ?? env.all;
  if (!fromEnv) return undefined;
  const port = Number(u.port) || (https ? 443 : 80);
  return env.bypass(u.hostname, port) ? undefined : fromEnv;
}

/**
 * One undici dispatcher per proxy URL (plus the direct one), and for each account the one it
 * uses. The first request of an account after a config change works it out; every other
 * request is one WeakMap lookup keyed by the account record, which the runtime replaces on
 * every reload — so an attempt planned before a change keeps the dispatcher of its config.
 */
export class ProxyDispatchers {
  private byProxy = new Map<string, Dispatcher>();
  private labels = new WeakMap<Dispatcher, string>();
  private credentials = new WeakMap<Dispatcher, readonly string[]>();
  private byTarget = new WeakMap<object, Dispatcher>();
  private readonly env: EnvProxies;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly opts: {
      rt: Runtime;
      direct: Dispatcher;
      timeouts: UpstreamTimeouts;
      env: NodeJS.ProcessEnv;
      logger: Logger;
    },
  ) {
    this.env = readEnvProxies(opts.env);
    this.unsubscribe = opts.rt.events.on('config-changed', () => {
      this.byTarget = new WeakMap();
      this.retireUnused();
    });
  }

  /** The dispatcher an attempt on this account (or keyless provider) goes through. */
  for(provider: ResolvedProvider, connection?: ConnectionRecord): Dispatcher {
    const key: object = connection ?? provider;
    return this.byTarget.get(key) ?? this.resolve(key, provider, connection);
  }

  /** `proxy host:port` when `d` is a proxy, for error messages. */
  label(d: Dispatcher): string | undefined {
    return this.labels.get(d);
  }

  /** The credentials of the proxy `d` goes through (none for a direct one), to redact from errors. */
  secrets(d: Dispatcher): readonly string[] | undefined {
    return this.credentials.get(d);
  }

  private resolve(key: object, provider: ResolvedProvider, connection?: ConnectionRecord): Dispatcher {
    const url = effectiveProxy(
      connection?.baseUrl ?? provider.baseUrl,
      { connection: connection?.proxy, provider: provider.proxy, global: this.opts.rt.settings.proxy },
      this.env,
    );
    const d = url ? this.proxyDispatcher(url) : this.opts.direct;
    this.byTarget.set(key, d);
    return d;
  }

  private proxyDispatcher(url: string): Dispatcher {
    let d = this.byProxy.get(url);
    if (d) return d;
    try {
      d = createProxyDispatcher(url, this.opts.timeouts);
    } catch (err) {
      // A URL that passed the schema's pattern but does not parse: the account fails to
      // connect (and falls back) rather than silently going direct around its proxy.
      this.opts.logger.warn('unusable upstream proxy URL', { proxy: proxyLabel(url), error: String(err) });
      d = unusableProxy(`the proxy URL ${proxyLabel(url)} is not valid`);
    }
    this.byProxy.set(url, d);
    this.labels.set(d, proxyLabel(url));
    const secrets = proxySecrets(url);
    if (secrets.length) this.credentials.set(d, secrets);
    this.opts.logger.debug('upstream proxy in use', { proxy: proxyLabel(url) });
    return d;
  }

  /** Closes (gracefully: requests in flight finish) the dispatchers of proxies no longer configured. */
  private retireUnused(): void {
    if (this.byProxy.size === 0) return;
    const { rt } = this.opts;
    const used = new Set<string | null | undefined>([
      rt.settings.proxy,
      this.env.http,
      this.env.https,
      this.env.all,
      ...rt.connections.map((c) => c.proxy),
      ...rt.providers.map((p) => p.proxy),
    ]);
    for (const [url, d] of this.byProxy) {
      if (used.has(url)) continue;
      this.byProxy.delete(url);
      void d.close().catch(() => d.destroy());
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    const all = [...this.byProxy.values()];
    this.byProxy.clear();
    await Promise.all(all.map((d) => d.close().catch(() => d.destroy())));
  }
}

export function createProxyDispatcher(url: string, timeouts: UpstreamTimeouts): Dispatcher {
  const u = new URL(url);
  if (u.protocol === 'socks5:' || u.protocol === 'socks5h:') {
    return new Agent({ ...agentOptions(timeouts), connect: socks5Connector(u, timeouts.connectMs) });
  }
  // ProxyAgent only authenticates when both user and password are present; a token-only
  // proxy (`http://token@host`) needs the header built here.
  const token = u.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`
    : undefined;
  const tls = { timeout: timeouts.connectMs };
  return new ProxyAgent({
    ...agentOptions(timeouts),
    uri: url,
    ...(token ? { token } : {}),
    proxyTls: tls,
    requestTls: tls,
    // The CONNECT exchange is part of connecting: a proxy that accepts the TCP connection but
    // never answers must fail within the connect limit, not the first-byte one.
    clientFactory: (origin, o) => withConnect(new Pool(origin, { ...o, headersTimeout: timeouts.connectMs })),
  });
}

/**
 * ProxyAgent opens its CONNECT tunnel with its proxy client's `connect()`, an API method that
 * only `import 'undici'` puts on every dispatcher. The gateway loads undici's parts one by one
 * (undici.ts), so without this every HTTP(S) proxy failed with "connect is not a function"
 * (tests that import 'undici' themselves did not see it).
 */
function withConnect(pool: InstanceType<typeof Pool>): InstanceType<typeof Pool> {
  if (typeof (pool as { connect?: unknown }).connect !== 'function') pool.connect = connectApi;
  return pool;
}

/** A proxy problem worth showing as is (transportError puts its message in the answer). */
export class ProxyError extends Error {
  readonly code: string = 'EPROXY';
  constructor(message: string) {
    super(message);
    this.name = 'ProxyError';
  }
}

function unusableProxy(message: string): Dispatcher {
  return new Agent({ connect: (_opts, callback) => callback(new ProxyError(message), null) });
}

// --- SOCKS5 (RFC 1928) with username/password authentication (RFC 1929) ---

export class SocksError extends ProxyError {
  override readonly code = 'ESOCKS';
  constructor(message: string) {
    super(message);
    this.name = 'SocksError';
  }
}

const SOCKS_REPLIES: Record<number, string> = {
  1: 'general failure',
  2: 'connection not allowed by ruleset',
  3: 'network unreachable',
  4: 'host unreachable',
  5: 'connection refused',
  6: 'TTL expired',
  7: 'command not supported',
  8: 'address type not supported',
};

/** Exactly `n` bytes from a paused socket, without reading past them. */
function readBytes(socket: Socket, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      socket.off('readable', tryRead);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
    };
    const tryRead = () => {
      const chunk = socket.read(n) as Buffer | null;
      if (!chunk) return;
      cleanup();
      if (chunk.length < n) reject(new SocksError('the SOCKS proxy ended the handshake early'));
      else resolve(chunk);
    };
    const onEnd = () => {
      cleanup();
      reject(new SocksError('the SOCKS proxy closed the connection during the handshake'));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    socket.on('readable', tryRead);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onError);
    tryRead();
  });
}

async function socks5Handshake(
  socket: Socket,
  target: { host: string; port: number; remoteDns: boolean; user: string; pass: string },
): Promise<void> {
  const auth = target.user !== '' || target.pass !== '';
  socket.write(Buffer.from(auth ? [5, 2, 0x00, 0x02] : [5, 1, 0x00]));
  const [version, method] = await readBytes(socket, 2);
  if (version !== 5) throw new SocksError('the proxy does not speak SOCKS5');
  if (method === 0x02) {
    const u = Buffer.from(target.user);
    const p = Buffer.from(target.pass);
    if (u.length > 255 || p.length > 255) throw new SocksError('SOCKS user name or password too long');
    socket.write(Buffer.concat([Buffer.from([1, u.length]), u, Buffer.from([p.length]), p]));
    const [, status] = await readBytes(socket, 2);
    if (status !== 0) throw new SocksError('the SOCKS proxy refused the user name or password');
  } else if (method !== 0x00) {
    throw new SocksError(
      auth
        ? 'the SOCKS proxy accepts none of our authentication methods'
        : 'the SOCKS proxy requires authentication; put the user name and password in the proxy URL',
    );
  }

  // socks5: resolve here (curl's convention); socks5h: the proxy resolves the name.
  let ip = isIP(target.host) ? target.host : undefined;
  if (!ip && !target.remoteDns) ip = (await lookup(target.host)).address;
  let address: Buffer;
  if (ip && isIP(ip) === 4) address = Buffer.from([1, ...ip.split('.').map(Number)]);
  else if (ip) address = Buffer.concat([Buffer.from([4]), Buffer.from(parseIp(ip)!)]);
  else {
    const name = Buffer.from(target.host);
    if (name.length > 255) throw new SocksError('host name too long for SOCKS5');
    address = Buffer.concat([Buffer.from([3, name.length]), name]);
  }
  const port = Buffer.from([target.port >> 8, target.port & 0xff]);
  socket.write(Buffer.concat([Buffer.from([5, 1, 0]), address, port]));

  const [ver, reply, , atyp] = await readBytes(socket, 4);
  if (ver !== 5) throw new SocksError('the proxy does not speak SOCKS5');
  if (reply !== 0)
    throw new SocksError(
      `the SOCKS proxy could not connect to ${target.host}:${target.port}: ${SOCKS_REPLIES[reply!] ?? `reply ${reply}`}`,
    );
  const len = atyp === 1 ? 4 : atyp === 4 ? 16 : atyp === 3 ? (await readBytes(socket, 1))[0]! : -1;
  if (len < 0) throw new SocksError(`the SOCKS proxy answered with address type ${atyp}`);
  await readBytes(socket, len + 2); // bound address and port: not needed
}

/**
 * An undici connector that tunnels through a SOCKS5 proxy, then speaks TLS for https origins.
 * `tlsOptions` adds to the TLS handshake (tests pass their own CA).
 */
export function socks5Connector(
  proxy: URL,
  connectMs: number,
  tlsOptions: ConnectionOptions = {},
): buildConnector.connector {
  const target = {
    remoteDns: proxy.protocol === 'socks5h:',
    user: decodeURIComponent(proxy.username),
    pass: decodeURIComponent(proxy.password),
  };
  const proxyHost = proxy.hostname.replace(/^\[|\]$/g, '');
  const proxyPort = Number(proxy.port) || 1080;
  return (opts, callback) => {
    const host = opts.hostname.replace(/^\[|\]$/g, '');
    const https = opts.protocol === 'https:';
    const port = Number(opts.port) || (https ? 443 : 80);
    let settled = false;
    let tlsSocket: TLSSocket | undefined;
    const socket = netConnect({ host: proxyHost, port: proxyPort });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    socket.pause();
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tlsSocket?.destroy();
      socket.destroy();
      callback(err, null);
    };
    const done = (s: Socket | TLSSocket) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('error', fail);
      callback(null, s);
    };
    const timer = setTimeout(
      () =>
        fail(
          new undiciErrors.ConnectTimeoutError(`Connect through the SOCKS proxy timed out (${connectMs} ms)`),
        ),
      connectMs,
    );
    socket.once('error', fail);
    socket.once('connect', () => {
      socks5Handshake(socket, { ...target, host, port }).then(() => {
        if (settled) return;
        if (!https) return done(socket);
        tlsSocket = tlsConnect({
          ...tlsOptions,
          socket,
          servername: opts.servername ?? (isIP(host) ? undefined : host),
          ALPNProtocols: ['http/1.1'],
        });
        tlsSocket.once('error', fail);
        tlsSocket.once('secureConnect', () => {
          tlsSocket!.off('error', fail);
          done(tlsSocket!);
        });
      }, fail);
    });
  };
}
