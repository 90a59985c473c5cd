import type { Attempt } from './hooks.js';
import type { Acquired } from './limiter.js';
import { lockKey } from './lockouts.js';
import type { RoutingState } from './state.js';

/**
 * A reason to skip this attempt without calling it, or undefined to go ahead: then it holds a
 * limiter slot and an in-flight count until its outcome is recorded (outcomes.ts).
 */
export function skipReason(s: RoutingState, a: Attempt): string | undefined {
  const account = s.accountOf(a);
  if (a.login) {
    const until = s.plans.exhaustedUntil(a.login.identity);
    if (until !== undefined) return `plan window exhausted until ${new Date(until).toISOString()}`;
  }
  if (account) {
    const whole = s.lockouts.get(lockKey(account));
    const model = s.lockouts.get(lockKey(account, a.model));
    // Both must pass: the later one is the one to name.
    const lock = whole && (!model || whole.until >= model.until) ? whole : model;
    if (lock) return lockSkipReason(lock, lock === whole ? undefined : a.model);
  }
  if (a.connection?.signInState)
    return a.connection.signInState === 'sign-in-again'
      ? 'sign in again (its refresh token is no longer valid)'
      : 'ChatGPT plan usage was not allowed at sign-in';
  if (a.connection) {
    if (s.quota.exhausted(a.connection.id)) {
      const at = s.quota.availableAt(a.connection.id);
      return `quota exhausted${at ? ` until ${new Date(at).toISOString()}` : ''}`;
    }
  }
  const overBudget = s.budgets.skipReason(a.provider.id);
  if (overBudget) return overBudget;
  const k = s.keyOf(a);
  // Without side effects first; canPass (below) may take a half-open probe slot.
  if (s.breaker.state(k) === 'open') return 'circuit open';
  let slot: Acquired | undefined;
  const limits = a.connection?.limits;
  if (a.connection && limits) {
    const r = s.limiter.tryAcquire(a.connection.id, limits);
    if (!r.ok) {
      s.limiterWait.set(a, s.now() + r.retryInMs);
      return `rate limit (${r.reason}) — retry in ${(r.retryInMs / 1000).toFixed(1)} s`;
    }
    slot = r;
  }
  // Last: in half-open this takes a trial slot, so only when the request will really go.
  if (!s.breaker.canPass(k)) {
    // Never sent: the limiter start is taken back, not just released.
    slot?.cancel();
    return 'circuit open';
  }
  if (slot) s.slots.set(a, slot);
  s.inFlight.set(k, (s.inFlight.get(k) ?? 0) + 1);
  return undefined;
}

/**
 * The earliest instant one of the skipped attempts can be tried again, when each one rests;
 * undefined when one was skipped for anything else.
 */
export function earliestRetry(s: RoutingState, skipped: Attempt[]): number | undefined {
  let earliest: number | undefined;
  for (const a of skipped) {
    // Waits for its user (a sign-in, a login the caller did not send): never back by itself,
    // and no reason to refuse the others' Retry-After.
    if ((a.provider.login && !a.login) || a.connection?.signInState) continue;
    const t = restingUntil(s, a);
    // Skipped for something that is not a rest (an open circuit): not a rate limit to wait out.
    if (t === undefined) return undefined;
    if (earliest === undefined || t < earliest) earliest = t;
  }
  return earliest;
}

/** When every reason this attempt rests for has passed; undefined when it does not rest. */
function restingUntil(s: RoutingState, a: Attempt): number | undefined {
  const now = s.now();
  const times: Array<number | undefined> = [];
  const account = s.accountOf(a);
  if (account)
    times.push(s.lockouts.lockedUntil(lockKey(account)), s.lockouts.lockedUntil(lockKey(account, a.model)));
  if (a.login) times.push(s.plans.exhaustedUntil(a.login.identity));
  if (a.connection && s.quota.exhausted(a.connection.id)) times.push(s.quota.availableAt(a.connection.id));
  times.push(s.budgets.providerOver(a.provider.id)?.resetsAt);
  // The connection's own limits (rpm, gap, concurrency), as beforeAttempt found them.
  times.push(s.limiterWait.get(a));
  // Resting means all of these have passed: the latest of them.
  let until: number | undefined;
  for (const t of times) if (t !== undefined && t > now && (until === undefined || t > until)) until = t;
  return until;
}

/** A lockout as a skip reason: until when, and whether the whole account or one model rests. */
function lockSkipReason(lock: { until: number; reason: string }, model: string | undefined): string {
  const until = new Date(lock.until).toISOString();
  const scope = model === undefined ? 'whole account' : `model ${model} only`;
  if (lock.reason.startsWith('key refused')) return `${lock.reason}: set aside until ${until} (${scope})`;
  return `rate limited until ${until} (${scope}: ${lock.reason})`;
}
