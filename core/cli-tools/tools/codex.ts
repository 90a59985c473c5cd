import path from 'node:path';
import { readDotenv, setDotenv } from '../edit/dotenv.js';
import { readTomlString, removeTableKey, scanToml, setRootKey, setTable, tomlString } from '../edit/toml.js';
import { readText } from '../files.js';
import { KEY_PLACEHOLDER, type CliToolDefinition, type ToolContext } from '../types.js';
import { anyInstalled, envPath, KEY_HEADER, loginModeKey, parseOrRefuse, pickKey, sameUrl } from '../util.js';

// Codex reads $CODEX_HOME/config.toml (default ~/.codex) and, before anything else, loads
// $CODEX_HOME/.env into its environment: the key goes there, under the variable `env_key` names.
const PROVIDER = 'omniroute';
const ENV_KEY = 'OMNIROUTE_API_KEY';
const dir = (ctx: ToolContext) => envPath(ctx, 'CODEX_HOME') ?? path.join(ctx.home, '.codex');
const configFile = (ctx: ToolContext) => path.join(dir(ctx), 'config.toml');
const envFile = (ctx: ToolContext) => path.join(dir(ctx), '.env');

/** The key an `http_headers = { "x-omniroute-key" = "…" }` already sends. */
function headerKey(text: string): string | undefined {
  const st = scanToml(text).find(
    (s) =>
      s.kind === 'kv' &&
      s.table.join('.') === `model_providers.${PROVIDER}` &&
      s.path.join('.') === 'http_headers',
  );
  if (!st || st.kind !== 'kv') return undefined;
  const m = /"x-omniroute-key"\s*=\s*"([^"\\]*)"/.exec(text.slice(st.valueStart, st.valueEnd));
  return m?.[1];
}

/** The root keys that make Codex use the omniroute provider with `model` (the file checked first). */
function selectProvider(previous: string | undefined, model: string): string {
  let text = previous?.trim() ? previous : '';
  scanToml(text);
  text = setRootKey(text, 'model', tomlString(model));
  return setRootKey(text, 'model_provider', tomlString(PROVIDER));
}

async function readConfig(ctx: ToolContext) {
  const text = await readText(configFile(ctx));
  if (text === undefined) return undefined;
  try {
    return {
      provider: readTomlString(text, [], 'model_provider'),
      model: readTomlString(text, [], 'model'),
      baseUrl: readTomlString(text, ['model_providers', PROVIDER], 'base_url'),
    };
  } catch {
    return undefined;
  }
}

export const codex: CliToolDefinition = {
  id: 'codex',
  name: 'Codex CLI',
  command: 'codex',
  files: async (ctx) => [configFile(ctx), envFile(ctx)],
  installed: (ctx) => anyInstalled(ctx, [dir(ctx)], ['codex']),
  async inspect(ctx) {
    const c = await readConfig(ctx);
    const configured = c?.provider === PROVIDER && sameUrl(c.baseUrl, ctx.gateway.v1);
    return { configured, ...(configured && c?.model ? { model: c.model } : {}) };
  },
  settings: (ctx, model) => [
    { label: 'model', value: model, kind: 'model' },
    { label: 'model_provider', value: PROVIDER, kind: 'text' },
    { label: `[model_providers.${PROVIDER}] base_url`, value: ctx.gateway.v1, kind: 'url' },
    { label: `[model_providers.${PROVIDER}] env_key`, value: ENV_KEY, kind: 'text' },
    { label: `[model_providers.${PROVIDER}] wire_api`, value: 'responses', kind: 'text' },
    { label: ENV_KEY, value: KEY_PLACEHOLDER, kind: 'key' },
  ],
  notes: (ctx) => [
    {
      id: 'codexEnv',
      text: `The key is written to ${envFile(ctx)} as ${ENV_KEY}; Codex loads that file itself at start.`,
    },
  ],
  manual: (ctx) =>
    `Add a [model_providers.${PROVIDER}] table with base_url = "${ctx.gateway.v1}", env_key = "${ENV_KEY}", ` +
    `wire_api = "responses" to ${configFile(ctx)}, set model_provider = "${PROVIDER}", and export ${ENV_KEY}.`,
  edits: async (ctx, input) => [
    {
      path: configFile(ctx),
      update(previous) {
        const f = configFile(ctx);
        return parseOrRefuse(f, () => {
          const text = selectProvider(previous, input.model);
          return setTable(
            text,
            ['model_providers', PROVIDER],
            [
              ['name', tomlString('OmniRoute')],
              ['base_url', tomlString(ctx.gateway.v1)],
              ['env_key', tomlString(ENV_KEY)],
              ['wire_api', tomlString('responses')],
            ],
          );
        });
      },
    },
    {
      path: envFile(ctx),
      update(previous) {
        const text = previous ?? '';
        const existing = readDotenv(text)[ENV_KEY];
        return setDotenv(text, { [ENV_KEY]: pickKey(ctx, input.apiKey, existing) });
      },
    },
  ],
  keepLogin: {
    login: 'chatgpt',
    settings: (ctx, model) => [
      { label: 'model', value: model, kind: 'model' },
      { label: 'model_provider', value: PROVIDER, kind: 'text' },
      { label: `[model_providers.${PROVIDER}] base_url`, value: ctx.gateway.v1, kind: 'url' },
      { label: `[model_providers.${PROVIDER}] wire_api`, value: 'responses', kind: 'text' },
      { label: `[model_providers.${PROVIDER}] requires_openai_auth`, value: 'true', kind: 'text' },
      {
        label: `[model_providers.${PROVIDER}] http_headers`,
        value: `{ "${KEY_HEADER}" = "${KEY_PLACEHOLDER}" }`,
        kind: 'key',
      },
    ],
    notes: () => [
      {
        id: 'codexLogin',
        text: 'Codex keeps its ChatGPT login (requires_openai_auth): it sends its own token, and the gateway key goes in the x-omniroute-key header. env_key is removed from the omniroute provider.',
      },
    ],
    edits: async (ctx, input) => [
      {
        path: configFile(ctx),
        update(previous) {
          const f = configFile(ctx);
          return parseOrRefuse(f, () => {
            const before = previous?.trim() ? previous : '';
            const ours = sameUrl(
              readTomlString(before, ['model_providers', PROVIDER], 'base_url'),
              ctx.gateway.v1,
            );
            const key = loginModeKey(ctx, input.apiKey, ours ? headerKey(before) : undefined);
            let text = selectProvider(before, input.model);
            const table = ['model_providers', PROVIDER];
            text = setTable(text, table, [
              ['name', tomlString('OmniRoute')],
              ['base_url', tomlString(ctx.gateway.v1)],
              ['wire_api', tomlString('responses')],
              ['requires_openai_auth', 'true'],
              ...(key
                ? [['http_headers', `{ ${tomlString(KEY_HEADER)} = ${tomlString(key)} }`] as [string, string]]
                : []),
            ]);
            // Codex would send the env key instead of its ChatGPT login.
            text = removeTableKey(text, table, 'env_key');
            if (!key) text = removeTableKey(text, table, 'http_headers');
            return text;
          });
        },
      },
    ],
  },
};
