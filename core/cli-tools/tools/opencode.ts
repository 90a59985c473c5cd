import path from 'node:path';
import { readJsonc, setIn } from '../edit/jsonc.js';
import { isFile } from '../files.js';
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

// OpenCode's global config lives in $XDG_CONFIG_HOME/opencode (default ~/.config/opencode, on
// every OS) as opencode.json or opencode.jsonc; OPENCODE_CONFIG names an extra file that
// overrides it. Custom OpenAI-compatible providers go through @ai-sdk/openai-compatible.
const PROVIDER = 'omniroute';
const dir = (ctx: ToolContext) =>
  path.join(envPath(ctx, 'XDG_CONFIG_HOME') ?? path.join(ctx.home, '.config'), 'opencode');

async function configFile(ctx: ToolContext): Promise<string> {
  const explicit = envPath(ctx, 'OPENCODE_CONFIG');
  if (explicit) return explicit;
  for (const name of ['opencode.jsonc', 'opencode.json']) {
    if (await isFile(path.join(dir(ctx), name))) return path.join(dir(ctx), name);
  }
  return path.join(dir(ctx), 'opencode.json');
}

export const opencode: CliToolDefinition = {
  id: 'opencode',
  name: 'OpenCode',
  files: async (ctx) => [await configFile(ctx)],
  installed: (ctx) => anyInstalled(ctx, [dir(ctx)], ['opencode']),
  async inspect(ctx) {
    const cfg = await readJsonConfig(await configFile(ctx));
    const provider = asObject(asObject(cfg?.provider)[PROVIDER]);
    const model = asString(cfg?.model);
    const configured =
      sameUrl(asObject(provider.options).baseURL, ctx.gateway.v1) && !!model?.startsWith(`${PROVIDER}/`);
    return { configured, ...(configured ? { model: model!.slice(PROVIDER.length + 1) } : {}) };
  },
  settings: (ctx, model) => [
    { label: `provider.${PROVIDER}.npm`, value: '@ai-sdk/openai-compatible', kind: 'text' },
    { label: `provider.${PROVIDER}.options.baseURL`, value: ctx.gateway.v1, kind: 'url' },
    { label: `provider.${PROVIDER}.options.apiKey`, value: KEY_PLACEHOLDER, kind: 'key' },
    { label: 'model', value: `${PROVIDER}/${model}`, kind: 'model' },
  ],
  manual: (ctx) =>
    `Add a "${PROVIDER}" entry under "provider" in ${path.join(dir(ctx), 'opencode.json')} with ` +
    `"npm": "@ai-sdk/openai-compatible" and "options": {"baseURL": "${ctx.gateway.v1}", "apiKey": "<gateway key>"}, ` +
    `then set "model" to "${PROVIDER}/<model>".`,
  async edits(ctx, input) {
    const file = await configFile(ctx);
    return [
      {
        path: file,
        update(previous) {
          const current = parseOrRefuse(file, () => asObject(readJsonc(previous ?? '')));
          const provider = asObject(asObject(current.provider)[PROVIDER]);
          const options = asObject(provider.options);
          const ours = sameUrl(options.baseURL, ctx.gateway.v1);
          const key = pickKey(ctx, input.apiKey, ours ? asString(options.apiKey) : undefined);
          let text = previous?.trim() ? previous : '{\n  "$schema": "https://opencode.ai/config.json"\n}\n';
          const set = (p: string[], v: unknown) => (text = parseOrRefuse(file, () => setIn(text, p, v)));
          const base = ['provider', PROVIDER];
          set([...base, 'npm'], '@ai-sdk/openai-compatible');
          if (provider.name === undefined) set([...base, 'name'], 'OmniRoute');
          set([...base, 'options', 'baseURL'], ctx.gateway.v1);
          set([...base, 'options', 'apiKey'], key);
          if (!Object.hasOwn(asObject(provider.models), input.model))
            set([...base, 'models', input.model], { name: input.model });
          set(['model'], `${PROVIDER}/${input.model}`);
          return text;
        },
      },
    ];
  },
};
