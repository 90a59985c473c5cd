import path from 'node:path';
import { readDotenv, setDotenv } from '../edit/dotenv.js';
import { readJsonc, setIn } from '../edit/jsonc.js';
import { readText } from '../files.js';
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

// Gemini CLI has no base-URL setting in settings.json: the Google GenAI SDK it uses reads
// GOOGLE_GEMINI_BASE_URL from the environment, and the CLI loads ~/.gemini/.env into its
// environment. settings.json gets the model and API-key authentication. GEMINI_CLI_HOME
// replaces the home directory the CLI looks in.
const dir = (ctx: ToolContext) => path.join(envPath(ctx, 'GEMINI_CLI_HOME') ?? ctx.home, '.gemini');
const settingsFile = (ctx: ToolContext) => path.join(dir(ctx), 'settings.json');
const envFile = (ctx: ToolContext) => path.join(dir(ctx), '.env');

export const geminiCli: CliToolDefinition = {
  id: 'gemini-cli',
  name: 'Gemini CLI',
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
    {
      path: settingsFile(ctx),
      update(previous) {
        const f = settingsFile(ctx);
        const current = parseOrRefuse(f, () => asObject(readJsonc(previous ?? '')));
        let text = previous ?? '';
        const set = (p: string[], v: unknown) => (text = parseOrRefuse(f, () => setIn(text, p, v)));
        set(['security', 'auth', 'selectedType'], 'gemini-api-key');
        // Older files had "model" as a plain string; the current schema nests it.
        if (typeof current.model === 'string') set(['model'], { name: input.model });
        else set(['model', 'name'], input.model);
        return text;
      },
    },
    {
      path: envFile(ctx),
      update(previous) {
        const text = previous ?? '';
        const env = readDotenv(text);
        const ours = sameUrl(env.GOOGLE_GEMINI_BASE_URL, ctx.gateway.origin);
        const vars: Record<string, string> = {
          GOOGLE_GEMINI_BASE_URL: ctx.gateway.origin,
          GEMINI_API_KEY: pickKey(ctx, input.apiKey, ours ? env.GEMINI_API_KEY : undefined),
        };
        // The environment wins over settings.json: an existing GEMINI_MODEL must follow.
        if ('GEMINI_MODEL' in env) vars.GEMINI_MODEL = input.model;
        return setDotenv(text, vars);
      },
    },
  ],
};
