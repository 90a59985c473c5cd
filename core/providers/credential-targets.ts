// Where credentials OmniRoute does not own may go. A caller's own login (login providers) and a
// signed-in ChatGPT plan (chatgpt-plan) are sent only to their vendor's host, or to this machine
// (a local fake or debugging proxy): a base URL pointing elsewhere would hand them to a third party.
import { DEFAULT_AUTH_URL } from './chatgpt-plan/oauth.js';
import { credentialTargetProblem, loginKind } from './login/index.js';
import type { LoginKindId } from './login/types.js';
import { builtinProvider } from './registry.js';

export function credentialTargetProblems(p: {
  id: string;
  login?: LoginKindId;
  baseUrl?: string;
  authUrl?: string;
}): Array<{ field: 'baseUrl' | 'authUrl'; message: string }> {
  const out: Array<{ field: 'baseUrl' | 'authUrl'; message: string }> = [];
  const check = (field: 'baseUrl' | 'authUrl', url: string | undefined, vendor: string, what: string) => {
    const problem = url ? credentialTargetProblem(url, vendor) : undefined;
    if (problem) out.push({ field, message: `${what} ${problem}` });
  };
  if (p.login) check('baseUrl', p.baseUrl, loginKind(p.login).defaultBaseUrl, "a login provider's baseUrl");
  const def = builtinProvider(p.id);
  if (def?.signIn) {
    check('baseUrl', p.baseUrl, def.baseUrl, `${def.id}'s baseUrl`);
    check('authUrl', p.authUrl, DEFAULT_AUTH_URL, `${def.id}'s authUrl`);
  } else if (p.authUrl)
    out.push({
      field: 'authUrl',
      message: 'authUrl applies only to a provider whose accounts sign in (chatgpt-plan)',
    });
  return out;
}
