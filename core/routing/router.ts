import type { GatewayErrorInfo, Usage } from '../formats/canonical.js';
import type { AttemptResult, RoutingHooks } from '../gateway/hooks.js';
import type { Attempt, Plan } from '../gateway/resolve.js';
import type { Runtime } from '../runtime/runtime.js';
import type { RequestLogEntry } from '../store/request-log.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { lockKey, Lockouts } from './lockouts.js';
import { PriceTable } from './pricing.js';
import { presetWindows } from './quota/presets.js';
import { QuotaTracker } from './quota/tracker.js';
import type { QuotaWindow } from './quota/windows.js';
import { parseRateLimit } from './rate-limit-headers.js';
import { LatencyStats } from './stats.js';
import { selectOrder, StrategyState, type Candidate, type StrategyName } from './strategies.js';
import type { Clock } from './clock.js';

/** A connection's quota as configured: a preset, explicit windows, or both (windows override by id). */
export interface QuotaConfig {
  preset?: string;
  windows?: QuotaWindow[];
}

/** How long an account is set aside after its key was refused (401/403), when no header says. */
const AUTH_FAILURE_LOCK_MS = 10 * 60_000;
/** 429 without any reset hint: a short cool-down rather than hammering the account. */
const DEFAULT_RATE_LIMIT_LOCK_MS = 30_000;

/**
 * The routing state of one running core: circuit breakers, lockouts, quota windows, latency,
 * strategy positions and prices, behind the gateway's RoutingHooks. All in memory; quota usage
 * is rebuilt from the request log at start.
 */
export class Router implements RoutingHooks {
  readonly breaker: CircuitBreaker;
  readonly lockouts: Lockouts;
  readonly quota: QuotaTracker;
  readonly prices = new PriceTable();
  readonly latency: LatencyStats;
  private readonly strategyState = new StrategyState();
  private readonly inFlight = new Map<string, number>();
  private readonly now: Clock;

  constructor(
    private readonly rt: Runtime,
    opts: { now?: Clock } = {},
  ) {
    this.now = opts.now ?? Date.now;
    const s = rt.settings;
    this.breaker = new CircuitBreaker({
      now: this.now,
      failureThreshold: s.breakerFailureThreshold,
      coolDownMs: s.breakerCoolDownMs,
    });
    this.lockouts = new Lockouts({ now: this.now });
    this.quota = new QuotaTracker({ now: this.now });
    this.latency = new LatencyStats({ now: this.now });
    this.configureQuotas();
    this.replayUsage();
    rt.events.on('config-changed', () => this.configureQuotas());
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
    const rows = this.rt.store.db
      .prepare(
        `SELECT connection_id AS c, ts, COALESCE(input_tokens, 0) + COALESCE(output_tokens, 0) AS t
         FROM request_log WHERE ts > ? AND connection_id IS NOT NULL AND status < 400 ORDER BY ts`,
      )
      .all(this.now() - 32 * 86_400_000) as Array<{ c: string; ts: number; t: number }>;
    for (const r of rows) if (configured.has(r.c)) this.quota.record(r.c, { requests: 1, tokens: r.t }, r.ts);
  }

  private keyOf(a: Attempt): string {
    return a.connection?.id ?? a.provider.id;
  }

  private healthy(a: Attempt): boolean {
    const key = this.keyOf(a);
    if (this.breaker.state(key) === 'open') return false;
    if (a.connection && this.lockouts.isAttemptLocked(a.connection.id, a.model)) return false;
    if (a.connection && this.quota.exhausted(a.connection.id)) return false;
    return true;
  }

  admit(_ctx: { apiKeyId?: string; model: string }): GatewayErrorInfo | undefined {
    return undefined;
  }

  order(plan: Plan): Attempt[] {
    // Steps keep the combo's strategy; accounts within a step are fill-first by priority,
    // healthy ones first, so a locked or broken account is only a last resort.
    const steps: Array<{ key: string; attempts: Attempt[] }> = [];
    for (const a of plan.attempts) {
      const last = steps.at(-1);
      if (last && last.key === a.step) last.attempts.push(a);
      else steps.push({ key: a.step, attempts: [a] });
    }
    const combo = plan.combo ? this.rt.combos.find((c) => c.name === plan.combo) : undefined;
    const strategy = (combo?.strategy ?? 'fill-first') as StrategyName;
    // Only what the strategy reads is computed: latency percentiles and price lookups are not free.
    const stepCandidates = steps.map((s, i) => {
      const first = s.attempts[0]!;
      const latency = strategy === 'power-of-two' ? this.latency.get(first.provider.id).latency : undefined;
      return {
        key: s.key,
        priority: i,
        healthy: s.attempts.some((a) => this.healthy(a)),
        inFlight: s.attempts.reduce((n, a) => n + (this.inFlight.get(this.keyOf(a)) ?? 0), 0),
        costPerMTok:
          strategy === 'cost-optimized'
            ? this.prices.blendedPerMTok(first.model, first.provider.id)
            : undefined,
        latencyMs: latency?.count ? latency.p50 : undefined,
        attempts: s.attempts,
      } satisfies Candidate & { attempts: Attempt[] };
    });
    const orderedSteps =
      steps.length > 1
        ? selectOrder(strategy, stepCandidates, this.strategyState, {
            scope: `combo:${plan.combo ?? plan.requested}`,
          })
        : stepCandidates;
    const out: Attempt[] = [];
    for (const s of orderedSteps) {
      const accounts = s.attempts.map((a, i) => ({
        key: this.keyOf(a),
        priority: a.connection?.priority ?? i,
        healthy: this.healthy(a),
        inFlight: this.inFlight.get(this.keyOf(a)) ?? 0,
        attempt: a,
      }));
      const ordered =
        accounts.length > 1
          ? selectOrder('fill-first', accounts, this.strategyState, { scope: `accounts:${s.key}` })
          : accounts;
      for (const a of ordered) out.push(a.attempt);
    }
    return out;
  }

  beforeAttempt(a: Attempt): string | undefined {
    if (a.connection) {
      const until =
        this.lockouts.lockedUntil(lockKey(a.connection.id)) ??
        this.lockouts.lockedUntil(lockKey(a.connection.id, a.model));
      if (until !== undefined && until > this.now())
        return `rate limited until ${new Date(until).toISOString()}`;
      if (this.quota.exhausted(a.connection.id)) {
        const at = this.quota.availableAt(a.connection.id);
        return `quota exhausted${at ? ` until ${new Date(at).toISOString()}` : ''}`;
      }
    }
    // Last: in half-open this takes a trial slot, so only when the request will really go.
    if (!this.breaker.canPass(this.keyOf(a))) return 'circuit open';
    const k = this.keyOf(a);
    this.inFlight.set(k, (this.inFlight.get(k) ?? 0) + 1);
    return undefined;
  }

  afterAttempt(a: Attempt, r: AttemptResult): void {
    const key = this.keyOf(a);
    this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
    const now = this.now();
    const limits = parseRateLimit(
      {
        headers: r.headers,
        body: (r.error as { errorBody?: unknown } | undefined)?.errorBody,
        status: r.status,
      },
      now,
    );
    if (r.ok) {
      this.breaker.onSuccess(key);
      this.latency.record(a.provider.id, { latencyMs: r.latencyMs, ttfbMs: r.ttfbMs });
      if (a.connection) {
        this.quota.record(a.connection.id, {
          requests: 1,
          tokens: (r.usage?.inputTokens ?? 0) + (r.usage?.outputTokens ?? 0),
        });
        // A success that says "0 left until T" locks the account before the next 429.
        if (limits.lockUntil && limits.lockUntil > now)
          this.lockouts.lock(
            lockKey(a.connection.id),
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
        const retryAfter = r.error?.retryAfter;
        const until =
          limits.lockUntil ??
          (retryAfter !== undefined ? now + retryAfter * 1000 : now + DEFAULT_RATE_LIMIT_LOCK_MS);
        this.lockouts.lock(
          lockKey(a.connection.id),
          until,
          limits.reason ?? (limits.exhausted ? 'quota exhausted' : 'rate limited (429)'),
        );
      }
      return;
    }
    if (status === 401 || status === 403) {
      if (a.connection)
        this.lockouts.lock(lockKey(a.connection.id), now + AUTH_FAILURE_LOCK_MS, `key refused (${status})`);
      return;
    }
    // Connection errors, timeouts and 5xx count against the breaker; request errors do not.
    if (status === 0 || status === 408 || status >= 500 || r.error?.transport) this.breaker.onFailure(key);
  }

  cost(
    model: string | undefined,
    providerId: string | undefined,
    usage: Partial<Usage> | undefined,
  ): number | undefined {
    if (!model || !usage || usage.inputTokens === undefined) return undefined;
    return this.prices.costUsd(
      model,
      {
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens ?? 0,
        cachedInputTokens: usage.cachedInputTokens,
        cacheCreationInputTokens: usage.cacheCreationInputTokens,
        reasoningTokens: usage.reasoningTokens,
      },
      providerId,
    );
  }

  finished(_entry: RequestLogEntry): void {}

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
