import { startCore, type Core } from '../index.js';
import { createLogger } from '../util/logger.js';
import { readAdminToken } from '../server/auth/admin-token.js';
import { parseMachineArgs } from './local-api.js';

/**
 * `omniroute login chatgpt`: Sign in with ChatGPT from a terminal. Uses the gateway already
 * running on this machine (its callback, its database); starts one for the sign-in when none is.
 */
export async function loginChatGpt(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, port, dataDir } = parseMachineArgs(argv, env, {
    config: { type: 'string' },
    'timeout-seconds': { type: 'string' },
  });
  const timeoutMs = Number(values['timeout-seconds'] ?? 900) * 1000;
  let url = `http://127.0.0.1:${port}`;
  let own: Core | undefined;
  const running = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1500) })
    .then((r) => r.ok)
    .catch(() => false);
  if (!running) {
    own = await startCore({
      dataDir,
      port,
      configFile: values.config ?? env.OMNIROUTE_CONFIG,
      logger: createLogger('warn'),
    });
    url = own.url;
  }
  try {
    const token = readAdminToken(dataDir, env);
    const api = (p: string, init: RequestInit = {}) =>
      fetch(url + p, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    const res = await api('/api/chatgpt/sign-in', { method: 'POST', body: '{}' });
    if (!res.ok) {
      out(`omniroute: the gateway refused to start the sign-in (${res.status}): ${await res.text()}`);
      return 1;
    }
    const { state, url: signInUrl } = (await res.json()) as { state: string; url: string };
    out('Open this address in a browser on this machine and continue with ChatGPT:');
    out(`  ${signInUrl}`);
    out('Waiting for the sign-in to come back…');
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      const s = (await (await api(`/api/chatgpt/sign-in/${state}`)).json()) as {
        state: string;
        email?: string;
        planUsage?: boolean;
        error?: string;
      };
      if (s.state === 'pending') continue;
      if (s.state === 'error') {
        out(`Sign-in failed: ${s.error}`);
        return 1;
      }
      if (!s.planUsage) {
        out(
          `Signed in as ${s.email ?? 'your account'}, but ChatGPT plan usage was not allowed: run this again and allow it.`,
        );
        return 1;
      }
      out(
        `Signed in as ${s.email ?? 'your account'}: requests routed to chatgpt-plan now use your ChatGPT plan.`,
      );
      out('Manage its usage in ChatGPT settings → Usage: https://chatgpt.com/settings/usage');
      return 0;
    }
    out('Gave up waiting for the sign-in.');
    return 1;
  } finally {
    await own?.stop(2000);
  }
}
