// Shapes of the core's HTTP API as the dashboard uses them.
//
// One source per contract: every type the core declares is imported from it, type-only (the
// build erases these imports, so the dashboard bundles nothing of the core and talks to it over
// HTTP alone; scripts/check-layers.mjs refuses a value import). A change to a core API type
// therefore breaks the dashboard's type check, not its users.
//
// The request/answer bodies of the management API are the core's zod schemas
// (core/server/api/schemas.ts, also served as GET /api/openapi.json): `z.output` is what the core
// answers, `z.input` what it accepts. A few lists are needed as values (menus); they are
// restated here and tied to the core's type in both directions (see `Nothing` below).
import type { z } from 'zod';
import type * as Api from '../../../core/server/api/schemas.js';
import type { SettingsSchema } from '../../../core/store/repos/settings.js';
import type { LoginKindId } from '../../../core/providers/login/types.js';
import type { WireFormat } from '../../../core/formats/canonical.js';
import type { ProviderTier } from '../../../core/providers/types.js';
import type { Strategy } from '../../../core/store/repos/combos.js';
import type { BudgetPeriodName } from '../../../core/store/repos/budgets.js';
import type { SignInState } from '../../../core/store/repos/connections.js';
import type * as Observe from '../../../core/server/api/observe-routes.js';
import type * as Logs from '../../../core/server/api/log-routes.js';
import type * as CliTools from '../../../core/server/api/cli-tools-routes.js';
import type { AuthStatusOut } from '../../../core/server/api/auth-routes.js';
import type * as PlanSignIn from '../../../core/server/api/plan-signin-routes.js';
import type { CliToolId } from '../../../core/cli-tools/types.js';

/** Refuses to compile unless T is never: a core value missing from a restated list. */
type Nothing<T extends never> = T;

// ---------------------------------------------------------------------------------------------
// Part 1 — configuration
// ---------------------------------------------------------------------------------------------

export type { WireFormat, ProviderTier, Strategy, LoginKindId, SignInState };

export const WIRE_FORMATS = [
  'openai-chat',
  'openai-responses',
  'anthropic',
  'gemini',
  'ollama',
] as const satisfies readonly WireFormat[];
type _EveryFormatListed = Nothing<Exclude<WireFormat, (typeof WIRE_FORMATS)[number]>>;

export const TIERS = [
  'subscription',
  'api-key',
  'cheap',
  'free',
  'local',
] as const satisfies readonly ProviderTier[];
type _EveryTierListed = Nothing<Exclude<ProviderTier, (typeof TIERS)[number]>>;

/**
 * A provider that forwards the caller's own vendor login (core/providers/login/types.ts):
 * Claude Code → anthropic, Codex (ChatGPT login) → chatgpt, Gemini CLI (Google login) → code-assist.
 */
export const LOGIN_KINDS = ['anthropic', 'chatgpt', 'code-assist'] as const satisfies readonly LoginKindId[];
type _EveryLoginKindListed = Nothing<Exclude<LoginKindId, (typeof LOGIN_KINDS)[number]>>;

/**
 * GET /api/plan-routes → the subscription routes people look for (core/providers/plan-routes.ts):
 * the ones built (a login provider, or the ChatGPT plan's sign-in) and the ones not built, each
 * with its one-line reason and what works instead. The text is the core's, in English.
 */
export type { PlanRoute } from '../../../core/providers/plan-routes.js';

/** GET /api/strategies: the core's list, in its order (the menus read it; see useStrategies). */
export type Strategies = z.output<typeof Api.StrategiesOut>;

/** GET /api/providers, GET/PUT /api/providers/:id */
export type Provider = z.output<typeof Api.ProviderOut>;
/**
 * PUT /api/providers/:id body (the id is the path's). A login provider takes `{login, baseUrl?,
 * models?, name?, enabled?, proxy?}`: no format (its vendor's), no accounts.
 */
export type ProviderInput = Omit<z.input<typeof Api.ProviderIn>, 'id'>;

/** Per-account pacing; every field optional (absent: no limit). */
export type ConnectionLimits = NonNullable<Connection['limits']>;
/** GET /api/connections — secrets are write-only. */
export type Connection = z.output<typeof Api.ConnectionOut>;
/** What the provider's models endpoint last listed for an account (POST /api/connections/{id}/discover). */
export type { ModelDiscovery } from '../../../core/store/repos/connections.js';
/** POST /api/connections/{id}/test, POST /api/proxies/test. */
export type {
  ConnectionTestResult,
  ConnectionVerdict,
  ProxyTestResult,
  UnreachableCause,
} from '../../../core/gateway/connection-verdict.js';
/** GET /api/combo-templates. */
export type { ComboTemplate } from '../../../core/runtime/combo-templates.js';
export type ConnectionInput = z.input<typeof Api.ConnectionIn>;
export type ConnectionPatch = z.input<typeof Api.ConnectionPatch>;

/**
 * Sign in with ChatGPT (docs/subscriptions.md): the `chatgpt-plan` provider's accounts are added
 * by signing in, never with a key (its token set is the connection's secret).
 *
 * POST /api/chatgpt/sign-in {connectionId?} → ChatGptSignInStart: open `url` in a browser; the
 *   authorization server sends it back to /auth/callback on the gateway (`redirectUri`).
 *   `connectionId` signs that account in again.
 * GET /api/chatgpt/sign-in/:state → ChatGptSignInStatus (404 once expired, after 15 minutes).
 * POST /api/chatgpt/accounts/:id/models → ChatGptModels: the account's models discovered again.
 */
export type SignInKind = NonNullable<Provider['signIn']>;
/**
 * sign-in-again: its refresh token died (reused, revoked, expired); plan-usage-off: signed in
 * without allowing ChatGPT plan usage.
 */
export const SIGN_IN_STATES = ['sign-in-again', 'plan-usage-off'] as const satisfies readonly SignInState[];
type _EverySignInStateListed = Nothing<Exclude<SignInState, (typeof SIGN_IN_STATES)[number]>>;

export type ChatGptSignInStart = z.output<typeof PlanSignIn.ChatGptSignInStartOut>;
export type ChatGptSignInStatus = z.output<typeof PlanSignIn.ChatGptSignInStatusOut>;
export type ChatGptModels = z.output<typeof PlanSignIn.ChatGptModelsOut>;

/** GET /api/combos */
export type Combo = z.output<typeof Api.ComboOut>;
/** PUT /api/combos/:name body (the name is the path's). */
export type ComboInput = Omit<z.input<typeof Api.ComboIn>, 'name'>;

/** GET /api/keys */
export type GatewayKey = z.output<typeof Api.ApiKeyOut>;
/** POST /api/keys, POST /api/keys/:id/rotate — `key` is in this response only. */
export type GatewayKeyCreated = z.output<typeof Api.ApiKeyCreated>;

/**
 * GET/PATCH /api/settings (core/store/repos/settings.ts, docs/config.md). PATCH takes any subset
 * and answers the whole object; 400 names the bad key in `param`; PATCH `lanExposure: true`
 * answers 409 while no dashboard password is set.
 */
export type Settings = z.output<typeof SettingsSchema>;
export type ThinkingMode = Settings['thinkingMode'];
export const THINKING_MODES = [
  'passthrough',
  'auto',
  'custom',
  'adaptive',
] as const satisfies readonly ThinkingMode[];
type _EveryThinkingModeListed = Nothing<Exclude<ThinkingMode, (typeof THINKING_MODES)[number]>>;

/** GET /api/state */
export type TrayState = z.output<typeof Api.StateOut>;

/** GET /api/auth/status */
export type AuthStatus = z.output<typeof AuthStatusOut>;

/** GET /health (public) */
export type HealthSummary = z.output<typeof Api.HealthSummaryOut>;

/** Every management error: `{error:{message, param?}}`. */
export interface ApiErrorBody {
  error: { message: string; param?: string };
}

// ---------------------------------------------------------------------------------------------
// Part 2 — observability, budgets, prices, aliases, storage
// ---------------------------------------------------------------------------------------------

/**
 * One row of the request log (core/store/request-log.ts RequestLogEntry, without its detail).
 * GET /api/logs?limit=100&before=<ts>&beforeId=<id>&status=ok|error|<code>&provider=&model=&apiKeyId=&q=
 *   → LogPage (newest first; `next` is the next page's path).
 */
export type LogEntry = z.output<typeof Logs.LogEntryOut>;
export type LogPage = z.output<typeof Logs.LogPageOut>;

export type LogQuery = z.output<typeof Logs.LogQueryIn>;

/**
 * GET /api/logs/:id → LogDetail. Bodies are present only when settings.debugLogging
 * was on when the request was served.
 */
export type LogDetail = z.output<typeof Logs.LogDetailOut>;

/**
 * GET /api/logs/stream — Server-Sent Events (EventSource, same origin, session cookie).
 * `event: log`, `data: LogEntry` JSON, one per finished request; `event: ping` every 15 s.
 */
export type LogStreamEvent = { event: 'log'; data: LogEntry } | { event: 'ping'; data: '' };

/** GET /api/usage?from=<ms>&to=<ms>&bucket=hour|day&groupBy=provider|model|key → UsageReport */
export type UsageReport = z.output<typeof Observe.UsageOut>;
export type UsageGroupBy = UsageReport['groupBy'];
export type UsageBucket = UsageReport['buckets'][number];

/** GET /api/quota → quota windows grouped by connection. */
export type ConnectionQuota = z.output<typeof Api.QuotaOut>[number];

/**
 * GET /api/quota/plans → the plans behind callers' own logins (Claude Code, Codex, Gemini CLI),
 * exactly as their vendors reported them on the last answer, each window with its forecast.
 * The core's own types (type-only: nothing of the core is bundled into the dashboard).
 */
export type { PlanLoginStatus, PlanWindowStatus } from '../../../core/routing/quota/plan-quota.js';

export type BudgetScope = z.output<typeof Api.BudgetScopeSchema>;
export type BudgetPeriod = BudgetPeriodName;
export const BUDGET_PERIODS = ['day', 'week', 'month'] as const satisfies readonly BudgetPeriod[];
type _EveryPeriodListed = Nothing<Exclude<BudgetPeriod, (typeof BUDGET_PERIODS)[number]>>;

/**
 * GET /api/budgets → Budget[]; POST /api/budgets BudgetInput → Budget;
 * PUT /api/budgets/:id BudgetInput → Budget; DELETE /api/budgets/:id → {ok:true}.
 * Periods start in settings.budgetTimeZone.
 */
export type Budget = z.output<typeof Api.BudgetOut>;
export type BudgetInput = z.input<typeof Api.BudgetIn>;

/**
 * GET /api/prices → ModelPriceRow[] (USD per million tokens); PUT /api/prices PriceInput sets an
 * override; DELETE /api/prices?model=&providerId= removes it (back to the default, if any).
 */
export type ModelPriceRow = z.output<typeof Api.PriceOut>;
/** GET /api/models/details: one model of an active provider with its context window and price. */
export type ModelDetail = z.output<typeof Api.ModelDetailOut>;
export type PriceInput = z.input<typeof Api.PriceIn>;

/**
 * GET /api/aliases → ModelAlias[]; PUT /api/aliases ModelAlias; DELETE /api/aliases?pattern=.
 * `pattern` may use * and ?; `target` may use $1…$9 for what they matched.
 */
export type ModelAlias = z.output<typeof Api.AliasIn>;

/** GET /api/backups → BackupInfo[]; POST /api/backups → BackupInfo; DELETE /api/backups/:name. */
export type { BackupInfo } from '../../../core/store/backups.js';

/**
 * GET /api/export[?secrets=true] → the configuration document (the --config file's shape, JSON).
 * POST /api/import {config, dryRun?} → a summary of the changes (applied unless dryRun); its
 * shape is the core's, so the dashboard renders it generically. 400: {error:{message, param},
 * issues?: [...]}.
 */
export type ConfigDocument = Record<string, unknown>;
export type ImportSummary = unknown;

/**
 * GET /api/health → HealthReport; POST /api/health/reset {providerId?, connectionId?}
 * → {ok:true} closes breakers and clears lockouts in scope (all when the body is empty).
 * POST /api/cache/clear → {ok:true, cleared} empties the response cache.
 */
export type HealthReport = z.output<typeof Api.HealthOut>;
/** GET /api/health → storage: the database on disk and the request log in it. */
export type StorageReport = HealthReport['storage'];
export type CacheCleared = z.output<typeof Api.ClearedOut>;

/**
 * POST /api/translate → TranslateResult. Runs the core's translators on a pasted
 * body without calling any upstream.
 */
export type TranslateRequest = z.input<typeof Observe.TranslateIn>;
export type TranslateResult = z.output<typeof Observe.TranslateOut>;

/**
 * GET /api/cli-tools?model= → CliToolStatus[] (core/server/api/cli-tools-routes.ts);
 * POST /api/cli-tools/:id/apply {model, apiKey?, mode?} → CliToolApplied.
 * The core merges this gateway's base URL, the key and the model into the tool's own config
 * file, keeping `<file>.omniroute-backup-<yyyymmdd-hhmmss>` next to it. 404: unknown id;
 * 409: the tool is set up in its own UI, or its file cannot be read safely; 400: bad model/key
 * (param `apiKey`: a key the gateway does not know, or none while the gateway requires one).
 */
export type { CliToolId };
/** One value to enter by hand. `label` is the tool's own name for it (variable, key or UI field). */
export type CliToolSetting = z.output<typeof CliTools.Setting>;
export type CliToolStatus = z.output<typeof CliTools.CliToolStatusOut>;
/**
 * What the keep-login mode writes: the tool keeps its own vendor login and sends the gateway key
 * in `x-omniroute-key` (docs/subscriptions.md). No vendor token is ever written.
 */
export type CliToolKeepLogin = NonNullable<CliToolStatus['keepLogin']>;
export type CliToolApply = z.input<typeof CliTools.CliToolApplyIn>;
/** gateway-key (default): a gateway key in place of a provider key. keep-login: see CliToolKeepLogin. */
export type CliToolApplyMode = NonNullable<CliToolApply['mode']>;
export const CLI_TOOL_APPLY_MODES = [
  'gateway-key',
  'keep-login',
] as const satisfies readonly CliToolApplyMode[];
type _EveryApplyModeListed = Nothing<Exclude<CliToolApplyMode, (typeof CLI_TOOL_APPLY_MODES)[number]>>;
/**
 * After apply: one request sent through the gateway with the key as the tool will send it, and
 * what the model resolves to (keep-login: also whether a step uses a login provider of the tool's
 * kind). `messages` are the core's English sentences.
 */
export type CliToolApplied = z.output<typeof CliTools.CliToolAppliedOut>;
export type CliToolCheck = CliToolApplied['check'];
