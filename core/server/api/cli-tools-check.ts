import { cliTool, type ApplyMode } from '../../cli-tools/index.js';
import { GatewayError } from '../../formats/canonical.js';
import { resolvePlan } from '../../runtime/resolve.js';
import { loginKind } from '../../providers/login/index.js';
import type { Runtime } from '../../runtime/runtime.js';

/**
 * After apply: one request through the gateway as the tool will send it (its key, in its header),
 * and what the model it names resolves to — so a wrong key or a combo without a login step shows
 * now, not when the tool first fails. No vendor credential is involved: none is ever read.
 */
export async function checkApplied(
  rt: Runtime,
  origin: string,
  toolId: string,
  input: { model: string; apiKey?: string; mode?: ApplyMode },
): Promise<{ ok: boolean; messages: string[] }> {
  const messages: string[] = [];
  let ok = true;
  const keepLogin = input.mode === 'keep-login';
  const headers: Record<string, string> = {};
  if (input.apiKey)
    headers[keepLogin ? 'x-omniroute-key' : 'authorization'] = keepLogin
      ? input.apiKey
      : `Bearer ${input.apiKey}`;
  try {
    const res = await fetch(`${origin}/v1/models`, { headers, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    if (res.ok)
      messages.push(
        `GET /v1/models through the gateway${input.apiKey ? ' with the key' : ''}: ${res.status}.`,
      );
    else {
      ok = false;
      messages.push(
        `GET /v1/models through the gateway answered ${res.status}: the tool's requests would be refused.`,
      );
    }
  } catch (err) {
    ok = false;
    messages.push(`The gateway did not answer at ${origin} (${(err as Error).message}).`);
  }
  try {
    const plan = resolvePlan(rt, input.model);
    if (plan.attempts.length === 0) {
      ok = false;
      messages.push(`"${input.model}" resolves, but no enabled account can serve it now.`);
    } else
      messages.push(
        `"${input.model}" is served by ${[...new Set(plan.attempts.map((a) => `${a.provider.id}/${a.model}`))].join(' → ')}.`,
      );
    const login = keepLogin ? cliTool(toolId)?.keepLogin?.login : undefined;
    if (login && !plan.attempts.some((a) => a.provider.login === login)) {
      ok = false;
      messages.push(
        `No step of "${input.model}" uses a provider with "login: ${login}": the tool's own ${loginKind(login).name} would never be used. Add one first in the combo.`,
      );
    }
  } catch (err) {
    ok = false;
    messages.push(err instanceof GatewayError ? err.message : `"${input.model}" could not be resolved.`);
  }
  return { ok, messages };
}
