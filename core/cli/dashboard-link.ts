import { parseArgs } from 'node:util';
import { resolveDataDir } from '../index.js';
import { readAdminToken } from '../server/auth/admin-token.js';

/**
 * `omniroute dashboard`: a new one-time sign-in link from the gateway running on this machine,
 * for when the one printed at start was used or scrolled away. Reading the admin token file is
 * the proof of being this machine's user.
 */
export async function dashboardLink(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port ?? env.PORT ?? 20128);
  const dataDir = resolveDataDir({ flag: values['data-dir'], env });
  let token: string;
  try {
    token = readAdminToken(dataDir, env);
  } catch {
    throw new Error(
      `no admin token in ${dataDir} (is that the data directory OmniRoute runs with? --data-dir)`,
    );
  }
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/link`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5000),
  }).catch(() => undefined);
  if (!res) throw new Error(`OmniRoute is not running on port ${port}: start it with "omniroute serve".`);
  if (!res.ok) throw new Error(`the gateway on port ${port} refused (${res.status}): ${await res.text()}`);
  const { url } = (await res.json()) as { url: string };
  out(url);
  return 0;
}
