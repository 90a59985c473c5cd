import { z } from 'zod';
import { WIRE_FORMATS } from '../../formats/canonical.js';
import { STRATEGIES } from '../../store/repos/combos.js';
import { QuotaConfigSchema } from '../../routing/quota/schema.js';
import {
  AliasSchema,
  LimitsSchema,
  PriceOverrideSchema,
  ProviderTimeoutsSchema,
  ModelNameSchema,
} from '../../routing/schemas.js';
import { providerAccountStrategy, providerAuthUrl, providerTimeouts } from '../../config/schema.js';
import { BUDGET_ACTIONS, BUDGET_PERIODS } from '../../store/repos/budgets.js';
import { LOGIN_KINDS } from '../../providers/login/types.js';
import type { ModelDiscovery } from '../../store/repos/connections.js';
import { MODEL_KINDS } from '../../providers/types.js';
import { ProxyUrl } from '../../util/proxy-url.js';

const weight = z
  .number()
  .min(0)
  .describe("Share for the provider's `weighted` account strategy (default 1; 0: only after the others).");

export const ProviderOut = z.object({
  id: z.string(),
  name: z.string(),
  formats: z.array(z.enum(WIRE_FORMATS)),
  baseUrl: z.string().describe("`{key}` parts are filled from each account's `fields`."),
  auth: z.enum(['bearer', 'x-api-key', 'x-goog-api-key', 'api-key', 'none']),
  tier: z.enum(['subscription', 'api-key', 'cheap', 'free', 'local']),
  local: z.boolean(),
  models: z.array(z.string()),
  modelInfo: z
    .record(
      z.string(),
      z.object({
        kind: z.enum(MODEL_KINDS).optional(),
        contextWindow: z.number().int().optional(),
        free: z.boolean().optional(),
      }),
    )
    .optional()
    .describe('Per-model facts: kind (default chat), input context window, served on the free tier.'),
  freeTier: z
    .object({ note: z.string(), checked: z.string(), source: z.string() })
    .optional()
    .describe('The free tier as the provider documents it, the day it was checked and where.'),
  docsUrl: z.string().optional(),
  accountFields: z
    .array(z.object({ key: z.string(), label: z.string(), default: z.string().optional() }))
    .optional()
    .describe('Values each account gives in `fields` (a field without a default is required).'),
  discoveredModels: z
    .array(z.string())
    .optional()
    .describe(
      "Models the provider's accounts discovered beyond `models` (routed and listed in /v1/models too).",
    ),
  prefixes: z.array(z.string()),
  builtin: z.boolean(),
  configured: z.boolean(),
  enabled: z.boolean(),
  accountStrategy: z.enum(STRATEGIES),
  proxy: z.string().optional().describe('Credentials in the URL are shown as ***.'),
  login: z.enum(LOGIN_KINDS).optional().describe("Forwards the caller's own vendor login (no accounts)."),
  signIn: z
    .literal('chatgpt')
    .optional()
    .describe('Accounts are added by signing in (POST /api/chatgpt/sign-in).'),
  authUrl: z.string().optional(),
  timeouts: ProviderTimeoutsSchema.optional(),
  connections: z.number().int(),
});

export const ProviderIn = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/),
    name: z.string().optional(),
    format: z.enum(WIRE_FORMATS).optional(),
    baseUrl: z.url().optional(),
    models: z.array(z.string().min(1)).optional(),
    local: z.boolean().optional(),
    enabled: z.boolean().optional(),
    accountStrategy: providerAccountStrategy,
    proxy: ProxyUrl.optional().describe(
      'Upstream proxy for accounts without their own. Sending back the masked value (***) keeps the stored one.',
    ),
    authUrl: providerAuthUrl,
    login: z
      .enum(LOGIN_KINDS)
      .optional()
      .describe(
        "Forward the caller's own login (Claude Code: anthropic, Codex: chatgpt, Gemini CLI: code-assist): no accounts, no format; baseUrl defaults to the vendor's.",
      ),
    timeouts: providerTimeouts,
  })
  .strict();

/** What the provider's models endpoint last listed for an account (store: ModelDiscovery). */
export const StoredDiscoveryOut = z.object({
  at: z.number().optional().describe('When the list was read (ms).'),
  models: z.array(z.string()),
  info: z
    .record(z.string(), z.object({ kind: z.string().optional(), contextWindow: z.number().optional() }))
    .optional(),
  added: z.array(z.string()).describe('New in the last list.'),
  removed: z.array(z.string()).describe('Gone from the last list.'),
  triedAt: z.number(),
  error: z.string().optional().describe('Why the last try failed (the list above is kept).'),
}) satisfies z.ZodType<ModelDiscovery>;

export const ConnectionOut = z.object({
  id: z.string(),
  providerId: z.string(),
  name: z.string(),
  hasSecret: z.boolean(),
  secretHint: z.string().optional(),
  priority: z.number().int(),
  enabled: z.boolean(),
  baseUrl: z.string().optional(),
  proxy: z.string().optional().describe('Credentials in the URL are shown as ***.'),
  quota: QuotaConfigSchema.optional(),
  weight: z.number().optional(),
  limits: LimitsSchema.optional(),
  fields: z.record(z.string(), z.string()).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  signInState: z
    .enum(['sign-in-again', 'plan-usage-off'])
    .optional()
    .describe(
      'A signed-in account that cannot serve until you act: sign in again, or allow ChatGPT plan usage.',
    ),
  discovery: StoredDiscoveryOut.optional(),
});

const accountFields = z
  .record(z.string().min(1), z.string().min(1))
  .describe(
    "Values the provider puts in its URL (GET /api/providers lists each provider's accountFields): Cloudflare's accountId, Azure's resource, Vertex's project and location.",
  );

export const ConnectionIn = z
  .object({
    providerId: z.string().min(1),
    name: z.string().min(1),
    apiKey: z.string().min(1).optional(),
    priority: z.number().int().optional(),
    enabled: z.boolean().optional(),
    baseUrl: z.url().optional(),
    proxy: ProxyUrl.optional(),
    quota: QuotaConfigSchema.optional(),
    weight: weight.optional(),
    limits: LimitsSchema.optional(),
    fields: accountFields.optional(),
  })
  .strict();

export const ConnectionPatch = z
  .object({
    name: z.string().min(1).optional(),
    apiKey: z.string().min(1).nullable().optional(),
    priority: z.number().int().optional(),
    enabled: z.boolean().optional(),
    baseUrl: z.url().nullable().optional(),
    proxy: ProxyUrl.nullable().optional(),
    quota: QuotaConfigSchema.nullable().optional(),
    weight: weight.nullable().optional(),
    limits: LimitsSchema.nullable().optional(),
    fields: accountFields.nullable().optional(),
  })
  .strict();

/** GET /api/strategies: every ordering a combo or a provider's accounts can use. */
export const StrategiesOut = z.array(z.enum(STRATEGIES));

export const ComboOut = z.object({
  name: z.string(),
  strategy: z.enum(STRATEGIES),
  models: z.array(z.string()),
  enabled: z.boolean(),
  active: z.boolean(),
  disabledSteps: z.array(z.string()).optional(),
  weights: z.record(z.string(), z.number()).optional(),
});

const disabledSteps = z
  .array(z.string().min(1))
  .describe('Steps (as written in `models`) that are skipped without removing them.');
const stepWeights = z
  .record(z.string().min(1), z.number().min(0))
  .describe('Share per step (as written in `models`) for the `weighted` strategy; default 1.');

export const ComboIn = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/),
    strategy: z
      .enum(STRATEGIES)
      .optional()
      .describe('How steps are ordered; default the setting `defaultComboStrategy` (fill-first).'),
    models: z.array(ModelNameSchema).min(1),
    enabled: z.boolean().default(true),
    disabledSteps: disabledSteps.optional(),
    weights: stepWeights.optional(),
  })
  .strict();

export const ApiKeyOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  models: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.number(),
  lastUsedAt: z.number().optional(),
});

export const ApiKeyCreated = ApiKeyOut.extend({
  key: z.string().describe('Shown once; only its hash is stored.'),
});

export const ApiKeyIn = z
  .object({
    name: z.string().min(1),
    models: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const ApiKeyPatch = z
  .object({
    name: z.string().min(1).optional(),
    models: z.array(z.string().min(1)).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const StateOut = z.object({
  activeCombo: z.string().nullable(),
  activeComboAlias: z.string(),
  offline: z.boolean(),
  combos: z.array(z.object({ name: z.string(), enabled: z.boolean() })),
  restartRequired: z
    .boolean()
    .describe('A setting that applies at the next start (lanExposure) was changed since this start.'),
});

export const Ok = z.object({ ok: z.literal(true) });

/** POST /api/health/reset, POST /api/cache/clear: how many breakers, lockouts or entries went. */
export const ClearedOut = Ok.extend({ cleared: z.number() });

export const BudgetScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('global') }).strict(),
  z.object({ kind: z.literal('provider'), id: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('key'), id: z.string().min(1).describe('A gateway key id.') }).strict(),
]);

export const BudgetIn = z
  .object({
    scope: BudgetScopeSchema,
    period: z.enum(BUDGET_PERIODS),
    limitUsd: z.number().min(0).describe('USD per period; 0 blocks (or warns) at once.'),
    action: z
      .enum(BUDGET_ACTIONS)
      .default('block')
      .describe('block: refuse (global, key) or skip the provider at 100 %; warn: only announce it.'),
  })
  .strict();

export const BudgetOut = z.object({
  id: z.string(),
  scope: BudgetScopeSchema,
  period: z.enum(BUDGET_PERIODS),
  limitUsd: z.number(),
  spentUsd: z.number(),
  action: z.enum(BUDGET_ACTIONS),
  resetsAt: z.number(),
});

export const PriceIn = PriceOverrideSchema;

export const PriceOut = PriceIn.extend({
  source: z.enum(['default', 'override']),
  from: z.string().optional().describe('Where a default price was read (a URL or a named snapshot).'),
  checked: z
    .string()
    .optional()
    .describe('The day that source was read (YYYY-MM-DD): the row\'s "last checked".'),
});

/** One model of an active provider with what it costs (GET /api/models/details). */
export const ModelDetailOut = z.object({
  id: z.string().describe('The name a client sends: `provider/model`.'),
  providerId: z.string(),
  model: z.string(),
  kind: z.enum(MODEL_KINDS),
  contextWindow: z.number().int().optional().describe('Input context window in tokens, as documented.'),
  free: z.boolean().optional().describe("Served on the provider's free tier."),
  plan: z
    .boolean()
    .optional()
    .describe(
      'Served on a plan the user pays for already (a login passed through, Sign in with ChatGPT): logged at 0 USD.',
    ),
  price: z
    .object({
      inputPerMTok: z.number(),
      outputPerMTok: z.number(),
      cachedInputPerMTok: z.number().optional(),
      cacheWritePerMTok: z.number().optional(),
      perImage: z.number().optional(),
      perAudioMinute: z.number().optional(),
      per1kChars: z.number().optional(),
      perSearch: z.number().optional(),
      source: z.enum(['default', 'override']),
      pattern: z.string().describe('The price row that matched (GET /api/prices lists them).'),
    })
    .optional()
    .describe(
      'The price the request log bills it at; absent when none is known (its cost shows as unknown).',
    ),
});

export const AliasIn = AliasSchema;

/** GET /health (public, answered before the management surface loads: core/server/native-routes.ts). */
export const HealthSummaryOut = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number().int(),
  database: z.enum(['ok', 'error']),
  offline: z.boolean(),
});

/** The database on disk and the request log in it: sizes in bytes, times in ms since the epoch. */
export const StorageOut = z.object({
  fileBytes: z.number().describe('The database file.'),
  walBytes: z.number().describe('Its write-ahead log.'),
  totalBytes: z.number(),
  logRows: z.number().int(),
  oldestLogTs: z.number().nullable(),
  maxBytes: z.number().describe('settings.logMaxDbMb in bytes (0: no limit).'),
  retentionDays: z.number().describe('settings.logRetentionDays (0: kept forever).'),
  lastPrune: z
    .object({ at: z.number(), deletedByAge: z.number(), slimmed: z.number(), deletedBySize: z.number() })
    .nullable(),
});

/** GET /api/health: what the Health page reads. */
export const HealthOut = z.object({
  breakers: z.array(
    z.object({
      providerId: z.string(),
      connectionId: z.string().optional(),
      state: z.enum(['closed', 'open', 'half-open']),
      failures: z.number().int(),
      openedAt: z.number().optional(),
      retryAt: z.number().optional(),
    }),
  ),
  lockouts: z.array(
    z.object({
      providerId: z.string().optional().describe('Absent: the account is no longer configured.'),
      connectionId: z.string(),
      model: z
        .string()
        .optional()
        .describe('Only this model of the account rests; absent: the whole account.'),
      until: z.number(),
      reason: z.string(),
    }),
  ),
  rateLimits: z.array(
    z.object({
      providerId: z.string(),
      connectionId: z.string(),
      remaining: z.number().optional(),
      resetAt: z.number().optional(),
    }),
  ),
  latency: z.array(
    z.object({
      providerId: z.string(),
      model: z.string().optional(),
      count: z.number().int(),
      p50: z.number(),
      p95: z.number(),
      p99: z.number(),
      ttfbP50: z.number().optional().describe('Time to first byte, over the streamed answers.'),
    }),
  ),
  cache: z.object({ entries: z.number(), hits: z.number(), misses: z.number(), bytes: z.number() }),
  storage: StorageOut,
});

/** GET /api/quota: quota windows grouped by account. */
export const QuotaOut = z.array(
  z.object({
    connectionId: z.string(),
    providerId: z.string().optional().describe('Absent: the account is no longer configured.'),
    connectionName: z.string().optional(),
    exhausted: z.boolean(),
    windows: z.array(
      z.object({
        id: z.string(),
        label: z.string().describe('e.g. "5h", "weekly".'),
        kind: z.enum(['rolling', 'daily', 'weekly', 'monthly']),
        unit: z.enum(['requests', 'tokens']),
        used: z.number(),
        limit: z.number(),
        remaining: z.number(),
        remainingPct: z.number().describe('0–100.'),
        level: z.enum(['ok', 'warning', 'exhausted']),
        resetsAt: z.number().describe('Epoch ms of the next reset (rolling: when usage next goes down).'),
        availableAt: z.number().optional().describe('Only when exhausted: when some of it is usable again.'),
      }),
    ),
  }),
);
