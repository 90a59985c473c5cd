import path from 'node:path';
import { readJsonc, setIn } from '../edit/jsonc.js';
import { KEY_PLACEHOLDER, type CliToolDefinition, type ToolContext } from '../types.js';
import {
  anyInstalled,
  asObject,
  asString,
  envPath,
  parseOrRefuse,
  pickKey,
  readJsonConfig,
  sameUrl,
} from '../util.js';

// OpenClaw reads one JSON5 file: OPENCLAW_CONFIG_PATH, else $OPENCLAW_STATE_DIR/openclaw.json,
// else ~/.openclaw/openclaw.json. Providers outside its catalog are declared under
// models.providers and picked with agents.defaults.model.primary = "<provider>/<model>".
const PROVIDER = 'omniroute';
const stateDir = (ctx: ToolContext) => envPath(ctx, 'OPENCLAW_STATE_DIR') ?? path.join(ctx.home, '.openclaw');
const file = (ctx: ToolContext) =>
  envPath(ctx, 'OPENCLAW_CONFIG_PATH') ?? path.join(stateDir(ctx), 'openclaw.json');

function primaryOf(cfg: Record<string, unknown> | undefined): string | undefined {
  const model = asObject(asObject(cfg?.agents).defaults).model;
  return typeof model === 'string' ? model : asString(asObject(model).primary);
}

export const openclaw: CliToolDefinition = {
  id: 'openclaw',
  name: 'OpenClaw',
  files: async (ctx) => [file(ctx)],
  installed: (ctx) => anyInstalled(ctx, [stateDir(ctx)], ['openclaw']),
  async inspect(ctx) {
    const cfg = await readJsonConfig(file(ctx));
    const provider = asObject(asObject(asObject(cfg?.models).providers)[PROVIDER]);
    const primary = primaryOf(cfg);
    const configured = sameUrl(provider.baseUrl, ctx.gateway.v1) && !!primary?.startsWith(`${PROVIDER}/`);
    return { configured, ...(configured ? { model: primary!.slice(PROVIDER.length + 1) } : {}) };
  },
  settings: (ctx, model) => [
    { label: `models.providers.${PROVIDER}.baseUrl`, value: ctx.gateway.v1, kind: 'url' },
    { label: `models.providers.${PROVIDER}.apiKey`, value: KEY_PLACEHOLDER, kind: 'key' },
    { label: `models.providers.${PROVIDER}.api`, value: 'openai-completions', kind: 'text' },
    { label: 'agents.defaults.model.primary', value: `${PROVIDER}/${model}`, kind: 'model' },
  ],
  notes: () => [{ id: 'openclawRestart', text: 'Restart the OpenClaw gateway to load the new settings.' }],
  manual: (ctx) =>
    `Add models.providers.${PROVIDER} with baseUrl "${ctx.gateway.v1}", apiKey "<gateway key>", api "openai-completions" ` +
    `and your model in "models" to ${file(ctx)}, then set agents.defaults.model.primary to "${PROVIDER}/<model>".`,
  edits: async (ctx, input) => [
    {
      path: file(ctx),
      update(previous) {
        const f = file(ctx);
        const current = parseOrRefuse(f, () => asObject(readJsonc(previous ?? '')));
        const models = asObject(current.models);
        const provider = asObject(asObject(models.providers)[PROVIDER]);
        const ours = sameUrl(provider.baseUrl, ctx.gateway.v1);
        const key = pickKey(ctx, input.apiKey, ours ? asString(provider.apiKey) : undefined);
        const ref = `${PROVIDER}/${input.model}`;
        let text = previous ?? '';
        const set = (p: string[], v: unknown) => (text = parseOrRefuse(f, () => setIn(text, p, v)));
        // "merge" keeps OpenClaw's built-in providers next to ours.
        if (models.mode === undefined) set(['models', 'mode'], 'merge');
        const base = ['models', 'providers', PROVIDER];
        set([...base, 'baseUrl'], ctx.gateway.v1);
        set([...base, 'apiKey'], key);
        set([...base, 'api'], 'openai-completions');
        const list = Array.isArray(provider.models) ? provider.models : [];
        if (!list.some((m) => asObject(m).id === input.model))
          set([...base, 'models'], [...list, { id: input.model, name: input.model }]);
        const defaults = asObject(asObject(current.agents).defaults);
        if (typeof defaults.model === 'string') set(['agents', 'defaults', 'model'], ref);
        else set(['agents', 'defaults', 'model', 'primary'], ref);
        // agents.defaults.models, when present, is an allowlist: the new model must be on it.
        const allow = defaults.models;
        if (allow && typeof allow === 'object' && !Array.isArray(allow) && !Object.hasOwn(allow, ref))
          set(['agents', 'defaults', 'models', ref], {});
        return text;
      },
    },
  ],
};
