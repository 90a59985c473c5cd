// Shapes of the core's HTTP API as the dashboard uses them.
//
// Part 1 mirrors the configuration API (core/server/api/schemas.ts, GET /api/openapi.json).
// Part 2 is observability, budgets, prices, aliases and storage. A page whose endpoint answers
// 404 (an older core) renders a "not available yet" state; it never fakes data.
//
// Types the core already declares without Node (login kinds, plan quotas) are imported from it,
// type-only: the renderer's type check reads those core files, the bundle holds none of them.

import type { LoginKindId } from '../../../core/providers/login/types.js';

// ---------------------------------------------------------------------------------------------
// Part 1 — configuration
// ---------------------------------------------------------------------------------------------

export const WIRE_FORMATS = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

export const TIERS = ['subscription', 'api-key', 'cheap', 'free', 'local'] as const;
export type ProviderTier = (typeof TIERS)[number];

/**
 * A provider that forwards the caller's own vendor login (core/providers/login/types.ts):
 * Claude Code → anthropic, Codex (ChatGPT login) → chatgpt, Gemini CLI (Google login) → code-assist.
 * The list is restated (a value: the dashboard bundles nothing of the core); the type is the
 * core's, and the check below fails the build when the two disagree.
 */
export type { LoginKindId };
export const LOGIN_KINDS = ['anthropic', 'chatgpt', 'code-assist'] as const satisfies readonly LoginKindId[];
// `satisfies` refuses a kind the core lacks; this refuses a core kind missing from the list.
type Nothing<T extends never> = T;
type _EveryLoginKindListed = Nothing<Exclude<LoginKindId, (typeof LOGIN_KINDS)[number]>>;

/**
 * GET /api/plan-routes → the subscription routes people look for (core/providers/plan-routes.ts):
 * the ones built (a login provider, or the ChatGPT plan's sign-in) and the ones not built, each
 * with its one-line reason and what works instead. The text is the core's, in English.
 */
export type { PlanRoute } from '../../../core/providers/plan-routes.js';

export const STRATEGIES = [
  'fill-first',
  'round-robin',
  'power-of-two',
  'random',
  'least-used',
  'cost-optimized',
  'weighted',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** GET /api/providers, GET/PUT /api/providers/:id */
export interface Provider {
  id: string;
  name: string;
  formats: WireFormat[];
  baseUrl: string;
  tier: ProviderTier;
  local: boolean;
  models: string[];
  prefixes: string[];
  builtin: boolean;
  configured: boolean;
  enabled: boolean;
  connections: number;
  /** How this provider's accounts are chosen within one step (default fill-first). */
  accountStrategy?: Strategy;
  /** Upstream proxy for this provider's accounts (an account's own proxy wins). */
  proxy?: string;
  /** Set: forwards the caller's own login of this kind; no accounts, no stored credential. */
  login?: LoginKindId;
  /** Set: accounts are added by signing in (chatgpt: POST /api/chatgpt/sign-in), never with a key. */
  signIn?: SignInKind;
  /** chatgpt-plan: the authorization server its accounts sign in with, when not OpenAI's. */
  authUrl?: string;
}

/**
 * PUT /api/providers/:id body. A login provider takes `{login, baseUrl?, models?, name?,
 * enabled?, proxy?}`: no format (its vendor's), no accounts; baseUrl defaults to the vendor's.
 */
export interface ProviderInput {
  name?: string;
  format?: WireFormat;
  baseUrl?: string;
  models?: string[];
  local?: boolean;
  enabled?: boolean;
  accountStrategy?: Strategy;
  proxy?: string;
  login?: LoginKindId;
  /** chatgpt-plan only: another authorization server (PUT replaces, so send back what was reported). */
  authUrl?: string;
}

/** Per-account pacing; every field optional (absent: no limit). */
export interface ConnectionLimits {
  /** Requests per minute. */
  rpm?: number;
  /** Minimum gap between two requests, ms. */
  minGapMs?: number;
  /** Requests in flight at once. */
  maxConcurrent?: number;
}

/** GET /api/connections — secrets are write-only. */
export interface Connection {
  id: string;
  providerId: string;
  name: string;
  hasSecret: boolean;
  secretHint?: string;
  priority: number;
  enabled: boolean;
  baseUrl?: string;
  proxy?: string;
  /** Share for the weighted account strategy (default 1). */
  weight?: number;
  limits?: ConnectionLimits;
  createdAt: number;
  updatedAt: number;
  /** A signed-in account (chatgpt-plan) that cannot serve until its owner acts; routing skips it. */
  signInState?: SignInState;
}

export interface ConnectionInput {
  providerId: string;
  name: string;
  apiKey?: string;
  priority?: number;
  enabled?: boolean;
  baseUrl?: string;
  proxy?: string;
  weight?: number;
  limits?: ConnectionLimits;
}

export interface ConnectionPatch {
  name?: string;
  apiKey?: string | null;
  priority?: number;
  enabled?: boolean;
  baseUrl?: string | null;
  proxy?: string | null;
  /** null: back to the default (1). */
  weight?: number | null;
  /** null: no limits. */
  limits?: ConnectionLimits | null;
}

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
export const SIGN_IN_KINDS = ['chatgpt'] as const;
export type SignInKind = (typeof SIGN_IN_KINDS)[number];
/**
 * sign-in-again: its refresh token died (reused, revoked, expired); plan-usage-off: signed in
 * without allowing ChatGPT plan usage.
 */
export const SIGN_IN_STATES = ['sign-in-again', 'plan-usage-off'] as const;
export type SignInState = (typeof SIGN_IN_STATES)[number];

export interface ChatGptSignInStart {
  state: string;
  url: string;
  redirectUri: string;
}
export interface ChatGptSignInStatus {
  state: 'pending' | 'done' | 'error';
  connectionId?: string;
  email?: string;
  /** False: signed in without allowing plan usage (the account is kept but not used). */
  planUsage?: boolean;
  /** The first sign-in with plan usage on this installation: show "You’re using your ChatGPT plan". */
  firstTime?: boolean;
  /** The core's English sentence, with state 'error'. */
  error?: string;
}
export interface ChatGptModels {
  models: string[];
}

/** GET /api/combos */
export interface Combo {
  name: string;
  strategy: Strategy;
  models: string[];
  enabled: boolean;
  active: boolean;
  /** Steps that stay in the list but are skipped. */
  disabledSteps?: string[];
  /** Step → weight, for the weighted strategy (default 1; 0: only after every positive weight). */
  weights?: Record<string, number>;
}

export interface ComboInput {
  strategy: Strategy;
  models: string[];
  enabled: boolean;
  disabledSteps?: string[];
  weights?: Record<string, number>;
}

/** GET /api/keys */
export interface GatewayKey {
  id: string;
  name: string;
  prefix: string;
  models: string[];
  enabled: boolean;
  createdAt: number;
  lastUsedAt?: number;
}

/** POST /api/keys, POST /api/keys/:id/rotate — `key` is in this response only. */
export interface GatewayKeyCreated extends GatewayKey {
  key: string;
}

export const THINKING_MODES = ['passthrough', 'auto', 'custom', 'adaptive'] as const;
export type ThinkingMode = (typeof THINKING_MODES)[number];

/**
 * GET/PATCH /api/settings (core/store/repos/settings.ts, docs/config.md). PATCH takes any subset
 * and answers the whole object; 400 names the bad key in `param`; PATCH `lanExposure: true`
 * answers 409 while no dashboard password is set.
 */
export interface Settings {
  requireApiKey: boolean;
  activeCombo: string | null;
  activeComboAlias: string;
  offlineMode: boolean;
  bodyLimitMb: number;
  debugLogging: boolean;
  /** Consecutive upstream failures that open an account's circuit (1–100, default 5). */
  breakerFailureThreshold: number;
  /** How long an open circuit waits before a trial request, ms (100–3 600 000, default 30 000). */
  breakerCoolDownMs: number;
  /** Round-robin: consecutive requests that stay on one account or step (1–1000, default 3). */
  roundRobinStickyFor: number;
  /**
   * Global upstream proxy: http://, https:// or socks5:// (null: none). Credentials come back as
   * ***; sending the masked value back keeps the stored one (also for providers and accounts).
   */
  proxy: string | null;
  systemPrompt: string;
  systemPromptPosition: 'prepend' | 'append';
  thinkingMode: ThinkingMode;
  /** Budget for custom, ceiling for adaptive (0–200 000, default 8192). */
  thinkingBudgetTokens: number;
  cacheEnabled: boolean;
  /** 1–86 400, default 300. */
  cacheTtlSeconds: number;
  /** 1–4096, default 64. */
  cacheMaxMb: number;
  /** 0–60 000 (0: off), default 5000. */
  idempotencyWindowMs: number;
  /** Addresses or CIDR ranges that may connect (empty: any; loopback always may). */
  ipAllowList: string[];
  /** Addresses or CIDR ranges refused even when allowed. */
  ipDenyList: string[];
  /** Listen on every interface from the next start. */
  lanExposure: boolean;
  /** IANA zone in which budget periods start ('' = this machine's). */
  budgetTimeZone: string;
  /** Host names answered besides loopback, localhost and the bound address (no port). */
  allowedHosts: string[];
  /** Origins (scheme://host[:port]) whose pages may call /v1 from a browser. */
  corsOrigins: string[];
  /** Most of a kept request body in the log, KB (1–10 240, default 256). */
  logBodyMaxKb: number;
  /** Most characters of a logged error text (200–100 000, default 4000). */
  logErrorMaxChars: number;
  /** Request-log rows older than this are deleted (0–3650 days, 0: kept; default 30). */
  logRetentionDays: number;
  /** Largest database size, MB; the oldest log rows go first (0: no limit; default 1024). */
  logMaxDbMb: number;
  /** Streamed requests: the longest wait for an upstream's response head, ms (default 45 000). */
  firstByteTimeoutMs: number;
  /** Non-streamed requests: the longest wait for the whole answer, ms (default 600 000). */
  answerTimeoutMs: number;
  /** Longest silence between two chunks of a started answer, ms (default 300 000). */
  stallTimeoutMs: number;
  /** How long a caller may take to send its request body, ms (default 60 000). */
  requestBodyTimeoutMs: number;
  /** Most client connections open at once (16–100 000, default 1024). */
  maxConnections: number;
  /** The first-run wizard was finished or skipped. */
  onboarded?: boolean;
}

/** GET /api/state */
export interface TrayState {
  activeCombo: string | null;
  activeComboAlias: string;
  offline: boolean;
  combos: Array<{ name: string; enabled: boolean }>;
  /** A setting that applies at the next start (lanExposure) changed since this start. */
  restartRequired?: boolean;
}

/** GET /api/auth/status */
export interface AuthStatus {
  loginRequired: boolean;
  passwordSet: boolean;
  authenticated: boolean;
  exposed: boolean;
}

/** GET /health (public) */
export interface HealthSummary {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: 'ok' | 'error';
  offline: boolean;
}

/** Every management error: `{error:{message, param?}}`. */
export interface ApiErrorBody {
  error: { message: string; param?: string };
}

// ---------------------------------------------------------------------------------------------
// Part 2 — observability, budgets, prices, aliases, storage
// ---------------------------------------------------------------------------------------------

/**
 * One row of the request log — the same fields as core/store/request-log.ts RequestLogEntry.
 * GET /api/logs?limit=100&before=<ts>&status=ok|error|<code>&provider=&model=&apiKeyId=&q=
 *   → LogPage (newest first; `nextBefore` pages backwards).
 */
export interface LogEntry {
  id: string;
  ts: number;
  apiKeyId?: string;
  callerFormat: string;
  requestedModel?: string;
  providerId?: string;
  connectionId?: string;
  upstreamModel?: string;
  attempts: number;
  status: number;
  stream: boolean;
  latencyMs?: number;
  ttfbMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  reasoningTokens?: number;
  costUsd?: number;
  error?: string;
  /** What the request was for: chat, embedding, rerank, image, transcription, speech, moderation. */
  kind?: string;
  /** What a non-token request is billed by, and how many (images, seconds, characters, searches). */
  units?: number;
  unit?: string;
}

export interface LogPage {
  items: LogEntry[];
  /** ts of the last item when there may be more; send as `before` (with `beforeId`). */
  nextBefore: number | null;
  /** id of the last item; send as `beforeId`, so rows of the same millisecond are not skipped. */
  nextBeforeId?: string | null;
  /** The next page's path, this query with before/beforeId set (null: none). */
  next?: string | null;
  /** The page stopped at `maxBytes` (2 MB) before `limit` rows; `next` continues it. */
  truncated?: boolean;
  maxBytes?: number;
}

export interface LogQuery {
  limit?: number;
  before?: number;
  beforeId?: string;
  status?: 'ok' | 'error' | string;
  provider?: string;
  model?: string;
  apiKeyId?: string;
  q?: string;
}

/**
 * GET /api/logs/:id → LogDetail. Bodies are present only when settings.debugLogging
 * was on when the request was served.
 */
export interface LogDetail extends LogEntry {
  route: { combo?: string; steps: string[] };
  attemptsDetail: Array<{
    providerId: string;
    connectionId?: string;
    upstreamModel: string;
    status: number;
    error?: string;
    latencyMs: number;
    ttfbMs?: number;
  }>;
  requestBody?: unknown;
  responseBody?: unknown;
}

/**
 * GET /api/logs/stream — Server-Sent Events (EventSource, same origin, session cookie).
 * `event: log`, `data: LogEntry` JSON, one per finished request; `event: ping` every 15 s.
 */
export type LogStreamEvent = { event: 'log'; data: LogEntry } | { event: 'ping'; data: '' };

/** GET /api/usage?from=<ms>&to=<ms>&bucket=hour|day&groupBy=provider|model|key → UsageReport */
export type UsageGroupBy = 'provider' | 'model' | 'key' | 'kind';
export interface UsageBucket {
  /** Bucket start, epoch ms. */
  ts: number;
  /** Provider id, model name or gateway key id, per `groupBy`. */
  group: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}
export interface UsageReport {
  from: number;
  to: number;
  bucket: 'hour' | 'day';
  groupBy: UsageGroupBy;
  buckets: UsageBucket[];
  totals: { requests: number; inputTokens: number; outputTokens: number; costUsd: number };
}

/** GET /api/quota → quota windows grouped by connection. */
export interface ConnectionQuota {
  connectionId: string;
  providerId: string;
  connectionName: string;
  windows: Array<{
    /** e.g. "5h", "weekly", "daily requests". */
    label: string;
    used: number;
    limit: number;
    unit: 'requests' | 'tokens' | 'usd' | 'percent';
    /** Epoch ms of the next reset, when known. */
    resetsAt?: number;
  }>;
}

/**
 * GET /api/quota/plans → the plans behind callers' own logins (Claude Code, Codex, Gemini CLI),
 * exactly as their vendors reported them on the last answer, each window with its forecast.
 * The core's own types (type-only: nothing of the core is bundled into the dashboard).
 */
export type { PlanLoginStatus, PlanWindowStatus } from '../../../core/routing/quota/plan-quota.js';

export type BudgetScope = { kind: 'global' } | { kind: 'provider'; id: string } | { kind: 'key'; id: string };
export const BUDGET_PERIODS = ['day', 'week', 'month'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/**
 * GET /api/budgets → Budget[]; POST /api/budgets BudgetInput → Budget;
 * PUT /api/budgets/:id BudgetInput → Budget; DELETE /api/budgets/:id → {ok:true}.
 * Periods start in settings.budgetTimeZone.
 */
export interface Budget {
  id: string;
  scope: BudgetScope;
  period: BudgetPeriod;
  limitUsd: number;
  spentUsd: number;
  /** What happens at 100 %: only warn, or refuse requests in scope. */
  action: 'warn' | 'block';
  resetsAt: number;
}

export interface BudgetInput {
  scope: BudgetScope;
  period: BudgetPeriod;
  limitUsd: number;
  action: 'warn' | 'block';
}

/**
 * GET /api/prices → ModelPriceRow[] (USD per million tokens); PUT /api/prices PriceInput sets an
 * override; DELETE /api/prices?model=&providerId= removes it (back to the default, if any).
 */
export interface ModelPriceRow {
  model: string;
  providerId?: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
  cacheWritePerMTok?: number;
  source: 'default' | 'override';
}
export type PriceInput = Omit<ModelPriceRow, 'source'>;

/**
 * GET /api/aliases → ModelAlias[]; PUT /api/aliases ModelAlias; DELETE /api/aliases?pattern=.
 * `pattern` may use * and ?; `target` may use $1…$9 for what they matched.
 */
export interface ModelAlias {
  pattern: string;
  target: string;
}

/** GET /api/backups → BackupInfo[]; POST /api/backups → BackupInfo; DELETE /api/backups/:name. */
export interface BackupInfo {
  name: string;
  bytes: number;
  createdAt: number;
}

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
export interface HealthReport {
  breakers: Array<{
    providerId: string;
    connectionId?: string;
    state: 'closed' | 'open' | 'half-open';
    failures: number;
    openedAt?: number;
    retryAt?: number;
  }>;
  lockouts: Array<{
    providerId: string;
    connectionId: string;
    model?: string;
    until: number;
    reason: string;
  }>;
  rateLimits: Array<{ providerId: string; connectionId: string; remaining?: number; resetAt?: number }>;
  latency: Array<{
    providerId: string;
    model?: string;
    count: number;
    p50: number;
    p95: number;
    p99: number;
  }>;
  cache: { entries: number; hits: number; misses: number; bytes: number };
  /** The database on disk and the request log in it (absent: an older core). */
  storage?: StorageReport;
}

/** GET /api/health → storage: sizes in bytes, times in ms since the epoch. */
export interface StorageReport {
  /** The database file. */
  fileBytes: number;
  /** Its write-ahead log. */
  walBytes: number;
  totalBytes: number;
  logRows: number;
  oldestLogTs: number | null;
  /** settings.logMaxDbMb in bytes (0: no limit). */
  maxBytes: number;
  /** settings.logRetentionDays (0: kept forever). */
  retentionDays: number;
  lastPrune: { at: number; deletedByAge: number; slimmed: number; deletedBySize: number } | null;
}

export interface CacheCleared {
  ok: true;
  cleared: number;
}

/**
 * POST /api/translate → TranslateResult. Runs the core's translators on a pasted
 * body without calling any upstream.
 */
export interface TranslateRequest {
  from: WireFormat;
  to: WireFormat;
  kind: 'request' | 'response';
  body: unknown;
}
export interface TranslateResult {
  body: unknown;
  warnings: string[];
}

/**
 * GET /api/cli-tools?model= → CliToolStatus[] (core/server/api/cli-tools-routes.ts);
 * POST /api/cli-tools/:id/apply {model, apiKey?, mode?} → CliToolApplied.
 * The core merges this gateway's base URL, the key and the model into the tool's own config
 * file, keeping `<file>.omniroute-backup-<yyyymmdd-hhmmss>` next to it. 404: unknown id;
 * 409: the tool is set up in its own UI, or its file cannot be read safely; 400: bad model/key
 * (param `apiKey`: a key the gateway does not know, or none while the gateway requires one).
 */
export const CLI_TOOL_IDS = [
  'claude-code',
  'codex',
  'gemini-cli',
  'opencode',
  'cline',
  'cursor',
  'kilo-code',
  'openclaw',
  'continue',
] as const;
export type CliToolId = (typeof CLI_TOOL_IDS)[number];
/** One value to enter by hand. `label` is the tool's own name for it (variable, key or UI field). */
export interface CliToolSetting {
  label: string;
  value: string;
  /**
   * `key` values are, or hold, a placeholder ("<your-gateway-key>", keep-login: inside a header):
   * the core never knows the key.
   */
  kind: 'url' | 'key' | 'model' | 'text';
}
export interface CliToolStatus {
  id: CliToolId;
  name: string;
  /** The main file apply writes, e.g. ~/.codex/config.toml; absent for UI-only tools. */
  configPath?: string;
  /** Every file apply writes (Codex and Gemini CLI: also a .env). */
  files: string[];
  installed: boolean;
  /** Already points at this gateway. */
  configured: boolean;
  /** False for tools configured only through their UI (Cursor, Cline, Kilo Code). */
  canApply: boolean;
  currentModel?: string;
  settings: CliToolSetting[];
  /** `id` is translated under cli.notes.*; `text` is the English wording. */
  notes: Array<{ id: string; text: string }>;
  /** Claude Code, Codex, Gemini CLI: the tool can keep its own vendor login (mode keep-login). */
  keepLogin?: CliToolKeepLogin;
}
/**
 * What the keep-login mode writes: the tool keeps its own vendor login and sends the gateway key
 * in `x-omniroute-key` (docs/subscriptions.md). No vendor token is ever written.
 */
export interface CliToolKeepLogin {
  /** The `login:` kind of the provider that forwards this tool's login. */
  login: LoginKindId;
  /** `key` values hold the placeholder inside a header, e.g. "x-omniroute-key: <your-gateway-key>". */
  settings: CliToolSetting[];
  notes: Array<{ id: string; text: string }>;
}
/** gateway-key (default): a gateway key in place of a provider key. keep-login: see CliToolKeepLogin. */
export const CLI_TOOL_APPLY_MODES = ['gateway-key', 'keep-login'] as const;
export type CliToolApplyMode = (typeof CLI_TOOL_APPLY_MODES)[number];
export interface CliToolApply {
  model: string;
  apiKey?: string;
  mode?: CliToolApplyMode;
}
/**
 * After apply: one request sent through the gateway with the key as the tool will send it, and
 * what the model resolves to (keep-login: also whether a step uses a login provider of the tool's
 * kind). `messages` are the core's English sentences.
 */
export interface CliToolCheck {
  ok: boolean;
  messages: string[];
}
export interface CliToolApplied {
  id: CliToolId;
  path: string;
  backupPath?: string;
  /** False when the files already held these settings: nothing written, no backup. */
  changed: boolean;
  files: Array<{ path: string; backupPath?: string; changed: boolean }>;
  /** Absent from an older core. */
  check?: CliToolCheck;
}
