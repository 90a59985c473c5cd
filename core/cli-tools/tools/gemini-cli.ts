import path from 'node:path';
import { readDotenv, removeDotenv, setDotenv } from '../edit/dotenv.js';
import { readJsonc, setIn } from '../edit/jsonc.js';
import { readText } from '../files.js';
import { KEY_PLACEHOLDER, type CliToolDefinition, type FileEdit, type ToolContext } from '../types.js';
import {
  anyInstalled,
  asObject,
  asString,
  envPath,
  headersWithKey,
  KEY_HEADER,
  keyInHeaders,
  loginModeKey,
  parseOrRefuse,
  pickKey,
  readJsonConfig,
  sameUrl,
} from '../util.js';

// Gemini CLI has no base-URL setting in settings.json: the Google GenAI SDK it uses reads
// GOOGLE_GEMINI_BASE_URL from the environment, and the CLI loads ~/.gemini/.env into its
// environment. settings.json gets the model and API-key authentication. GEMINI_CLI_HOME
// replaces the home directory the CLI looks in.
const dir = (ctx: ToolContext) => path.join(envPath(ctx, 'GEMINI_CLI_HOME') ?? ctx.home, '.gemini');
const settingsFile = (ctx: ToolContext) => path.join(dir(ctx), 'settings.json');
const envFile = (ctx: ToolContext) => path.join(dir(ctx), '.env');

/** settings.json: the authentication the CLI uses and the model. */
function settingsEdit(
  ctx: ToolContext,
  model: string,
  selectedType: 'gemini-api-key' | 'oauth-personal',
): FileEdit {
  return {
    path: settingsFile(ctx),
    update(previous) {
      const f = settingsFile(ctx);
      const current = parseOrRefuse(f, () => asObject(readJsonc(previous ?? '')));
      let text = previous ?? '';
      const set = (p: string[], v: unknown) => (text = parseOrRefuse(f, () => setIn(text, p, v)));
      set(['security', 'auth', 'selectedType'], selectedType);
      // Older files had "model" as a plain string; the current schema nests it.
      if (typeof current.model === 'string') set(['model'], { name: model });
      else set(['model', 'name'], model);
      return text;
    },
  };
}

/** An edit of Gemini CLI's .env: `change` gets its text (empty when there is none) and its variables. */
function envEdit(ctx: ToolContext, change: (text: string, env: Record<string, string>) => string): FileEdit {
  return {
    path: envFile(ctx),
    update: (previous) => change(previous ?? '', readDotenv(previous ?? '')),
  };
}

export const geminiCli: CliToolDefinition = {
  id: 'gemini-cli',
  name: 'Gemini CLI',
  command: 'gemini',
  files: async (ctx) => [settingsFile(ctx), envFile(ctx)],
  installed: (ctx) => anyInstalled(ctx, [dir(ctx)], ['gemini']),
  async inspect(ctx) {
    const env = readDotenv((await readText(envFile(ctx))) ?? '');
    const configured = sameUrl(env.GOOGLE_GEMINI_BASE_URL, ctx.gateway.origin);
    if (!configured) return { configured };
    const model = asObject((await readJsonConfig(settingsFile(ctx)))?.model).name;
    return { configured, ...(asString(model) ? { model: model as string } : {}) };
  },
  settings: (ctx, model) => [
    { label: 'GOOGLE_GEMINI_BASE_URL', value: ctx.gateway.origin, kind: 'url' },
    { label: 'GEMINI_API_KEY', value: KEY_PLACEHOLDER, kind: 'key' },
    { label: 'GEMINI_MODEL', value: model, kind: 'model' },
    { label: 'security.auth.selectedType', value: 'gemini-api-key', kind: 'text' },
  ],
  notes: () => [
    {
      id: 'geminiEnv',
      text:
        'Gemini CLI reads ~/.gemini/.env only in trusted folders and only when the project has no .env of its own; ' +
        'otherwise export GOOGLE_GEMINI_BASE_URL and GEMINI_API_KEY in your shell.',
    },
    {
      id: 'geminiAuth',
      text: 'Apply switches Gemini CLI to API-key authentication (security.auth.selectedType = gemini-api-key).',
    },
  ],
  manual: (ctx) =>
    `Export GOOGLE_GEMINI_BASE_URL=${ctx.gateway.origin} and GEMINI_API_KEY=<gateway key> (or put them in ${envFile(ctx)}), ` +
    'and choose "Use Gemini API key" authentication.',
  edits: async (ctx, input) => [
    settingsEdit(ctx, input.model, 'gemini-api-key'),
    envEdit(ctx, (text, env) => {
      const ours = sameUrl(env.GOOGLE_GEMINI_BASE_URL, ctx.gateway.origin);
      const vars: Record<string, string> = {
        GOOGLE_GEMINI_BASE_URL: ctx.gateway.origin,
        GEMINI_API_KEY: pickKey(ctx, input.apiKey, ours ? env.GEMINI_API_KEY : undefined),
      };
      // The environment wins over settings.json: an existing GEMINI_MODEL must follow.
      if ('GEMINI_MODEL' in env) vars.GEMINI_MODEL = input.model;
      return setDotenv(text, vars);
    }),
  ],
  keepLogin: {
    login: 'code-assist',
    settings: (ctx, model) => [
      { label: 'CODE_ASSIST_ENDPOINT', value: ctx.gateway.origin, kind: 'url' },
      { label: 'GEMINI_CLI_CUSTOM_HEADERS', value: `${KEY_HEADER}: ${KEY_PLACEHOLDER}`, kind: 'key' },
      { label: 'GEMINI_MODEL', value: model, kind: 'model' },
      { label: 'security.auth.selectedType', value: 'oauth-personal', kind: 'text' },
    ],
    notes: () => [
      {
        id: 'geminiLogin',
        text: 'Gemini CLI keeps its Google login (security.auth.selectedType = oauth-personal); its Code Assist calls go to the gateway through CODE_ASSIST_ENDPOINT.',
      },
    ],
    edits: async (ctx, input) => [
      settingsEdit(ctx, input.model, 'oauth-personal'),
      envEdit(ctx, (text, env) => {
        const ours = sameUrl(env.CODE_ASSIST_ENDPOINT, ctx.gateway.origin);
        const key = loginModeKey(
          ctx,
          input.apiKey,
          // GEMINI_CLI_CUSTOM_HEADERS is "Name: value" pairs separated by commas.
          ours ? keyInHeaders(env.GEMINI_CLI_CUSTOM_HEADERS, ',') : undefined,
        );
        // The API-key mode's variables would take the CLI off its Google login.
        if (sameUrl(env.GOOGLE_GEMINI_BASE_URL, ctx.gateway.origin))
          text = removeDotenv(text, ['GOOGLE_GEMINI_BASE_URL', 'GEMINI_API_KEY']);
        const vars: Record<string, string> = { CODE_ASSIST_ENDPOINT: ctx.gateway.origin };
        const headers = headersWithKey(env.GEMINI_CLI_CUSTOM_HEADERS, ',', key)
          .map((h) => h.trim())
          .join(', ');
        if (headers) vars.GEMINI_CLI_CUSTOM_HEADERS = headers;
        else text = removeDotenv(text, ['GEMINI_CLI_CUSTOM_HEADERS']);
        if ('GEMINI_MODEL' in env) vars.GEMINI_MODEL = input.model;
        return setDotenv(text, vars);
      }),
    ],
  },
};
