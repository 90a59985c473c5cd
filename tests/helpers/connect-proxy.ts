import { createServer, type Server } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';

/**
 * A minimal HTTP CONNECT proxy on 127.0.0.1 that counts the tunnels it opened and the targets it
 * was asked for: a request that reached an upstream through it proves the proxy was used.
 */
export interface ConnectProxy {
  url: string;
  targets: string[];
  close(): Promise<void>;
}

/**
 * `redirect` sends a tunnel asked for one `host:port` to another: a test can give a URL that
 * cannot be reached directly (a closed port) and still be answered, but only through the proxy.
 */
export async function startConnectProxy(
  opts: {
    redirect?: Record<string, string>;
    /** Answers every CONNECT with this status instead (a proxy that refuses, e.g. 403). */
    refuse?: number;
  } = {},
): Promise<ConnectProxy> {
  const live = new Set<Socket>();
  const targets: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connection', (s: Socket) => {
    live.add(s);
    s.on('close', () => live.delete(s));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    targets.push(req.url ?? '');
    if (opts.refuse) {
      client.end(`HTTP/1.1 ${opts.refuse} Refused\r\n\r\n`);
      return;
    }
    const target = opts.redirect?.[req.url ?? ''] ?? req.url ?? '';
    const colon = target.lastIndexOf(':');
    const upstream = netConnect(Number(target.slice(colon + 1)), target.slice(0, colon), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      live.add(upstream);
      upstream.on('close', () => live.delete(upstream));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise((r) => {
        for (const s of live) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
