// Port selection: the preferred port (20128) when free, else the next free one on 127.0.0.1,
// within a bounded number of attempts. The core is started on the port that was found; if
// something grabs it in between (a race), the next one is tried.
import net from 'node:net';

export const DEFAULT_PORT = 20128;
export const DEFAULT_ATTEMPTS = 20;

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

export class NoFreePortError extends Error {
  constructor(
    readonly preferred: number,
    readonly attempts: number,
  ) {
    super(
      `No free port on 127.0.0.1 between ${preferred} and ${preferred + attempts - 1}. ` +
        'Stop the programs using them, or choose another port.',
    );
    this.name = 'NoFreePortError';
  }
}

export async function findFreePort(
  preferred = DEFAULT_PORT,
  options: { host?: string; attempts?: number } = {},
): Promise<number> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let i = 0; i < attempts; i++) {
    const port = preferred + i;
    if (port > 65535) break;
    if (await isPortFree(port, options.host)) return port;
  }
  throw new NoFreePortError(preferred, attempts);
}

export interface StartedOnPort<T> {
  value: T;
  port: number;
  /** True when the preferred port was taken and another one is used. */
  moved: boolean;
}

/**
 * Calls `start(port)` on the first free port from `preferred` on. `isInUse(err)` recognises the
 * host's "address in use" error (core: PortInUseError) so a lost race moves on to the next port;
 * any other error is thrown as is.
 */
export async function startOnFreePort<T>(
  start: (port: number) => Promise<T>,
  options: {
    preferred?: number;
    host?: string;
    attempts?: number;
    isInUse: (err: unknown) => boolean;
  },
): Promise<StartedOnPort<T>> {
  const preferred = options.preferred ?? DEFAULT_PORT;
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let i = 0; i < attempts; i++) {
    const port = preferred + i;
    if (port > 65535) break;
    if (!(await isPortFree(port, options.host))) continue;
    try {
      return { value: await start(port), port, moved: port !== preferred };
    } catch (err) {
      if (!options.isInUse(err)) throw err;
    }
  }
  throw new NoFreePortError(preferred, attempts);
}
