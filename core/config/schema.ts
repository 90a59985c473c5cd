import { z } from 'zod';
import { WIRE_FORMATS } from '../formats/canonical.js';
import { STRATEGIES } from '../store/repos/combos.js';
import { SettingsPatchSchema } from '../store/repos/settings.js';
import { QuotaConfigSchema } from '../routing/quota/schema.js';
import {
  AliasSchema,
  LimitsSchema,
  ModelNameSchema,
  PriceOverrideSchema,
  ProviderTimeoutsSchema,
} from '../routing/schemas.js';
import { BUDGET_ACTIONS, BUDGET_PERIODS } from '../store/repos/budgets.js';
import { LOGIN_KINDS } from '../providers/login/types.js';
import { ProxyUrl } from '../util/proxy-url.js';

// The config file is a public contract: automation and team set-ups rely on it. Every object
// is strict, so a misspelt key is an error with its line, not a silently ignored setting.

const id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_.-]*$/,
    'lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

export const AccountSchema = z
  .object({
    name: z.string().min(1).optional().describe('Unique within the provider; defaults to account-<n>.'),
    apiKey: z
      .string()
      .min(1)
      .optional()
      .describe('Encrypted at rest. Use ${ENV_VAR} to keep it out of the file.'),
    keepApiKey: z
      .boolean()
      .optional()
      .describe(
        'Keep the key the account already has (written by exports without secrets). Ignored when apiKey is given.',
      ),
    priority: z.number().int().optional().describe('Lower is tried first.'),
    enabled: z.boolean().optional(),
    baseUrl: z.url().optional().describe('Overrides the provider base URL for this account.'),
    proxy: ProxyUrl.optional().describe(
      'Upstream proxy for this account; wins over the provider and global proxies.',
    ),
    quota: QuotaConfigSchema.optional().describe(
      'Quota windows: a preset (claude-pro, codex, gemini-cli, copilot, glm, minimax) and/or windows.',
    ),
    weight: z
      .number()
      .min(0)
      .optional()
      .describe("Share for the provider's `weighted` account strategy (default 1)."),
    limits: LimitsSchema.optional().describe(
      'Per-account limiter: rpm, minGapMs, maxConcurrent. A refusal moves the request to the next account.',
    ),
    fields: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .describe(
        "Values the provider puts in its URL: Cloudflare's accountId, Azure's resource (and apiVersion), Vertex's project and location.",
      ),
  })
  .strict();

// Provider fields the config file and the management API (server/api/schemas.ts) mean alike.
export const providerAuthUrl = z
  .url()
  .optional()
  .describe(
    'chatgpt-plan: the authorization server accounts sign in with (default https://auth.openai.com).',
  );
export const providerAccountStrategy = z
  .enum(STRATEGIES)
  .optional()
  .describe("How the provider's accounts are ordered within a step; default fill-first.");
export const providerTimeouts = ProviderTimeoutsSchema.optional().describe(
  "This provider's own upstream time limits in ms (firstByteMs, answerMs, stallMs), each winning over its global setting; omitted ones follow the settings.",
);

export const ProviderSchema = z
  .object({
    id: id.describe(
      'A built-in provider id, or a new id for a provider of your own (also its model prefix).',
    ),
    name: z.string().optional(),
    format: z.enum(WIRE_FORMATS).optional().describe('Required for a provider of your own.'),
    baseUrl: z.url().optional().describe('Required for a provider of your own; overrides a built-in one.'),
    accounts: z.array(AccountSchema).optional(),
    models: z.array(z.string().min(1)).optional().describe('Listed by /v1/models; added to a built-in list.'),
    local: z.boolean().optional().describe('Runs on this machine: keeps serving in offline mode.'),
    enabled: z.boolean().optional(),
    accountStrategy: providerAccountStrategy,
    proxy: ProxyUrl.optional().describe(
      "Upstream proxy for this provider's accounts that have none of their own.",
    ),
    authUrl: providerAuthUrl,
    login: z
      .enum(LOGIN_KINDS)
      .optional()
      .describe(
        "Forward the caller's own login (Claude Code: anthropic, Codex: chatgpt, Gemini CLI: code-assist) instead of a stored account. No accounts; the credential is never stored.",
      ),
    timeouts: providerTimeouts,
  })
  .strict();

export const ComboSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'letters, digits, ".", "_", ":" or "-"'),
    strategy: z.enum(STRATEGIES).optional(),
    models: z.array(ModelNameSchema).min(1),
    enabled: z.boolean().optional(),
    disabledSteps: z
      .array(z.string().min(1))
      .optional()
      .describe('Steps (as written in `models`) that are skipped without removing them.'),
    weights: z
      .record(z.string().min(1), z.number().min(0))
      .optional()
      .describe('Share per step (as written in `models`) for the `weighted` strategy; default 1.'),
  })
  .strict();

export const BudgetSchema = z
  .object({
    scope: z
      .string()
      .regex(
        /^(global|provider:[a-z0-9][a-z0-9_.-]*|key:.+)$/,
        '"global", "provider:<provider id>" or "key:<api key name>"',
      ),
    period: z.enum(BUDGET_PERIODS),
    limitUsd: z.number().min(0),
    action: z
      .enum(BUDGET_ACTIONS)
      .optional()
      .describe('block (default): refuse, or skip the provider, at 100 %; warn: only announce it.'),
  })
  .strict();

export const ApiKeySchema = z
  .object({
    name: z.string().min(1),
    key: z
      .string()
      .min(16, 'at least 16 characters')
      .optional()
      .describe('Omit to have one generated and shown once.'),
    models: z
      .array(z.string().min(1))
      .optional()
      .describe('Model patterns this key may use (* and ? wildcards).'),
    enabled: z.boolean().optional(),
  })
  .strict();

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    providers: z.array(ProviderSchema).optional(),
    combos: z.array(ComboSchema).optional(),
    apiKeys: z.array(ApiKeySchema).optional(),
    budgets: z.array(BudgetSchema).optional().describe('USD budgets; matched by scope and period.'),
    prices: z
      .array(PriceOverrideSchema)
      .optional()
      .describe('Price overrides, USD per million tokens; matched by model and providerId.'),
    aliases: z
      .union([z.record(ModelNameSchema, ModelNameSchema), z.array(AliasSchema)])
      .optional()
      .describe('Model aliases: {"pattern": "target"} or a list of {pattern, target}.'),
    settings: SettingsPatchSchema.optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof ConfigSchema>;

export function configJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://omniroute.dev/schema/config.json',
    title: 'OmniRoute Desktop configuration',
    ...z.toJSONSchema(ConfigSchema, { io: 'input' }),
  };
}
