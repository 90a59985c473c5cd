// Shapes of the core's HTTP API as the dashboard uses them.
//
// Part 1 mirrors what exists (core/server/api/schemas.ts, GET /api/openapi.json).
// Part 2 is the dashboard's PROPOSAL for endpoints that do not exist yet; the pages that use
// them render a "not available yet" state while the core answers 404.

// ---------------------------------------------------------------------------------------------
// Part 1 — existing endpoints
// ---------------------------------------------------------------------------------------------

export const WIRE_FORMATS = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

export const TIERS = ['subscription', 'api-key', 'cheap', 'free', 'local'] as const;
export type ProviderTier = (typeof TIERS)[number];

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
}

/** PUT /api/providers/:id body. */
export interface ProviderInput {
  name?: string;
  format?: WireFormat;
  baseUrl?: string;
  models?: string[];
  local?: boolean;
  enabled?: boolean;
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
  createdAt: number;
  updatedAt: number;
}

export interface ConnectionInput {
  providerId: string;
  name: string;
  apiKey?: string;
  priority?: number;
  enabled?: boolean;
  baseUrl?: string;
  proxy?: string;
}

export interface ConnectionPatch {
  name?: string;
  apiKey?: string | null;
  priority?: number;
  enabled?: boolean;
  baseUrl?: string | null;
  proxy?: string | null;
}

/** GET /api/combos */
export interface Combo {
  name: string;
  strategy: Strategy;
  models: string[];
  enabled: boolean;
  active: boolean;
}

export interface ComboInput {
  strategy: Strategy;
  models: string[];
  enabled: boolean;
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

/** GET/PATCH /api/settings */
export interface Settings {
  requireApiKey: boolean;
  activeCombo: string | null;
  activeComboAlias: string;
  offlineMode: boolean;
  bodyLimitMb: number;
  debugLogging: boolean;
}

/** GET /api/state */
export interface TrayState {
  activeCombo: string | null;
  activeComboAlias: string;
  offline: boolean;
  combos: Array<{ name: string; enabled: boolean }>;
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
// Part 2 — PROPOSED endpoints (not in the core yet)
// ---------------------------------------------------------------------------------------------

/**
 * One row of the request log — the same fields as core/store/request-log.ts RequestLogEntry.
 * PROPOSED: GET /api/logs?limit=100&before=<ts>&status=ok|error|<code>&provider=&model=&apiKeyId=&q=
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
}

export interface LogPage {
  items: LogEntry[];
  nextBefore: number | null;
}

export interface LogQuery {
  limit?: number;
  before?: number;
  status?: 'ok' | 'error' | string;
  provider?: string;
  model?: string;
  apiKeyId?: string;
  q?: string;
}

/**
 * PROPOSED: GET /api/logs/:id → LogDetail. Bodies are present only when settings.debugLogging
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
 * PROPOSED: GET /api/logs/stream — Server-Sent Events (EventSource, same origin, session cookie).
 * `event: log`, `data: LogEntry` JSON, one per finished request; `event: ping` every 15 s.
 */
export type LogStreamEvent = { event: 'log'; data: LogEntry } | { event: 'ping'; data: '' };

/** PROPOSED: GET /api/usage?from=<ms>&to=<ms>&bucket=hour|day&groupBy=provider|model|key → UsageReport */
export type UsageGroupBy = 'provider' | 'model' | 'key';
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

/** PROPOSED: GET /api/quota → QuotaWindow[] grouped by connection. */
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

/** PROPOSED: GET /api/budgets, PUT /api/budgets/:id, DELETE /api/budgets/:id */
export interface Budget {
  id: string;
  scope: { kind: 'global' } | { kind: 'provider'; id: string } | { kind: 'key'; id: string };
  period: 'day' | 'week' | 'month';
  limitUsd: number;
  spentUsd: number;
  /** What happens at 100 %: only warn, or refuse requests in scope. */
  action: 'warn' | 'block';
  resetsAt: number;
}

/**
 * PROPOSED: GET /api/health → HealthReport; POST /api/health/reset {providerId?, connectionId?}
 * → {ok:true} closes breakers and clears lockouts in scope (all when the body is empty).
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
}

/**
 * PROPOSED: POST /api/translate → TranslateResult. Runs the core's translators on a pasted
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
 * PROPOSED: GET /api/cli-tools → CliToolStatus[];
 * POST /api/cli-tools/:id/apply {model, apiKey?} → CliToolApplied.
 * The core writes the tool's own config file (keeping a timestamped backup next to it) with
 * this gateway's base URL, the key and the model. `id` is one of CLI_TOOL_IDS.
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
export interface CliToolStatus {
  id: CliToolId;
  /** The config file the core would write, e.g. ~/.codex/config.toml. */
  configPath: string;
  installed: boolean;
  /** Already points at this gateway. */
  configured: boolean;
  /** False for tools configured only through their UI (Cursor, Cline, Kilo Code). */
  canApply: boolean;
}
export interface CliToolApply {
  model: string;
  apiKey?: string;
}
export interface CliToolApplied {
  path: string;
  backupPath?: string;
}

/**
 * PROPOSED (small): a persisted "onboarding finished" flag, e.g. settings.onboarded:boolean.
 * Until it exists the dashboard shows the wizard when nothing is configured yet (no accounts,
 * no combos) and remembers "finished/skipped" in localStorage.
 */
export interface OnboardingFlagProposal {
  onboarded: boolean;
}
