import { z } from 'zod';
import {
  applyCliTool,
  CLI_TOOL_IDS,
  CliToolError,
  listCliTools,
  NO_KEY,
  toolContext,
  type ToolContext,
} from '../../cli-tools/index.js';
import type { Runtime } from '../../runtime/runtime.js';
import { LOGIN_KINDS } from '../../providers/login/types.js';
import { checkApplied } from './cli-tools-check.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';

// Control characters (newlines included) would let a value break out of the line or string it
// is written into in a TOML, YAML, JSON or .env file.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f\u0085\u2028\u2029]*$/;

export const CliToolApplyIn = z
  .object({
    model: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .regex(NO_CONTROL, 'must not contain newlines or control characters')
      .describe(
        'A model name the gateway routes: a combo, the active-combo alias (`auto`) or provider/model.',
      ),
    apiKey: z
      .string()
      .min(1)
      .max(512)
      .regex(/^\S+$/, 'must not contain spaces, newlines or control characters')
      .regex(NO_CONTROL, 'must not contain newlines or control characters')
      .optional()
      .describe(
        'A gateway API key to write into the tool’s config. Without it, a key already there for this gateway is kept.',
      ),
    mode: z
      .enum(['gateway-key', 'keep-login'])
      .optional()
      .describe(
        'gateway-key (default): the tool uses the gateway key in place of a provider key. keep-login (Claude Code, Codex, Gemini CLI): the tool keeps its own vendor login and sends the gateway key in x-omniroute-key; no vendor token is ever written.',
      ),
  })
  .strict();

export const Setting = z.object({
  label: z.string().describe('The name the tool itself uses: a variable, a config key or a field in its UI.'),
  value: z.string(),
  kind: z
    .enum(['url', 'key', 'model', 'text'])
    .describe('`key` values are a placeholder for your gateway key.'),
});

export const Snippet = z.object({
  kind: z
    .enum(['shell', 'file', 'ui'])
    .describe(
      'shell: lines to paste; file: the whole file apply writes into an empty config; ui: values for its settings screen.',
    ),
  file: z.string().optional().describe('kind file: where it goes (~ is the home folder).'),
  code: z.string().describe('The key is always the placeholder <your-gateway-key>.'),
});

export const CliToolStatusOut = z.object({
  id: z.enum(CLI_TOOL_IDS),
  name: z.string(),
  configPath: z
    .string()
    .optional()
    .describe('The main file apply writes; absent for tools set up in their UI.'),
  files: z.array(z.string()),
  installed: z.boolean(),
  configured: z.boolean().describe('The tool’s config already points at this gateway.'),
  canApply: z.boolean(),
  currentModel: z.string().optional(),
  settings: z.array(Setting),
  snippets: z.array(Snippet),
  notes: z.array(z.object({ id: z.string(), text: z.string() })),
  keepLogin: z
    .object({
      login: z.enum(LOGIN_KINDS),
      settings: z.array(Setting),
      snippets: z.array(Snippet),
      files: z.array(z.string()).describe('The files apply writes in this mode.'),
      notes: z.array(z.object({ id: z.string(), text: z.string() })),
    })
    .optional()
    .describe('The tool can keep its own vendor login: the values the keep-login mode writes.'),
});

const Check = z
  .object({
    ok: z.boolean(),
    messages: z.array(z.string()),
  })
  .describe('One request sent through the gateway as the tool will send it, and what the model resolves to.');

const Written = z.object({ path: z.string(), backupPath: z.string().optional(), changed: z.boolean() });
export const CliToolAppliedOut = z.object({
  id: z.enum(CLI_TOOL_IDS),
  path: z.string(),
  backupPath: z.string().optional(),
  changed: z.boolean(),
  files: z.array(Written),
  check: Check,
});

/** What coding tools see: loopback even when the server listens on every interface. */
export function gatewayOrigin(bind: { host: string; port: number }): string {
  let host = bind.host;
  if (host === '' || host === '0.0.0.0') host = '127.0.0.1';
  else if (host === '::' || host === '[::]') host = '::1';
  if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`;
  return `http://${host}:${bind.port}`;
}

/**
 * Coding tools: the settings each one needs for this gateway, and writing them into the tool's
 * own config file. `homeDir` and `env` say where the tools' files are (tests use a temporary home).
 */
export function cliToolsRoutes(
  rt: Runtime,
  opts: { homeDir?: string; env?: Record<string, string | undefined> } = {},
): ApiRoute[] {
  const ctx = (): ToolContext =>
    toolContext({
      homeDir: opts.homeDir,
      env: opts.env,
      origin: gatewayOrigin(rt.bind),
      keyRequired: rt.apiKeyRequired,
    });
  const refusal = (err: unknown) =>
    err instanceof CliToolError ? new ApiError(err.status, err.message, err.param) : err;

  return routeGroup('cli-tools', (r) => [
    r.get('/cli-tools', {
      summary:
        'Coding tools (Claude Code, Codex CLI, Gemini CLI, OpenCode, Cline, Cursor, Kilo Code, OpenClaw, Continue): ' +
        'installed, already pointing at this gateway, whether apply can write their config, and the exact values ' +
        'to enter by hand. `?model=` fills the model in (default: the active-combo alias).',
      response: z.array(CliToolStatusOut),
      handler: async (c) => {
        const q = c.req.query('model')?.trim();
        if (q !== undefined && (!q || q.length > 256 || !NO_CONTROL.test(q)))
          throw new ApiError(400, 'model must be a model name without control characters.', 'model');
        return c.json(await listCliTools(ctx(), q || rt.settings.activeComboAlias));
      },
    }),
    r.post('/cli-tools/:id/apply', {
      summary:
        'Write this gateway’s base URL, the key and the model into the tool’s own config file, merged into what is ' +
        'there. The previous file is kept as `<file>.omniroute-backup-<yyyymmdd-hhmmss>`; nothing is written when ' +
        'the settings are already there. The key is never returned.',
      body: CliToolApplyIn,
      response: CliToolAppliedOut,
      errors: {
        400: 'Invalid model or key, or this gateway requires a key and none was given.',
        404: 'No such tool.',
        409: 'The tool is configured through its own UI (the message says how), or its config file cannot be read safely.',
      },
      handler: async (c, b) => {
        // A key the gateway does not know would only make the tool fail with 401 later.
        if (b.apiKey && b.apiKey !== NO_KEY && !rt.findApiKey(b.apiKey))
          throw new ApiError(
            400,
            'This gateway does not know that API key (or it is disabled): create one under API keys (POST /api/keys) and send it as "apiKey".',
            'apiKey',
          );
        try {
          const applied = await applyCliTool(c.req.param('id'), b, ctx());
          return c.json({ ...applied, check: await checkApplied(rt, gatewayOrigin(rt.bind), applied.id, b) });
        } catch (err) {
          throw refusal(err);
        }
      },
    }),
  ]);
}
