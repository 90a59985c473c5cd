import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Hono } from 'hono';
import type { AppEnv } from './env.js';

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} on ${host} is already in use — another OmniRoute or another program is listening there. ` +
        `Stop it, or start on a free port with --port <n> (for example --port ${port + 1}).`,
    );
    this.name = 'PortInUseError';
  }
}

export interface RunningServer {
  server: Server;
  host: string;
  port: number;
  /** Requests not yet finished (streams included). */
  inFlight(): number;
  /** Stops accepting, lets in-flight requests finish up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<{ drained: boolean; cut: number }>;
}

/** Handles a request without Hono when it can (the gateway's hot path); false to pass it on. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface ListenOptions {
  /**
   * Most client connections open at once (setting maxConnections); one more is closed as soon as
   * it is accepted. Change it later with `server.maxConnections`.
   */
  maxConnections?: number;
  /** Connections were refused at the cap: called at most once a minute, with how many. */
  onRefused?: (count: number) => void;
}

/** How long a connection whose request was answered before its body arrived may still send. */
const LINGER_MS = 5_000;

/**
 * The answer went out before the request's body had arrived (a 408 for a body that trickled, a
 * 413, a refusal that never read it). Node then reads and drops the rest of the body, keeping
 * the connection for the caller's next request, as its answer said it would; a body that has not
 * arrived LINGER_MS later is not waited for any longer: the connection is closed.
 */
function closeIfBodyStalls(req: IncomingMessage): void {
  const socket = req.socket;
  if (!socket || socket.destroyed) return;
  const t = setTimeout(() => {
    if (!req.complete) socket.destroy();
  }, LINGER_MS);
  t.unref();
  socket.once('close', () => clearTimeout(t));
}

/**
 * The Hono app's listener for what the fast path leaves: built on first use, and built again
 * after a failed load (the caller got a 500 saying why).
 */
function slowPath(loadApp: () => Promise<Hono<AppEnv>>): (req: IncomingMessage, res: ServerResponse) => void {
  let listener: Promise<Listener> | undefined;
  const appListener = () =>
    (listener ??= loadApp().then(async (app) => {
      // After the app's modules: node-server swaps the global Response.
      const { getRequestListener } = await import('@hono/node-server');
      return getRequestListener(app.fetch);
    }));
  return (req, res) => {
    appListener()
      .then((l) => l(req, res))
      .catch((err: unknown) => {
        listener = undefined;
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ error: { message: `The management API failed to load: ${String(err)}` } }),
          );
        } else res.destroy();
      });
  };
}

/** Reports connections refused at the cap, at most once a minute, with how many since. */
function reportRefused(server: Server, onRefused: ((count: number) => void) | undefined): void {
  let refused = 0;
  let refusedReported = 0;
  server.on('drop', () => {
    refused++;
    const now = Date.now();
    if (onRefused && now - refusedReported >= 60_000) {
      refusedReported = now;
      onRefused(refused);
      refused = 0;
    }
  });
}

function listening(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(host, port) : err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Counts requests in flight (streams included) and says when there are none left. */
function requestCounter() {
  let active = 0;
  const idleWaiters = new Set<() => void>();
  // One function for every response, and `on`, not `once`: a response closes once, and once()
  // would wrap a new closure per request.
  const finished = function (this: ServerResponse) {
    active--;
    if (!this.req.complete) closeIfBodyStalls(this.req);
    if (active === 0) for (const w of idleWaiters) w();
  };
  return {
    /** Counts `res`'s request until its response closes. */
    track(res: ServerResponse): void {
      active++;
      res.on('close', finished);
    },
    count: () => active,
    /** True once none is left, false when `graceMs` passed first. */
    drained(graceMs: number): Promise<boolean> {
      if (active === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const t = setTimeout(() => {
          idleWaiters.delete(done);
          resolve(false);
        }, graceMs);
        const done = () => {
          clearTimeout(t);
          idleWaiters.delete(done);
          resolve(true);
        };
        idleWaiters.add(done);
      });
    },
  };
}

/**
 * Serves `fastPath` first; everything else goes to the Hono app, which `loadApp` builds on the
 * first request that needs it: a gateway that only proxies never loads the management API,
 * the dashboard or Hono (whose Response class alone pulls in Node's fetch, ~6 MB).
 */
export async function listen(
  loadApp: () => Promise<Hono<AppEnv>>,
  host: string,
  port: number,
  fastPath?: FastPath,
  opts: ListenOptions = {},
): Promise<RunningServer> {
  const slow = slowPath(loadApp);
  const requests = requestCounter();
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.track(res);
    if (fastPath?.(req, res)) return;
    slow(req, res);
  });
  // Agents keep connections open between calls: a long keep-alive avoids reconnect costs.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0; // streams may run for many minutes
  // A slow request body is timed out where it is read (setting requestBodyTimeoutMs), with an
  // answer in the caller's format; the connection count is capped here.
  if (opts.maxConnections) server.maxConnections = opts.maxConnections;
  reportRefused(server, opts.onRefused);
  server.on('connection', (s) => {
    sockets.add(s);
    s.setNoDelay(true);
    s.once('close', () => sockets.delete(s));
  });
  await listening(server, host, port);
  const addr = server.address() as AddressInfo;
  return {
    server,
    host,
    port: addr.port,
    inFlight: requests.count,
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const drained = await requests.drained(graceMs);
      const cut = drained ? 0 : requests.count();
      for (const s of sockets) s.destroy();
      await closed;
      return { drained, cut };
    },
  };
}
