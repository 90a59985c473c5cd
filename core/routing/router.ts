import type { GatewayErrorInfo, Usage } from '../formats/canonical.js';
import type { CallerLogin } from '../providers/login/index.js';
import type { BudgetRecord } from '../store/repos/budgets.js';
import type { RequestLogEntry } from '../store/request-log.js';
import type { Budgets } from './budgets.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { Clock, Random } from './clock.js';
import { earliestRetry, skipReason } from './gate.js';
import type { Attempt, AttemptResult, Plan, RoutedProvider, RoutingHooks } from './hooks.js';
import type { RouterHost } from './host.js';
import type { Limiter } from './limiter.js';
import type { Lockouts } from './lockouts.js';
import { orderAttempts } from './order.js';
import { observeLoginAnswer, recordOutcome } from './outcomes.js';
import type { CostUsage, ModelPrice, PriceTable } from './pricing.js';
import type { PlanQuotas } from './quota/plan-quota.js';
import { presetWindows } from './quota/presets.js';
import type { QuotaTracker } from './quota/tracker.js';
import { RoutingState } from './state.js';
import type { LatencyStats } from './stats.js';

/**
 * The routing of one running core behind the gateway's RoutingHooks: it keeps the routing state
 * (state.ts) in step with the host's settings, accounts, prices and budgets, and hands each hook
 * to the part that answers it: order.ts (strategies), gate.ts (skips and Retry-After),
 * outcomes.ts (what an answer does to breakers, lockouts and quotas), budget-guard.ts. Quota
 * usage and budget spend are rebuilt from the request log at start.
 */
export class Router implements RoutingHooks {
  readonly breaker: CircuitBreaker;
  readonly lockouts: Lockouts;
  readonly quota: QuotaTracker;
  /** The plans behind callers' own logins (Claude Code, Codex, Gemini CLI), as their vendors report them. */
  readonly plans: PlanQuotas;
  readonly prices: PriceTable;
  readonly latency: LatencyStats;
  readonly limiter: Limiter;
  private readonly s: RoutingState;

  constructor(
    private readonly rt: RouterHost,
    opts: { now?: Clock; random?: Random } = {},
  ) {
    const s = (this.s = new RoutingState(rt, opts));
    this.breaker = s.breaker;
    this.lockouts = s.lockouts;
    this.quota = s.quota;
    this.plans = s.plans;
    this.prices = s.prices;
    this.latency = s.latency;
    this.limiter = s.limiter;
    this.configureQuotas();
    this.replayUsage();
    this.loadPrices();
    s.budgets.load(true);
    rt.events.on('config-changed', () => {
      this.configureQuotas();
      // Breaker settings apply to the next outcome; an open circuit keeps its retry instant.
      this.breaker.setOptions({
        failureThreshold: rt.settings.breakerFailureThreshold,
        coolDownMs: rt.settings.breakerCoolDownMs,
      });
      this.loadPrices();
      s.budgets.load(false);
    });
    this.announceChanges();
  }

  /** Spend per scope (global, provider:…, key:…) in the budget calendar; rebuilt when its zone changes. */
  get budgets(): Budgets {
    return this.s.budgets.budgets;
  }

  /** Breaker and quota changes, as the host's events (with a label people can read). */
  private announceChanges(): void {
    const rt = this.rt;
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
    const since = this.s.now() - 32 * 86_400_000;
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

  /** A budget's current period: spend so far and when it resets. */
  budgetStatus(b: Pick<BudgetRecord, 'scope' | 'period'>): {
    spentUsd: number;
    periodStart: number;
    resetsAt: number;
  } {
    return this.s.budgets.status(b);
  }

  admit(ctx: { apiKeyId?: string; model: string }): (GatewayErrorInfo & { retryAfter?: number }) | undefined {
    return this.s.budgets.refusal(ctx.apiKeyId);
  }

  order<P extends RoutedProvider>(plan: Plan<P>): Attempt<P>[] {
    const combo = plan.combo ? this.rt.combos.find((c) => c.name === plan.combo) : undefined;
    return orderAttempts(this.s, plan, combo, this.rt.settings.roundRobinStickyFor);
  }

  beforeAttempt(a: Attempt): string | undefined {
    return skipReason(this.s, a);
  }

  retryAt(skipped: Attempt[]): number | undefined {
    return earliestRetry(this.s, skipped);
  }

  afterAttempt(a: Attempt, r: AttemptResult): void {
    recordOutcome(this.s, this.rt, a, r);
  }

  loginAnswer(
    providerId: string,
    login: CallerLogin,
    answer: { status: number; headers: Record<string, string | string[] | undefined>; body?: unknown },
  ): void {
    observeLoginAnswer(this.s, providerId, login, answer);
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

  /** How many requests least-used has counted per key, for a combo (`combo:<name>`) or provider (`accounts:<id>`). */
  servedCounts(scope: string): Record<string, number> {
    return this.s.strategyState.servedCounts(scope);
  }

  finished(entry: RequestLogEntry): void {
    this.s.budgets.record(entry);
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
