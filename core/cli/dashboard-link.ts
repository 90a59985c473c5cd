import { localApi, parseMachineArgs } from './local-api.js';

/**
 * `omniroute dashboard`: a new one-time sign-in link from the gateway running on this machine,
 * for when the one printed at start was used or scrolled away.
 */
export async function dashboardLink(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { port, dataDir } = parseMachineArgs(argv, env, {});
  const api = localApi(port, dataDir, env);
  const res = await api('/auth/link', { method: 'POST' }, 5000);
  if (!res.ok) throw new Error(`the gateway on port ${port} refused (${res.status}): ${await res.text()}`);
  const { url } = (await res.json()) as { url: string };
  out(url);
  return 0;
}
