import { readAdminToken } from '../server/auth/admin-token.js';

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
