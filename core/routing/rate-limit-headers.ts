import { nextReset } from './quota/windows.js';

export type HeaderBag =
  { get(name: string): string | null } | Record<string, string | readonly string[] | undefined>;

export interface RateLimitInfo {
  /** Do not send to this account (or account+model) before this instant. */
  lockUntil?: number;
  remaining?: { requests?: number; tokens?: number };
  resetAt?: { requests?: number; tokens?: number };
  /** A quota (not a short rate limit) is used up: per-day quota, no credit left. */
  exhausted?: boolean;
  /** Which signal set lockUntil, for logs and the dashboard. */
  reason?: string;
  /**
   * What the limit covers, when the upstream says: `account` (out of credit, a subscription
   * window, a project-wide quota) or `model` (a per-model quota). Unsaid, the router treats
   * a limit as the model's: most providers rate-limit each model separately.
   */
  scope?: LimitScope;
}

export type LimitScope = 'account' | 'model';

/**
 * Go-style durations as OpenAI sends them in x-ratelimit-reset-*: "6m0s", "1.5s", "20ms",
 * "1h2m3s", "500us"; a bare number is seconds. Google's protobuf Durations ("30s", "1.5s")
 * are the same shape. Returns ms, or undefined when it does not parse.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const unit: Record<string, number> = {
    h: 3_600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
    us: 0.001,
    µs: 0.001,
    ns: 1e-6,
  };
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * unit[m[2]!]!;
    matched = re.lastIndex;
  }
  return matched === s.length ? total : undefined;
}

function getter(headers: HeaderBag): (name: string) => string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const h = headers as { get(name: string): string | null };
    return (name) => h.get(name) ?? undefined;
  }
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') lower.set(k.toLowerCase(), first);
  }
  return (name) => lower.get(name);
}

const num = (v: string | undefined): number | undefined => {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** Gemini's daily quotas reset at midnight Pacific time. */
const GEMINI_DAY = {
  id: 'gemini-day',
  kind: 'daily',
  hour: 0,
  timeZone: 'America/Los_Angeles',
  unit: 'requests',
  limit: 1,
} as const;

/**
 * Reads a provider response (any status) into a lockout. Every signal found contributes and
 * the latest lock wins: a Retry-After of 2 s does not undo "no tokens left until 14:00".
 * A 429 without any timing is left to the caller (backoff), not guessed here.
 */
/** Whether any header could hold a limit or a reset (a key scan, no parsing). */
export function mentionsRateLimit(headers: HeaderBag | undefined): boolean {
  if (!headers) return false;
  const keys =
    typeof (headers as { keys?: unknown }).keys === 'function'
      ? [...(headers as Headers).keys()]
      : Object.keys(headers);
  for (const k of keys) {
    const l = k.toLowerCase();
    if (l.includes('ratelimit') || l.includes('rate-limit') || l.startsWith('retry-after')) return true;
  }
  return false;
}

export function parseRateLimit(
  input: { headers?: HeaderBag; body?: unknown; status?: number },
  nowMs: number,
): RateLimitInfo {
  const h = getter(input.headers ?? {});
  const out: RateLimitInfo = {};
  const lock = (until: number | undefined, reason: string) => {
    if (until === undefined || !Number.isFinite(until) || until <= nowMs) return;
    if (out.lockUntil === undefined || until > out.lockUntil) {
      out.lockUntil = until;
      out.reason = reason;
    }
  };

  // Retry-After: retry-after-ms is the precise one when both are sent.
  const raMs = num(h('retry-after-ms'));
  if (raMs !== undefined) lock(nowMs + raMs, 'retry-after-ms');
  else {
    const ra = h('retry-after');
    if (ra !== undefined) {
      const secs = num(ra);
      const at = secs !== undefined ? nowMs + secs * 1000 : Date.parse(ra);
      lock(Number.isFinite(at) ? at : undefined, 'retry-after');
    }
  }

  // OpenAI (and the many OpenAI-compatible APIs that copy it).
  const oaRemainingReq = num(h('x-ratelimit-remaining-requests'));
  const oaRemainingTok = num(h('x-ratelimit-remaining-tokens'));
  const oaResetReq = h('x-ratelimit-reset-requests');
  const oaResetTok = h('x-ratelimit-reset-tokens');
  setBucket(out, 'requests', oaRemainingReq, resetFromDuration(oaResetReq, nowMs));
  setBucket(out, 'tokens', oaRemainingTok, resetFromDuration(oaResetTok, nowMs));

  // Anthropic: several token buckets; the scarcest one is the one that binds.
  const anRemainingReq = num(h('anthropic-ratelimit-requests-remaining'));
  if (anRemainingReq !== undefined || h('anthropic-ratelimit-requests-reset') !== undefined) {
    setBucket(out, 'requests', anRemainingReq, rfc3339(h('anthropic-ratelimit-requests-reset')));
  }
  let scarce: { remaining: number; reset?: number } | undefined;
  for (const kind of ['tokens', 'input-tokens', 'output-tokens']) {
    const remaining = num(h(`anthropic-ratelimit-${kind}-remaining`));
    if (remaining === undefined) continue;
    const reset = rfc3339(h(`anthropic-ratelimit-${kind}-reset`));
    // Lowest remaining wins; among equals the later reset (it is the one that really frees us).
    if (
      !scarce ||
      remaining < scarce.remaining ||
      (remaining === scarce.remaining && (reset ?? 0) > (scarce.reset ?? 0))
    ) {
      scarce = reset === undefined ? { remaining } : { remaining, reset };
    }
  }
  if (scarce) setBucket(out, 'tokens', scarce.remaining, scarce.reset);

  // A subscription's unified windows (Claude plans) are the account's, whatever the model.
  const unified = h('anthropic-ratelimit-unified-status');
  if (unified === 'rejected') {
    out.exhausted = true;
    out.scope = 'account';
    const reset = num(h('anthropic-ratelimit-unified-reset'));
    lock(reset === undefined ? undefined : reset * 1000, 'subscription window rejected');
  }

  // A bucket at zero locks until its reset even on a 200: the next request would be a 429.
  if (out.remaining?.requests === 0) lock(out.resetAt?.requests, 'requests-remaining-0');
  if (out.remaining?.tokens === 0) lock(out.resetAt?.tokens, 'tokens-remaining-0');

  readBody(input.body, nowMs, out, lock);
  return out;
}

function setBucket(
  out: RateLimitInfo,
  kind: 'requests' | 'tokens',
  remaining?: number,
  reset?: number,
): void {
  if (remaining !== undefined) (out.remaining ??= {})[kind] = remaining;
  if (reset !== undefined) (out.resetAt ??= {})[kind] = reset;
}

function resetFromDuration(v: string | undefined, nowMs: number): number | undefined {
  const d = v === undefined ? undefined : parseDuration(v);
  return d === undefined ? undefined : nowMs + Math.ceil(d);
}

function rfc3339(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
}

function readBody(
  raw: unknown,
  nowMs: number,
  out: RateLimitInfo,
  lock: (until: number | undefined, reason: string) => void,
): void {
  let body = raw;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return;
    }
  }
  // Gemini sometimes wraps the error in a one-element array.
  if (Array.isArray(body)) body = body[0];
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (!error) return;

  // OpenAI: out of credit is not a rate limit, no reset time is known, and every model draws on
  // the same credit.
  if (error.code === 'insufficient_quota' || error.type === 'insufficient_quota') {
    out.exhausted = true;
    out.scope = 'account';
  }
  // A ChatGPT plan's usage window (Codex's `usage_limit_reached`, Sign in with ChatGPT's per-app
  // cap) is the whole plan's.
  const planCode = [error.type, error.code];
  if (
    planCode.includes('usage_limit_reached') ||
    planCode.includes('subscription_sharing_usage_limit_exceeded')
  ) {
    out.exhausted = true;
    out.scope = 'account';
    if (typeof error.resets_at === 'number') lock(error.resets_at * 1000, 'plan usage limit');
    else if (typeof error.resets_in_seconds === 'number')
      lock(nowMs + error.resets_in_seconds * 1000, 'plan usage limit');
  }

  if (!Array.isArray(error.details)) return;
  // Google names each quota it enforced: a quota kept per model (`…PerModel…`, or one with a
  // `model` dimension) rests that model only; any other (per project, per region) the account.
  let perModel = 0;
  let wider = 0;
  for (const d of error.details) {
    if (!isRecord(d) || typeof d['@type'] !== 'string') continue;
    const type = d['@type'];
    if (type.endsWith('google.rpc.RetryInfo') && typeof d.retryDelay === 'string') {
      const ms = parseDuration(d.retryDelay);
      if (ms !== undefined) lock(nowMs + Math.ceil(ms), 'retry-info');
    } else if (type.endsWith('google.rpc.QuotaFailure') && Array.isArray(d.violations)) {
      for (const v of d.violations) {
        if (!isRecord(v)) continue;
        const id = `${String(v.quotaId ?? '')} ${String(v.quotaMetric ?? '')}`;
        if (/per_?model/i.test(id) || (isRecord(v.quotaDimensions) && 'model' in v.quotaDimensions))
          perModel++;
        else wider++;
        // Per-day quotas ("GenerateRequestsPerDayPerProjectPerModel-FreeTier") last until
        // midnight Pacific; per-minute ones are covered by RetryInfo.
        if (/per_?day/i.test(id)) {
          out.exhausted = true;
          lock(nextReset(GEMINI_DAY, nowMs), 'quota-per-day');
        }
      }
    } else if (type.endsWith('google.rpc.ErrorInfo') && isRecord(d.metadata)) {
      // RATE_LIMIT_EXCEEDED names its quota in metadata (`ApiRequestsPerMinutePerProjectPerRegion`).
      const limit = d.metadata.quota_limit;
      if (typeof limit === 'string' && limit) {
        if (/per_?model/i.test(limit)) perModel++;
        else wider++;
      }
    }
  }
  if (wider) out.scope = 'account';
  else if (perModel && out.scope === undefined) out.scope = 'model';
}

function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
