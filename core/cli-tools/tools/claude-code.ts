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

// Claude Code reads an `env` block from settings.json and applies it to every session.
// CLAUDE_CONFIG_DIR moves the whole ~/.claude folder.
const dir = (ctx: ToolContext) => envPath(ctx, 'CLAUDE_CONFIG_DIR') ?? path.join(ctx.home, '.claude');
const file = (ctx: ToolContext) => path.join(dir(ctx), 'settings.json');

const MODEL_VARS = [
  'ANTHROPIC_MODEL',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
] as const;

export const claudeCode: CliToolDefinition = {
  id: 'claude-code',
  name: 'Claude Code',
  files: async (ctx) => [file(ctx)],
  installed: (ctx) => anyInstalled(ctx, [dir(ctx)], ['claude']),
  async inspect(ctx) {
    const env = asObject((await readJsonConfig(file(ctx)))?.env);
    const configured = sameUrl(env.ANTHROPIC_BASE_URL, ctx.gateway.origin);
    return { configured, ...(configured ? { model: asString(env.ANTHROPIC_MODEL) } : {}) };
  },
  settings: (ctx, model) => [
    { label: 'ANTHROPIC_BASE_URL', value: ctx.gateway.origin, kind: 'url' },
    { label: 'ANTHROPIC_AUTH_TOKEN', value: KEY_PLACEHOLDER, kind: 'key' },
    ...MODEL_VARS.map((label) => ({ label, value: model, kind: 'model' as const })),
  ],
  notes: () => [{ id: 'claude', text: 'Claude Code speaks the Anthropic format: its base URL has no /v1.' }],
  manual: (ctx) =>
    `Set ANTHROPIC_BASE_URL=${ctx.gateway.origin} and ANTHROPIC_AUTH_TOKEN=<gateway key> in the "env" block of ${file(ctx)}.`,
  edits: async (ctx, input) => [
    {
      path: file(ctx),
      update(previous) {
        const f = file(ctx);
        const env = asObject(parseOrRefuse(f, () => asObject(readJsonc(previous ?? '')).env));
        // Keep the variable the user already uses for the key; both send it, as a bearer
        // token or as x-api-key, and the gateway reads either.
        const keyVars = [
          ...('ANTHROPIC_AUTH_TOKEN' in env || !('ANTHROPIC_API_KEY' in env) ? ['ANTHROPIC_AUTH_TOKEN'] : []),
          ...('ANTHROPIC_API_KEY' in env ? ['ANTHROPIC_API_KEY'] : []),
        ];
        const ours = sameUrl(env.ANTHROPIC_BASE_URL, ctx.gateway.origin);
        const key = pickKey(ctx, input.apiKey, ours ? asString(env[keyVars[0]!]) : undefined);
        const values: Record<string, string> = { ANTHROPIC_BASE_URL: ctx.gateway.origin };
        for (const k of keyVars) values[k] = key;
        for (const k of MODEL_VARS) values[k] = input.model;
        let text = previous ?? '';
        for (const [k, v] of Object.entries(values))
          text = parseOrRefuse(f, () => setIn(text, ['env', k], v));
        return text;
      },
    },
  ],
};
