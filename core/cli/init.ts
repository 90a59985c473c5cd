import type { ComboTemplate } from '../runtime/combo-templates.js';
import { localApi, parseMachineArgs } from './local-api.js';

/**
 * `omniroute init`: the combo templates of the gateway running on this machine, filled from its
 * accounts; with `--template <id>` it creates that combo (`--name`, default the template id) and
 * makes it the active one (`--no-activate` leaves the active combo as is).
 */
export async function initCombos(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, port, dataDir } = parseMachineArgs(argv, env, {
    template: { type: 'string' },
    name: { type: 'string' },
    'no-activate': { type: 'boolean' },
  });
  const call = localApi(port, dataDir, env);
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await call(path, { ...init, headers: { 'content-type': 'application/json' } });
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    if (!res.ok) throw new Error(body.error?.message ?? `the gateway answered ${res.status}`);
    return body;
  };
  const templates = (await api('/combo-templates')) as unknown as ComboTemplate[];
  if (!values.template) {
    for (const t of templates) {
      out(`${t.id} — ${t.name}: ${t.description}`);
      if (t.steps.length === 0) out('  (no connected account fits yet)');
      t.steps.forEach((s, i) => out(`  ${i + 1}. ${s.model} — ${s.why}`));
      out('');
    }
    out('Create one: omniroute init --template <id> [--name <combo name>]');
    return 0;
  }
  if (!templates.some((t) => t.id === values.template))
    throw new Error(`no template "${values.template}"; templates: ${templates.map((t) => t.id).join(', ')}`);
  const combo = (await api(`/combo-templates/${encodeURIComponent(values.template)}/apply`, {
    method: 'POST',
    body: JSON.stringify(values.name ? { name: values.name } : {}),
  })) as unknown as { name: string; models: string[] };
  if (!values['no-activate'])
    await api('/state/active-combo', { method: 'PUT', body: JSON.stringify({ combo: combo.name }) });
  out(
    `Combo "${combo.name}": ${combo.models.join(' → ')}${values['no-activate'] ? '' : ' (now the active combo)'}`,
  );
  return 0;
}
