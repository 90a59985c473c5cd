import type { GatewayErrorInfo, Usage } from '../formats/canonical.js';
import type { Attempt, AttemptResult, Plan, RoutedProvider, RoutingHooks } from './hooks.js';
import type { RouterHost } from './host.js';
import type { RequestLogEntry } from '../store/request-log.js';
import { scopeKey, type BudgetPeriodName, type BudgetRecord } from '../store/repos/budgets.js';
import { Budgets, keyScope, providerScope, type BudgetLimits, type BudgetPeriod } from './budgets.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { Limiter, type Acquired } from './limiter.js';
import { lockKey, Lockouts } from './lockouts.js';
import { PriceTable, type CostUsage, type ModelPrice } from './pricing.js';
import { presetWindows } from './quota/presets.js';
import { isValidTimeZone } from './quota/zoned-time.js';
import { QuotaTracker } from './quota/tracker.js';
import { mentionsRateLimit, parseRateLimit, type LimitScope } from './rate-limit-headers.js';
import { LatencyStats } from './stats.js';
import { selectOrder, StrategyState, type Candidate, type StrategyName } from './strategies.js';
import { systemRandom, type Clock, type Random } from './clock.js';
import { backoffCeiling } from './backoff.js';
import { formatUsd } from '../util/format-usd.js';
import { PlanQuotas, planKey } from './quota/plan-quota.js';
import { loginKind, type CallerLogin } from '../providers/login/index.js';

/** How long an account is set aside after its key was refused (401/403), when no header says. */
const AUTH_FAILURE_LOCK_MS = 10 * 60_000;
/**
 * 429 without any reset hint: the account rests for an exponentially growing, jittered while
 * (15–30 s, then 30–60 s, … up to 5–10 min) rather than being hammered; a success resets it.
 */
const HINTLESS_429_BACKOFF = { baseMs: 30_000, maxMs: 600_000 };

const PERIOD: Record<BudgetPeriodName, BudgetPeriod> = { day: 'daily', week: 'weekly', month: 'monthly' };
const LIMIT_FIELD: Record<BudgetPeriodName, keyof BudgetLimits> = {
  day: 'dailyUsd',
  week: 'weeklyUsd',
  month: 'monthlyUsd',
};
const PERIOD_WORD: Record<BudgetPeriodName, string> = { day: 'daily', week: 'weekly', month: 'monthly' };

/** The least-used counts order() made for one request, settled when an attempt succeeds. */
interface Tally {
  settled: boolean;
  /** Strategy scope → the key selectOrder counted there. */
  counted: Map<string, string>;
  stepScope: string;
}

/**
 * The routing state of one running core: circuit breakers, lockouts, quota windows, latency,
 * strategy positions and prices, behind the gateway's RoutingHooks. All in memory; quota usage
 * is rebuilt from the request log at start.
 */
export class Router implements RoutingHooks {
  readonly breaker: CircuitBreaker;
  readonly lockouts: Lockouts;
  readonly quota: QuotaTracker;
  /** The plans behind callers' own logins (Claude Code, Codex, Gemini CLI), as their vendors report them. */
  readonly plans: PlanQuotas;
  readonly prices = new PriceTable();
  readonly latency: LatencyStats;
  readonly limiter: Limiter;
  /** Spend per scope (global, provider:…, key:…) in the budget calendar; rebuilt when its zone changes. */
  budgets!: Budgets;
  private budgetsActive = false;
  private readonly strategyState = new StrategyState();
  private readonly inFlight = new Map<string, number>();
  /** Consecutive 429s without a reset hint, per lock key (the backoff exponent). */
  private readonly rateLimitStreak = new Map<string, number>();
  /** Per account, for power-of-two among a provider's accounts (`latency` is per provider). */
  private readonly accountLatency: LatencyStats;
  private readonly now: Clock;
  private readonly random: Random;
  /** When the limiter said a skipped attempt's connection has room again. */
  private readonly limiterWait = new WeakMap<Attempt, number>();
  /** Limiter slots held by attempts between beforeAttempt and afterAttempt. */
  private readonly slots = new WeakMap<Attempt, Acquired>();
  private readonly tallies = new WeakMap<Attempt, Tally>();
  private budgetZone = '';
  private budgetList: BudgetRecord[] = [];
  private blockByScope = new Map<string, BudgetRecord[]>();
  private keyNames = new Map<string, string>();
  /** `action:budgetId@periodStart` of budgets whose crossing was already announced this period. */
  private readonly announced = new Set<string>();

  constructor(
    private readonly rt: RouterHost,
    opts: { now?: Clock; random?: Random } = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? systemRandom;
    const s = rt.settings;
    this.breaker = new CircuitBreaker({
      now: this.now,
      failureThreshold: s.breakerFailureThreshold,
      coolDownMs: s.breakerCoolDownMs,
    });
    this.lockouts = new Lockouts({ now: this.now });
    this.quota = new QuotaTracker({ now: this.now });
    this.plans = new PlanQuotas({ now: this.now });
    this.latency = new LatencyStats({ now: this.now });
    this.accountLatency = new LatencyStats({ now: this.now });
    this.limiter = new Limiter({ now: this.now });
    this.configureQuotas();
    this.replayUsage();
    this.loadPrices();
    this.loadBudgets(true);
    rt.events.on('config-changed', () => {
      this.configureQuotas();
      // Breaker settings apply to the next outcome; an open circuit keeps its retry instant.
      this.breaker.setOptions({
        failureThreshold: rt.settings.breakerFailureThreshold,
        coolDownMs: rt.settings.breakerCoolDownMs,
      });
      this.loadPrices();
      this.loadBudgets(false);
    });
    this.breaker.onChange((t) => {
      const conn = rt.connections.find((c) => c.id === t.key);
      const providerId = conn?.providerId ?? t.key;
      rt.events.emit('circuit-changed', {
        key: t.key,
        providerId,
        connectionId: conn?.id,
        label: conn ? `${conn.providerId}/${conn.name}` : t.key,
        from: t.from,
        to: t.to,
        retryAt: t.retryAt,
      });
    });
    this.plans.onChange((e) =>
      rt.events.emit('quota-changed', {
        type: e.type,
        connectionId: e.key,
        label: e.label,
        windowId: e.windowId,
        used: e.usedPct,
        limit: 100,
        resetsAt: e.resetsAt,
        at: e.at,
      }),
    );
    this.quota.onChange((e) => {
      const conn = rt.connections.find((c) => c.id === e.connectionId);
      rt.events.emit('quota-changed', {
        ...e,
        label: conn ? `${conn.providerId}/${conn.name}` : e.connectionId,
      });
    });
  }

  /** Applies each connection's quota config (preset and/or windows). */
  configureQuotas(): void {
    const known = new Set<string>();
    for (const c of this.rt.connections) {
      const q = this.rt.connectionQuota(c.id);
      if (!q || (!q.preset && !q.windows?.length)) {
        if (this.quota.windows(c.id).length) this.quota.remove(c.id);
        continue;
      }
      const windows = q.preset ? presetWindows(q.preset, q.windows ?? []) : (q.windows ?? []);
      this.quota.configure(c.id, windows);
      known.add(c.id);
    }
    for (const id of this.quota.connections()) if (!known.has(id)) this.quota.remove(id);
  }

  /** Quota usage survives restarts: it is rebuilt from the request log of the last 32 days. */
  private replayUsage(): void {
    const configured = new Set(this.quota.connections());
    if (configured.size === 0) return;
    const since = this.now() - 32 * 86_400_000;
    for (const r of this.rt.store.requestLog.servedSince(since))
      if (configured.has(r.connectionId))
        this.quota.record(r.connectionId, { requests: 1, tokens: r.tokens }, r.ts);
  }

  /** Price overrides from the store replace the previous ones (and the cost memo). */
  private loadPrices(): void {
    const table: Record<string, ModelPrice> = {};
    for (const o of this.rt.store.prices.list()) {
      const price: ModelPrice = { input: o.inputPerMTok, output: o.outputPerMTok };
      if (o.cachedInputPerMTok !== undefined) price.cachedInput = o.cachedInputPerMTok;
      if (o.cacheWritePerMTok !== undefined) price.cacheWrite = o.cacheWritePerMTok;
      // The price table's provider-specific spelling: `provider/model` is looked up first.
      table[o.providerId ? `${o.providerId}/${o.model}` : o.model] = price;
    }
    this.prices.replaceOverrides(table);
  }

  /** The zone budget periods start in: the setting, else this machine's (an invalid name too). */
  private budgetTimeZone(): string {
    const z = this.rt.settings.budgetTimeZone;
    if (z && isValidTimeZone(z)) return z;
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }

  private loadBudgets(starting: boolean): void {
    const list = this.rt.store.budgets.list();
    if (list.length === 0) {
      // No budget, no spend tracking: the first budget rebuilds its spend from the log, and
      // time-zone math (ICU, ~15 ms at first use) stays off the start-up path.
      this.budgetsActive = false;
      this.budgetList = [];
      this.blockByScope = new Map();
      this.keyNames = new Map();
      return;
    }
    const zone = this.budgetTimeZone();
    if (starting || !this.budgetsActive || zone !== this.budgetZone) {
      this.budgetZone = zone;
      this.budgets = new Budgets({ now: this.now, calendar: { timeZone: zone } });
      this.replaySpend();
    }
    this.budgetsActive = true;
    const limits = new Map<string, BudgetLimits>();
    const block = new Map<string, BudgetRecord[]>();
    for (const b of list) {
      const key = scopeKey(b.scope);
      const l = limits.get(key) ?? {};
      l[LIMIT_FIELD[b.period]] = b.limitUsd;
      limits.set(key, l);
      if (b.action === 'block') block.set(key, [...(block.get(key) ?? []), b]);
    }
    for (const old of this.budgetList) {
      const key = scopeKey(old.scope);
      if (!limits.has(key)) this.budgets.remove(key);
    }
    for (const [key, l] of limits) this.budgets.set(key, l);
    this.budgetList = list;
    this.blockByScope = block;
    this.keyNames = new Map(
      list.some((b) => b.scope.kind === 'key') ? this.rt.store.apiKeys.list().map((k) => [k.id, k.name]) : [],
    );
    // A crossing that happened before this process started was announced then.
    if (starting)
      for (const b of list) {
        const st = this.budgetStatus(b);
        if (st.spentUsd >= b.limitUsd) this.announced.add(`${b.action}:${b.id}@${st.periodStart}`);
      }
  }

  /** Budget spend survives restarts: each scope's current periods are summed from the request log. */
  private replaySpend(): void {
    for (const period of ['daily', 'weekly', 'monthly'] as const) {
      const { start } = this.budgets.periodBounds(period);
      const totals = new Map<string, number>();
      const add = (scope: string, usd: number) => totals.set(scope, (totals.get(scope) ?? 0) + usd);
      for (const r of this.rt.store.requestLog.spendSince(start)) {
        add('global', r.usd);
        if (r.providerId) add(providerScope(r.providerId), r.usd);
        if (r.apiKeyId) add(keyScope(r.apiKeyId), r.usd);
      }
      for (const [scope, usd] of totals) this.budgets.restore(scope, period, usd);
    }
  }

  /** A budget's current period: spend so far and when it resets. */
  budgetStatus(b: Pick<BudgetRecord, 'scope' | 'period'>): {
    spentUsd: number;
    periodStart: number;
    resetsAt: number;
  } {
    return this.budgets.periodSpend(scopeKey(b.scope), PERIOD[b.period]);
  }

  /** The first `block` budget of `scope` whose spend has reached its limit. */
  private exhausted(scope: string): { budget: BudgetRecord; spentUsd: number; resetsAt: number } | undefined {
    const list = this.blockByScope.get(scope);
    if (!list) return undefined;
    for (const budget of list) {
      const st = this.budgetStatus(budget);
      if (st.spentUsd >= budget.limitUsd) return { budget, spentUsd: st.spentUsd, resetsAt: st.resetsAt };
    }
    return undefined;
  }

  private budgetLabel(b: BudgetRecord): string {
    if (b.scope.kind === 'global') return 'global';
    if (b.scope.kind === 'provider') return `provider ${b.scope.id}`;
    return `key "${this.keyNames.get(b.scope.id) ?? b.scope.id}"`;
  }

  /** The account an attempt spends: a stored connection, or the caller's own login. */
  private accountOf(a: Attempt): string | undefined {
    return a.connection?.id ?? (a.login ? planKey(a.login.identity) : undefined);
  }

  private keyOf(a: Attempt): string {
    return this.accountOf(a) ?? a.provider.id;
  }

  /** What a rate limit rests: the whole connection when the upstream says so, else this model on it. */
  private limitKey(a: Attempt, scope: LimitScope | undefined): string {
    return lockKey(a.connection!.id, scope === 'account' ? undefined : a.model);
  }

  private healthy(a: Attempt): boolean {
    const key = this.keyOf(a);
    if (this.breaker.state(key) === 'open') return false;
    const account = this.accountOf(a);
    if (account && this.lockouts.isAttemptLocked(account, a.model)) return false;
    if (a.connection && this.quota.exhausted(a.connection.id)) return false;
    if (a.connection?.signInState) return false;
    if (a.login && this.plans.exhaustedUntil(a.login.identity) !== undefined) return false;
    if (this.blockByScope.size && this.exhausted(providerScope(a.provider.id))) return false;
    return true;
  }

  /** How long an account (or account+model) rests after a 429 that named no reset time ("equal jitter"). */
  private hintless429(key: string): number {
    const streak = this.rateLimitStreak.get(key) ?? 0;
    this.rateLimitStreak.set(key, streak + 1);
    const ceiling = backoffCeiling(streak, HINTLESS_429_BACKOFF);
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  admit(ctx: { apiKeyId?: string; model: string }): (GatewayErrorInfo & { retryAfter?: number }) | undefined {
    if (this.blockByScope.size === 0) return undefined;
    const over =
      this.exhausted('global') ?? (ctx.apiKeyId ? this.exhausted(keyScope(ctx.apiKeyId)) : undefined);
    if (!over) return undefined;
    const { budget, spentUsd, resetsAt } = over;
    return {
      status: 429,
      // quota_exhausted: agents treat it as "stop", not as a rate limit to retry in a second.
      kind: 'quota_exhausted',
      message:
        `Budget exceeded: the ${this.budgetLabel(budget)} ${PERIOD_WORD[budget.period]} budget of ` +
        `${formatUsd(budget.limitUsd)} is spent (${formatUsd(spentUsd)}); it resets at ` +
        `${new Date(resetsAt).toISOString()}.`,
      retryAfter: Math.max(1, Math.ceil((resetsAt - this.now()) / 1000)),
    };
  }

  order<P extends RoutedProvider>(plan: Plan<P>): Attempt<P>[] {
    // One attempt has one order, and no strategy counts a choice that was not made: the common
    // direct request (one provider, one account) skips the candidate bookkeeping below.
    if (plan.attempts.length === 1) return plan.attempts;
    // Steps follow the combo's strategy, accounts within a step their provider's account
    // strategy; unhealthy ones go last either way, so a locked or broken account is only a
    // last resort.
    const steps: Array<{ key: string; attempts: Attempt<P>[] }> = [];
    for (const a of plan.attempts) {
      const last = steps.at(-1);
      if (last && last.key === a.step) last.attempts.push(a);
      else steps.push({ key: a.step, attempts: [a] });
    }
    const combo = plan.combo ? this.rt.combos.find((c) => c.name === plan.combo) : undefined;
    const strategy = (combo?.strategy ?? 'fill-first') as StrategyName;
    const stickyFor = this.rt.settings.roundRobinStickyFor;
    const tally: Tally = {
      settled: false,
      counted: new Map(),
      stepScope: `combo:${plan.combo ?? plan.requested}`,
    };
    // Only what the strategy reads is computed: latency percentiles and price lookups are not free.
    const stepCandidates = steps.map((s, i) => {
      const first = s.attempts[0]!;
      const p2c = strategy === 'power-of-two';
      const latency = p2c ? this.latency.get(first.provider.id).latency : undefined;
      return {
        key: s.key,
        priority: i,
        weight: combo?.weights?.[s.key],
        healthy: s.attempts.some((a) => this.healthy(a)),
        inFlight: s.attempts.reduce((n, a) => n + (this.inFlight.get(this.keyOf(a)) ?? 0), 0),
        recentFailures: p2c
          ? Math.min(...s.attempts.map((a) => this.breaker.consecutiveFailures(this.keyOf(a))))
          : undefined,
        costPerMTok:
          strategy === 'cost-optimized'
            ? this.prices.blendedPerMTok(first.model, first.provider.id)
            : undefined,
        latencyMs: latency?.count ? latency.p50 : undefined,
        attempts: s.attempts,
      } satisfies Candidate & { attempts: Attempt<P>[] };
    });
    const orderedSteps =
      steps.length > 1
        ? selectOrder(strategy, stepCandidates, this.strategyState, { scope: tally.stepScope, stickyFor })
        : stepCandidates;
    if (strategy === 'least-used' && steps.length > 1 && orderedSteps[0]?.healthy)
      tally.counted.set(tally.stepScope, orderedSteps[0].key);

    // A provider met again in a later step (another model) reuses this request's account
    // order, so round-robin and least-used advance once per request, not once per step.
    const decided = new Map<string, Map<string, number>>();
    const out: Attempt<P>[] = [];
    for (const s of orderedSteps) {
      const provider = s.attempts[0]!.provider;
      const accountStrategy = (provider.accountStrategy ?? 'fill-first') as StrategyName;
      const p2c = accountStrategy === 'power-of-two';
      const accounts = s.attempts.map((a, i) => {
        const key = this.keyOf(a);
        const latency = p2c ? this.accountLatency.get(key).latency : undefined;
        return {
          key,
          priority: a.connection?.priority ?? i,
          weight: a.connection?.weight,
          healthy: this.healthy(a),
          inFlight: this.inFlight.get(key) ?? 0,
          recentFailures: p2c ? this.breaker.consecutiveFailures(key) : undefined,
          latencyMs: latency?.count ? latency.p50 : undefined,
          attempt: a,
        } satisfies Candidate & { attempt: Attempt<P> };
      });
      let ordered = accounts;
      const rank = decided.get(provider.id);
      if (accounts.length > 1 && rank) {
        ordered = [...accounts].sort(
          (x, y) =>
            Number(!x.healthy) - Number(!y.healthy) || (rank.get(x.key) ?? 0) - (rank.get(y.key) ?? 0),
        );
      } else if (accounts.length > 1) {
        const scope = `accounts:${provider.id}`;
        ordered = selectOrder(accountStrategy, accounts, this.strategyState, { scope, stickyFor });
        decided.set(provider.id, new Map(ordered.map((a, i) => [a.key, i])));
        if (accountStrategy === 'least-used' && ordered[0]?.healthy) tally.counted.set(scope, ordered[0].key);
      }
      for (const a of ordered) out.push(a.attempt);
    }
    if (tally.counted.size) for (const a of out) this.tallies.set(a, tally);
    return out;
  }

  beforeAttempt(a: Attempt): string | undefined {
    const account = this.accountOf(a);
    if (a.login) {
      const until = this.plans.exhaustedUntil(a.login.identity);
      if (until !== undefined) return `plan window exhausted until ${new Date(until).toISOString()}`;
    }
    if (account) {
      const whole = this.lockouts.get(lockKey(account));
      const model = this.lockouts.get(lockKey(account, a.model));
      // Both must pass: the later one is the one to name.
      const lock = whole && (!model || whole.until >= model.until) ? whole : model;
      if (lock) return lockSkipReason(lock, lock === whole ? undefined : a.model);
    }
    if (a.connection?.signInState)
      return a.connection.signInState === 'sign-in-again'
        ? 'sign in again (its refresh token is no longer valid)'
        : 'ChatGPT plan usage was not allowed at sign-in';
    if (a.connection) {
      if (this.quota.exhausted(a.connection.id)) {
        const at = this.quota.availableAt(a.connection.id);
        return `quota exhausted${at ? ` until ${new Date(at).toISOString()}` : ''}`;
      }
    }
    if (this.blockByScope.size) {
      const over = this.exhausted(providerScope(a.provider.id));
      if (over)
        return `over budget (${this.budgetLabel(over.budget)}, ${PERIOD_WORD[over.budget.period]} ${formatUsd(over.spentUsd)} of ${formatUsd(over.budget.limitUsd)}, resets ${new Date(over.resetsAt).toISOString()})`;
    }
    const k = this.keyOf(a);
    // Without side effects first; canPass (below) may take a half-open probe slot.
    if (this.breaker.state(k) === 'open') return 'circuit open';
    let slot: Acquired | undefined;
    const limits = a.connection?.limits;
    if (a.connection && limits) {
      const r = this.limiter.tryAcquire(a.connection.id, limits);
      if (!r.ok) {
        this.limiterWait.set(a, this.now() + r.retryInMs);
        return `rate limit (${r.reason}) — retry in ${(r.retryInMs / 1000).toFixed(1)} s`;
      }
      slot = r;
    }
    // Last: in half-open this takes a trial slot, so only when the request will really go.
    if (!this.breaker.canPass(k)) {
      // Never sent: the limiter start is taken back, not just released.
      slot?.cancel();
      return 'circuit open';
    }
    if (slot) this.slots.set(a, slot);
    this.inFlight.set(k, (this.inFlight.get(k) ?? 0) + 1);
    return undefined;
  }

  retryAt(skipped: Attempt[]): number | undefined {
    let earliest: number | undefined;
    for (const a of skipped) {
      // Waits for its user (a sign-in, a login the caller did not send): never back by itself,
      // and no reason to refuse the others' Retry-After.
      if ((a.provider.login && !a.login) || a.connection?.signInState) continue;
      const t = this.restingUntil(a);
      // Skipped for something that is not a rest (an open circuit): not a rate limit to wait out.
      if (t === undefined) return undefined;
      if (earliest === undefined || t < earliest) earliest = t;
    }
    return earliest;
  }

  /** When every reason this attempt rests for has passed; undefined when it does not rest. */
  private restingUntil(a: Attempt): number | undefined {
    const now = this.now();
    const times: Array<number | undefined> = [];
    const account = this.accountOf(a);
    if (account)
      times.push(
        this.lockouts.lockedUntil(lockKey(account)),
        this.lockouts.lockedUntil(lockKey(account, a.model)),
      );
    if (a.login) times.push(this.plans.exhaustedUntil(a.login.identity));
    if (a.connection && this.quota.exhausted(a.connection.id))
      times.push(this.quota.availableAt(a.connection.id));
    if (this.blockByScope.size) times.push(this.exhausted(providerScope(a.provider.id))?.resetsAt);
    // The connection's own limits (rpm, gap, concurrency), as beforeAttempt found them.
    times.push(this.limiterWait.get(a));
    // Resting means all of these have passed: the latest of them.
    let until: number | undefined;
    for (const t of times) if (t !== undefined && t > now && (until === undefined || t > until)) until = t;
    return until;
  }

  afterAttempt(a: Attempt, r: AttemptResult): void {
    const key = this.keyOf(a);
    const slot = this.slots.get(a);
    if (slot) {
      this.slots.delete(a);
      slot.release();
    }
    this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
    if (a.login) return this.afterLoginAttempt(a, r);
    const now = this.now();
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
    if (r.ok) {
      this.breaker.onSuccess(key);
      if (a.connection && this.rateLimitStreak.size) {
        this.rateLimitStreak.delete(lockKey(a.connection.id, a.model));
        this.rateLimitStreak.delete(a.connection.id);
      }
      this.latency.record(a.provider.id, { latencyMs: r.latencyMs, ttfbMs: r.ttfbMs });
      this.settleTally(a);
      if (a.connection) {
        this.accountLatency.record(a.connection.id, { latencyMs: r.latencyMs, ttfbMs: r.ttfbMs });
        this.quota.record(a.connection.id, {
          requests: 1,
          tokens: (r.usage?.inputTokens ?? 0) + (r.usage?.outputTokens ?? 0),
        });
        // A success that says "0 left until T" rests the model (or the account, when the
        // limit is the account's) before the next 429.
        if (limits.lockUntil && limits.lockUntil > now)
          this.lockouts.lock(
            this.limitKey(a, limits.scope),
            limits.lockUntil,
            limits.reason ?? 'rate limit reached',
          );
      }
      return;
    }
    const status = r.status;
    // The caller went away: nothing is wrong with the provider.
    if (r.error?.transport === 'aborted' || status === 499) return;
    if (status === 429 || r.error?.kind === 'quota_exhausted' || r.error?.kind === 'rate_limit') {
      if (a.connection) {
        // The (account, model) pair rests unless the upstream said the limit is the account's:
        // one model's per-minute quota must not stop the account's other models.
        const key = this.limitKey(a, limits.scope);
        const retryAfter = r.error?.retryAfter;
        const until =
          limits.lockUntil ??
          (retryAfter !== undefined ? now + retryAfter * 1000 : now + this.hintless429(key));
        this.lockouts.lock(
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
      if (a.connection && this.rt.connections.find((c) => c.id === a.connection!.id)?.signInState) return;
      if (a.connection)
        this.lockouts.lock(lockKey(a.connection.id), now + AUTH_FAILURE_LOCK_MS, `key refused (${status})`);
      return;
    }
    // Connection errors, timeouts and 5xx count against the breaker; request errors do not.
    if (status === 0 || status === 408 || status >= 500 || r.error?.transport) this.breaker.onFailure(key);
  }

  loginAnswer(
    providerId: string,
    login: CallerLogin,
    answer: { status: number; headers: Record<string, string | string[] | undefined>; body?: unknown },
  ): void {
    const reading = loginKind(login.kind).readPlan(answer, this.now());
    this.plans.observe(login, providerId, reading);
    if (reading.exhaustedUntil !== undefined && !reading.modelOnly)
      this.lockouts.lock(
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
  private afterLoginAttempt(a: Attempt, r: AttemptResult): void {
    const login = a.login!;
    const account = planKey(login.identity);
    const now = this.now();
    const reading = loginKind(login.kind).readPlan(
      {
        status: r.status,
        headers: r.headers ?? {},
        body: (r.error as { errorBody?: unknown } | undefined)?.errorBody,
      },
      now,
    );
    this.plans.observe(login, a.provider.id, reading);
    if (r.ok) {
      this.breaker.onSuccess(account);
      this.rateLimitStreak.delete(account);
      this.latency.record(a.provider.id, { latencyMs: r.latencyMs, ttfbMs: r.ttfbMs });
      this.settleTally(a);
      return;
    }
    if (r.error?.transport === 'aborted' || r.status === 499) return;
    if (reading.exhaustedUntil !== undefined) {
      this.lockouts.lock(
        lockKey(account, reading.modelOnly ? a.model : undefined),
        reading.exhaustedUntil,
        reading.reason ?? 'plan window exhausted',
      );
      return;
    }
    if (r.status === 429) {
      const retryAfter = r.error?.retryAfter;
      this.lockouts.lock(
        lockKey(account, a.model),
        retryAfter !== undefined ? now + retryAfter * 1000 : now + this.hintless429(account),
        'rate limited (429)',
      );
      return;
    }
    if (r.status === 0 || r.status === 408 || r.status >= 500 || r.error?.transport)
      this.breaker.onFailure(account);
  }

  cost(
    model: string | undefined,
    providerId: string | undefined,
    usage: Partial<Usage> | undefined,
  ): number | undefined {
    // Non-token units (images, audio seconds, characters, searches) are priced too.
    const u = usage as (Partial<Usage> & Omit<CostUsage, 'inputTokens' | 'outputTokens'>) | undefined;
    const units = u && (u.images ?? u.audioSeconds ?? u.characters ?? u.searches);
    if (!model || !u || (u.inputTokens === undefined && units === undefined)) return undefined;
    // A plan the user already pays for (a login passed through, a signed-in ChatGPT plan) costs
    // nothing per request: counting API prices would be dishonest and would spend budgets.
    const provider = providerId ? this.rt.provider(providerId) : undefined;
    if (provider?.login || provider?.signIn) return 0;
    return this.prices.costUsd(
      model,
      {
        inputTokens: u.inputTokens ?? 0,
        outputTokens: u.outputTokens ?? 0,
        cachedInputTokens: u.cachedInputTokens,
        cacheCreationInputTokens: u.cacheCreationInputTokens,
        reasoningTokens: u.reasoningTokens,
        images: u.images,
        audioSeconds: u.audioSeconds,
        characters: u.characters,
        searches: u.searches,
      },
      providerId,
    );
  }

  /**
   * Least-used counts the account (and step) it put first; when another one served the
   * request, the count moves there, and a provider that was never reached gives its count back.
   */
  private settleTally(a: Attempt): void {
    const t = this.tallies.get(a);
    if (!t || t.settled) return;
    t.settled = true;
    const accountScope = `accounts:${a.provider.id}`;
    for (const [scope, counted] of t.counted) {
      const served = scope === t.stepScope ? a.step : scope === accountScope ? this.keyOf(a) : undefined;
      if (served === undefined) this.strategyState.uncount(scope, counted);
      else if (served !== counted) this.strategyState.noteServed(scope, served, counted);
    }
  }

  /** How many requests least-used has counted per key, for a combo (`combo:<name>`) or provider (`accounts:<id>`). */
  servedCounts(scope: string): Record<string, number> {
    return this.strategyState.servedCounts(scope);
  }

  finished(entry: RequestLogEntry): void {
    const cost = entry.costUsd;
    if (!this.budgetsActive || !(cost !== undefined && cost > 0)) return;
    const scopes = ['global'];
    if (entry.providerId) scopes.push(providerScope(entry.providerId));
    if (entry.apiKeyId) scopes.push(keyScope(entry.apiKeyId));
    for (const scope of scopes) this.budgets.record(scope, cost, entry.ts);
    // Announced once per budget, action and period: a warn budget's warning, a block budget's
    // exhaustion (the request that crossed it was already admitted; the next ones are not).
    for (const b of this.budgetList) {
      if (!scopes.includes(scopeKey(b.scope))) continue;
      const st = this.budgetStatus(b);
      const mark = `${b.action}:${b.id}@${st.periodStart}`;
      if (st.spentUsd < b.limitUsd || this.announced.has(mark)) continue;
      this.announced.add(mark);
      this.rt.events.emit(b.action === 'block' ? 'budget-exhausted' : 'budget-warning', {
        budgetId: b.id,
        scope: b.scope,
        period: b.period,
        spentUsd: st.spentUsd,
        limitUsd: b.limitUsd,
        resetsAt: st.resetsAt,
      });
    }
  }

  /** Closes breakers and clears lockouts, for one provider/connection or all. */
  reset(scope: { providerId?: string; connectionId?: string } = {}): number {
    let n = 0;
    for (const b of this.breaker.snapshot()) {
      const conn = this.rt.connections.find((c) => c.id === b.key);
      const provider = conn?.providerId ?? b.key;
      if (
        (scope.connectionId && b.key !== scope.connectionId) ||
        (scope.providerId && provider !== scope.providerId)
      )
        continue;
      this.breaker.reset(b.key);
      n++;
    }
    for (const l of this.lockouts.snapshot()) {
      const connectionId = l.key.split('#')[0]!;
      const conn = this.rt.connections.find((c) => c.id === connectionId);
      if (
        (scope.connectionId && connectionId !== scope.connectionId) ||
        (scope.providerId && conn?.providerId !== scope.providerId)
      )
        continue;
      this.lockouts.unlock(l.key);
      n++;
    }
    return n;
  }
}

/** A lockout as a skip reason: until when, and whether the whole account or one model rests. */
function lockSkipReason(lock: { until: number; reason: string }, model: string | undefined): string {
  const until = new Date(lock.until).toISOString();
  const scope = model === undefined ? 'whole account' : `model ${model} only`;
  if (lock.reason.startsWith('key refused')) return `${lock.reason}: set aside until ${until} (${scope})`;
  return `rate limited until ${until} (${scope}: ${lock.reason})`;
}
