import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveDataDir } from '../index.js';
import { readAdminToken } from '../server/auth/admin-token.js';

const MACHINE_OPTIONS = { port: { type: 'string' }, 'data-dir': { type: 'string' } } as const;

/**
 * The flags of a command that works with the gateway of this machine: `--port` and `--data-dir`
 * (named as for serve, falling back to $PORT and $DATA_DIR alike), plus the command's own.
 */
export function parseMachineArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  env: NodeJS.ProcessEnv,
  options: T,
) {
  const { values } = parseArgs({ args: argv, options: { ...MACHINE_OPTIONS, ...options }, strict: true });
  // The two options are in every call; the type of `values` cannot say so while T is open.
  const machine = values as { port?: string; 'data-dir'?: string };
  return {
    values,
    port: Number(machine.port ?? env.PORT ?? 20128),
    dataDir: resolveDataDir({ flag: machine['data-dir'], env }),
  };
}

/**
 * The management API of the gateway running on this machine, called with its admin token:
 * reading the token file is the proof of being this machine's user. Throws when the token is
 * not in `dataDir`, and when nothing answers on `port`.
 */
export function localApi(
  port: number,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): (path: string, init?: RequestInit, timeoutMs?: number) => Promise<Response> {
  let token: string;
  try {
    token = readAdminToken(dataDir, env);
  } catch {
    throw new Error(
      `no admin token in ${dataDir} (is that the data directory OmniRoute runs with? --data-dir)`,
    );
  }
  return async (path, init = {}, timeoutMs = 10_000) => {
    const res = await fetch(`http://127.0.0.1:${port}/api${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    }).catch(() => undefined);
    if (!res) throw new Error(`OmniRoute is not running on port ${port}: start it with "omniroute serve".`);
    return res;
  };
}
