import { loginKind, type CallerLogin } from '../providers/login/index.js';
import { backoffCeiling } from './backoff.js';
import type { Attempt, AttemptResult } from './hooks.js';
import type { RouterHost } from './host.js';
import { lockKey } from './lockouts.js';
import { settleTally } from './order.js';
import { planKey } from './quota/plan-quota.js';
import { mentionsRateLimit, parseRateLimit, type RateLimitInfo } from './rate-limit-headers.js';
import type { RoutingState } from './state.js';

/** How long an account is set aside after its key was refused (401/403), when no header says. */
const AUTH_FAILURE_LOCK_MS = 10 * 60_000;
/**
 * 429 without any reset hint: the account rests for an exponentially growing, jittered while
 * (15–30 s, then 30–60 s, … up to 5–10 min) rather than being hammered; a success resets it.
 */
const HINTLESS_429_BACKOFF = { baseMs: 30_000, maxMs: 600_000 };

/**
 * What an attempt's answer does to the routing state: it gives back what skipReason took, and
 * its status and rate-limit headers feed the breaker, lockouts, quota windows and latency.
 */
export function recordOutcome(s: RoutingState, rt: RouterHost, a: Attempt, r: AttemptResult): void {
  const key = s.keyOf(a);
  const slot = s.slots.get(a);
  if (slot) {
    s.slots.delete(a);
    slot.release();
  }
  s.inFlight.set(key, Math.max(0, (s.inFlight.get(key) ?? 1) - 1));
  if (a.login) return recordLoginOutcome(s, a, r);
  const now = s.now();
  // Most successful answers carry no rate-limit headers: skip the parse (≈2 % of a request).
  const limits =
    r.ok && !mentionsRateLimit(r.headers)
      ? {}
      : parseRateLimit(
          {
            headers: r.headers,
            body: (r.error as { errorBody?: unknown } | undefined)?.errorBody,
            status: r.status,
          },
          now,
        );
  if (r.ok) return recordSuccess(s, a, r, limits, now);
  const status = r.status;
  // The caller went away: nothing is wrong with the provider.
  if (r.error?.transport === 'aborted' || status === 499) return;
  if (status === 429 || r.error?.kind === 'quota_exhausted' || r.error?.kind === 'rate_limit') {
    if (a.connection) {
      // The (account, model) pair rests unless the upstream said the limit is the account's:
      // one model's per-minute quota must not stop the account's other models.
      const key = s.limitKey(a, limits.scope);
      const retryAfter = r.error?.retryAfter;
      const until =
        limits.lockUntil ?? (retryAfter !== undefined ? now + retryAfter * 1000 : now + hintless429(s, key));
      s.lockouts.lock(
        key,
        until,
        limits.reason ?? (limits.exhausted ? 'quota exhausted' : 'rate limited (429)'),
      );
    }
    return;
  }
  if (status === 401 || status === 403) {
    // A signed-in account whose tokens died waits for its owner (signInState), not for a timer:
    // signing in again must make it serve at once.
    if (a.connection && rt.connections.find((c) => c.id === a.connection!.id)?.signInState) return;
    if (a.connection)
      s.lockouts.lock(lockKey(a.connection.id), now + AUTH_FAILURE_LOCK_MS, `key refused (${status})`);
    return;
  }
  // Connection errors, timeouts and 5xx count against the breaker; request errors do not.
  if (status === 0 || status === 408 || status >= 500 || r.error?.transport) s.breaker.onFailure(key);
}

/** A served attempt: the breaker closes, latency and quota count it, and a "0 left" header rests it. */
function recordSuccess(
  s: RoutingState,
  a: Attempt,
  r: AttemptResult,
  limits: RateLimitInfo,
  now: number,
): void {
  s.breaker.onSuccess(s.keyOf(a));
  if (a.connection && s.rateLimitStreak.size) {
    s.rateLimitStreak.delete(lockKey(a.connection.id, a.model));
    s.rateLimitStreak.delete(a.connection.id);
  }
  s.latency.record(a.provider.id, { latencyMs: r.latencyMs, ttfbMs: r.ttfbMs });
  settleTally(s, a);
  if (a.connection) {
    s.accountLatency.record(a.connection.id, { latencyMs: r.latencyMs, ttfbMs: r.ttfbMs });
    s.quota.record(a.connection.id, {
      requests: 1,
      tokens: (r.usage?.inputTokens ?? 0) + (r.usage?.outputTokens ?? 0),
    });
    // A success that says "0 left until T" rests the model (or the account, when the
    // limit is the account's) before the next 429.
    if (limits.lockUntil && limits.lockUntil > now)
      s.lockouts.lock(s.limitKey(a, limits.scope), limits.lockUntil, limits.reason ?? 'rate limit reached');
  }
}

/** A call forwarded on the caller's own login outside a routed request: its quota signals count. */
export function observeLoginAnswer(
  s: RoutingState,
  providerId: string,
  login: CallerLogin,
  answer: { status: number; headers: Record<string, string | string[] | undefined>; body?: unknown },
): void {
  const reading = loginKind(login.kind).readPlan(answer, s.now());
  s.plans.observe(login, providerId, reading);
  if (reading.exhaustedUntil !== undefined && !reading.modelOnly)
    s.lockouts.lock(
      lockKey(planKey(login.identity)),
      reading.exhaustedUntil,
      reading.reason ?? 'plan window exhausted',
    );
}

/**
 * A step through the caller's own login: the vendor's quota signals are the truth. Exhausted
 * (the vendor says so) skips the login until its reset; any other 429 rests only that model.
 * A refused login is the caller's to refresh: it locks nothing.
 */
function recordLoginOutcome(s: RoutingState, a: Attempt, r: AttemptResult): void {
  const login = a.login!;
  const account = planKey(login.identity);
  const now = s.now();
  const reading = loginKind(login.kind).readPlan(
    {
      status: r.status,
      headers: r.headers ?? {},
      body: (r.error as { errorBody?: unknown } | undefined)?.errorBody,
    },
    now,
  );
  s.plans.observe(login, a.provider.id, reading);
  if (r.ok) {
    s.breaker.onSuccess(account);
    s.rateLimitStreak.delete(account);
    s.latency.record(a.provider.id, { latencyMs: r.latencyMs, ttfbMs: r.ttfbMs });
    settleTally(s, a);
    return;
  }
  if (r.error?.transport === 'aborted' || r.status === 499) return;
  if (reading.exhaustedUntil !== undefined) {
    s.lockouts.lock(
      lockKey(account, reading.modelOnly ? a.model : undefined),
      reading.exhaustedUntil,
      reading.reason ?? 'plan window exhausted',
    );
    return;
  }
  if (r.status === 429) {
    const retryAfter = r.error?.retryAfter;
    s.lockouts.lock(
      lockKey(account, a.model),
      retryAfter !== undefined ? now + retryAfter * 1000 : now + hintless429(s, account),
      'rate limited (429)',
    );
    return;
  }
  if (r.status === 0 || r.status === 408 || r.status >= 500 || r.error?.transport)
    s.breaker.onFailure(account);
}

/** How long an account (or account+model) rests after a 429 that named no reset time ("equal jitter"). */
function hintless429(s: RoutingState, key: string): number {
  const streak = s.rateLimitStreak.get(key) ?? 0;
  s.rateLimitStreak.set(key, streak + 1);
  const ceiling = backoffCeiling(streak, HINTLESS_429_BACKOFF);
  return Math.round(ceiling / 2 + s.random() * (ceiling / 2));
}
