import path from 'node:path';
import { readJsonc, removeIn, setIn } from '../edit/jsonc.js';
import { KEY_PLACEHOLDER, type CliToolDefinition, type ToolContext } from '../types.js';
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

// ANTHROPIC_CUSTOM_HEADERS is "Name: value" lines.
const LINES = /\r?\n/;

export const claudeCode: CliToolDefinition = {
  id: 'claude-code',
  name: 'Claude Code',
  command: 'claude',
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
  keepLogin: {
    login: 'anthropic',
    unsetEnv: ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'],
    settings: (ctx, model) => [
      { label: 'ANTHROPIC_BASE_URL', value: ctx.gateway.origin, kind: 'url' },
      { label: 'ANTHROPIC_CUSTOM_HEADERS', value: `${KEY_HEADER}: ${KEY_PLACEHOLDER}`, kind: 'key' },
      ...MODEL_VARS.map((label) => ({ label, value: model, kind: 'model' as const })),
    ],
    notes: () => [
      {
        id: 'claudeLogin',
        text: 'Claude Code keeps its /login: ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY are removed from its settings, because they win over the login.',
      },
    ],
    edits: async (ctx, input) => [
      {
        path: file(ctx),
        update(previous) {
          const f = file(ctx);
          const env = asObject(parseOrRefuse(f, () => asObject(readJsonc(previous ?? '')).env));
          const ours = sameUrl(env.ANTHROPIC_BASE_URL, ctx.gateway.origin);
          const current = asString(env.ANTHROPIC_CUSTOM_HEADERS);
          // A key the settings already send to this gateway (as a header, or as the token of the
          // gateway-key mode) stays when none is given.
          const existing = ours
            ? (keyInHeaders(current, LINES) ?? asString(env.ANTHROPIC_AUTH_TOKEN))
            : undefined;
          const key = loginModeKey(ctx, input.apiKey, existing);
          let text = previous ?? '';
          const set = (k: string, v: string) => (text = parseOrRefuse(f, () => setIn(text, ['env', k], v)));
          set('ANTHROPIC_BASE_URL', ctx.gateway.origin);
          const headers = headersWithKey(current, LINES, key).join('\n');
          if (headers) set('ANTHROPIC_CUSTOM_HEADERS', headers);
          else text = parseOrRefuse(f, () => removeIn(text, ['env', 'ANTHROPIC_CUSTOM_HEADERS']));
          for (const k of MODEL_VARS) set(k, input.model);
          for (const k of ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'])
            text = parseOrRefuse(f, () => removeIn(text, ['env', k]));
          return text;
        },
      },
    ],
  },
};
