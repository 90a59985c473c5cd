import type { Attempt } from './hooks.js';
import type { RouterHost } from './host.js';
import { BudgetGuard } from './budget-guard.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { systemRandom, type Clock, type Random } from './clock.js';
import { Limiter, type Acquired } from './limiter.js';
import { lockKey, Lockouts } from './lockouts.js';
import { PriceTable } from './pricing.js';
import { PlanQuotas, planKey } from './quota/plan-quota.js';
import { QuotaTracker } from './quota/tracker.js';
import type { LimitScope } from './rate-limit-headers.js';
import { LatencyStats } from './stats.js';
import { StrategyState } from './strategies.js';

/** The least-used counts order() made for one request, settled when an attempt succeeds. */
export interface Tally {
  settled: boolean;
  /** Strategy scope → the key selectOrder counted there. */
  counted: Map<string, string>;
  stepScope: string;
}

/**
 * The routing state of one running core: circuit breakers, lockouts, quota windows, latency,
 * strategy positions, prices and budgets, all in memory. The router's parts (ordering, gating,
 * outcomes) read and change it; the Router wires it to the runtime.
 */
export class RoutingState {
  readonly now: Clock;
  readonly random: Random;
  readonly breaker: CircuitBreaker;
  readonly lockouts: Lockouts;
  readonly quota: QuotaTracker;
  /** The plans behind callers' own logins (Claude Code, Codex, Gemini CLI), as their vendors report them. */
  readonly plans: PlanQuotas;
  readonly prices = new PriceTable();
  readonly latency: LatencyStats;
  /** Per account, for power-of-two among a provider's accounts (`latency` is per provider). */
  readonly accountLatency: LatencyStats;
  readonly limiter: Limiter;
  readonly budgets: BudgetGuard;
  readonly strategyState = new StrategyState();
  readonly inFlight = new Map<string, number>();
  /** Consecutive 429s without a reset hint, per lock key (the backoff exponent). */
  readonly rateLimitStreak = new Map<string, number>();
  /** When the limiter said a skipped attempt's connection has room again. */
  readonly limiterWait = new WeakMap<Attempt, number>();
  /** Limiter slots held by attempts between beforeAttempt and afterAttempt. */
  readonly slots = new WeakMap<Attempt, Acquired>();
  readonly tallies = new WeakMap<Attempt, Tally>();

  constructor(rt: RouterHost, opts: { now?: Clock; random?: Random }) {
    const now = (this.now = opts.now ?? Date.now);
    this.random = opts.random ?? systemRandom;
    this.breaker = new CircuitBreaker({
      now,
      failureThreshold: rt.settings.breakerFailureThreshold,
      coolDownMs: rt.settings.breakerCoolDownMs,
    });
    this.lockouts = new Lockouts({ now });
    this.quota = new QuotaTracker({ now });
    this.plans = new PlanQuotas({ now });
    this.latency = new LatencyStats({ now });
    this.accountLatency = new LatencyStats({ now });
    this.limiter = new Limiter({ now });
    this.budgets = new BudgetGuard(rt, now);
  }

  /** The account an attempt spends: a stored connection, or the caller's own login. */
  accountOf(a: Attempt): string | undefined {
    return a.connection?.id ?? (a.login ? planKey(a.login.identity) : undefined);
  }

  /** What breakers, in-flight counts and strategies count an attempt under. */
  keyOf(a: Attempt): string {
    return this.accountOf(a) ?? a.provider.id;
  }

  /** What a rate limit rests: the whole connection when the upstream says so, else this model on it. */
  limitKey(a: Attempt, scope: LimitScope | undefined): string {
    return lockKey(a.connection!.id, scope === 'account' ? undefined : a.model);
  }

  /** Whether the attempt could go now; ordering puts the others last. */
  healthy(a: Attempt): boolean {
    const key = this.keyOf(a);
    if (this.breaker.state(key) === 'open') return false;
    const account = this.accountOf(a);
    if (account && this.lockouts.isAttemptLocked(account, a.model)) return false;
    if (a.connection && this.quota.exhausted(a.connection.id)) return false;
    if (a.connection?.signInState) return false;
    if (a.login && this.plans.exhaustedUntil(a.login.identity) !== undefined) return false;
    if (this.budgets.providerOver(a.provider.id)) return false;
    return true;
  }
}
