import type { GatewayErrorInfo } from '../formats/canonical.js';
import type { RequestLogEntry } from '../store/request-log.js';
import { scopeKey, type BudgetPeriodName, type BudgetRecord } from '../store/repos/budgets.js';
import { formatUsd } from '../util/format-usd.js';
import { Budgets, keyScope, providerScope, type BudgetLimits, type BudgetPeriod } from './budgets.js';
import type { Clock } from './clock.js';
import type { RouterHost } from './host.js';
import { isValidTimeZone } from './quota/zoned-time.js';

const PERIOD: Record<BudgetPeriodName, BudgetPeriod> = { day: 'daily', week: 'weekly', month: 'monthly' };
const LIMIT_FIELD: Record<BudgetPeriodName, keyof BudgetLimits> = {
  day: 'dailyUsd',
  week: 'weeklyUsd',
  month: 'monthlyUsd',
};
const PERIOD_WORD: Record<BudgetPeriodName, string> = { day: 'daily', week: 'weekly', month: 'monthly' };

/**
 * The user's budgets as the router applies them: spend per scope in the budget calendar, which
 * requests a `block` budget refuses or which providers it sets aside, and the announcements of
 * crossings. Spend survives restarts: it is rebuilt from the request log.
 */
export class BudgetGuard {
  /** Spend per scope (global, provider:…, key:…) in the budget calendar; rebuilt when its zone changes. */
  budgets!: Budgets;
  private active = false;
  private zone = '';
  private list: BudgetRecord[] = [];
  private blockByScope = new Map<string, BudgetRecord[]>();
  private keyNames = new Map<string, string>();
  /** `action:budgetId@periodStart` of budgets whose crossing was already announced this period. */
  private readonly announced = new Set<string>();

  constructor(
    private readonly rt: RouterHost,
    private readonly now: Clock,
  ) {}

  /** The zone budget periods start in: the setting, else this machine's (an invalid name too). */
  private timeZone(): string {
    const z = this.rt.settings.budgetTimeZone;
    if (z && isValidTimeZone(z)) return z;
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }

  /** (Re)loads the budgets from the store; spend is rebuilt at start and when the zone changes. */
  load(starting: boolean): void {
    const list = this.rt.store.budgets.list();
    if (list.length === 0) {
      // No budget, no spend tracking: the first budget rebuilds its spend from the log, and
      // time-zone math (ICU, ~15 ms at first use) stays off the start-up path.
      this.active = false;
      this.list = [];
      this.blockByScope = new Map();
      this.keyNames = new Map();
      return;
    }
    const zone = this.timeZone();
    if (starting || !this.active || zone !== this.zone) {
      this.zone = zone;
      this.budgets = new Budgets({ now: this.now, calendar: { timeZone: zone } });
      this.replaySpend();
    }
    this.active = true;
    const limits = new Map<string, BudgetLimits>();
    const block = new Map<string, BudgetRecord[]>();
    for (const b of list) {
      const key = scopeKey(b.scope);
      const l = limits.get(key) ?? {};
      l[LIMIT_FIELD[b.period]] = b.limitUsd;
      limits.set(key, l);
      if (b.action === 'block') block.set(key, [...(block.get(key) ?? []), b]);
    }
    for (const old of this.list) {
      const key = scopeKey(old.scope);
      if (!limits.has(key)) this.budgets.remove(key);
    }
    for (const [key, l] of limits) this.budgets.set(key, l);
    this.list = list;
    this.blockByScope = block;
    this.keyNames = new Map(
      list.some((b) => b.scope.kind === 'key') ? this.rt.store.apiKeys.list().map((k) => [k.id, k.name]) : [],
    );
    // A crossing that happened before this process started was announced then.
    if (starting)
      for (const b of list) {
        const st = this.status(b);
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
  status(b: Pick<BudgetRecord, 'scope' | 'period'>): {
    spentUsd: number;
    periodStart: number;
    resetsAt: number;
  } {
    return this.budgets.periodSpend(scopeKey(b.scope), PERIOD[b.period]);
  }

  /** The first `block` budget of `scope` whose spend has reached its limit. */
  exhausted(scope: string): { budget: BudgetRecord; spentUsd: number; resetsAt: number } | undefined {
    const list = this.blockByScope.get(scope);
    if (!list) return undefined;
    for (const budget of list) {
      const st = this.status(budget);
      if (st.spentUsd >= budget.limitUsd) return { budget, spentUsd: st.spentUsd, resetsAt: st.resetsAt };
    }
    return undefined;
  }

  private label(b: BudgetRecord): string {
    if (b.scope.kind === 'global') return 'global';
    if (b.scope.kind === 'provider') return `provider ${b.scope.id}`;
    return `key "${this.keyNames.get(b.scope.id) ?? b.scope.id}"`;
  }

  /** The refusal of a request over the global budget or its gateway key's (a `block` one). */
  refusal(apiKeyId: string | undefined): (GatewayErrorInfo & { retryAfter?: number }) | undefined {
    if (this.blockByScope.size === 0) return undefined;
    const over = this.exhausted('global') ?? (apiKeyId ? this.exhausted(keyScope(apiKeyId)) : undefined);
    if (!over) return undefined;
    const { budget, spentUsd, resetsAt } = over;
    return {
      status: 429,
      // quota_exhausted: agents treat it as "stop", not as a rate limit to retry in a second.
      kind: 'quota_exhausted',
      message:
        `Budget exceeded: the ${this.label(budget)} ${PERIOD_WORD[budget.period]} budget of ` +
        `${formatUsd(budget.limitUsd)} is spent (${formatUsd(spentUsd)}); it resets at ` +
        `${new Date(resetsAt).toISOString()}.`,
      retryAfter: Math.max(1, Math.ceil((resetsAt - this.now()) / 1000)),
    };
  }

  /** The exhausted `block` budget that sets this provider aside, if any. */
  providerOver(providerId: string): { budget: BudgetRecord; spentUsd: number; resetsAt: number } | undefined {
    return this.blockByScope.size ? this.exhausted(providerScope(providerId)) : undefined;
  }

  /** Why an attempt on this provider is skipped for its budget, or undefined when it is not. */
  skipReason(providerId: string): string | undefined {
    const over = this.providerOver(providerId);
    if (over)
      return `over budget (${this.label(over.budget)}, ${PERIOD_WORD[over.budget.period]} ${formatUsd(over.spentUsd)} of ${formatUsd(over.budget.limitUsd)}, resets ${new Date(over.resetsAt).toISOString()})`;
    return undefined;
  }

  /** Counts a finished request's cost and announces each budget it made cross its limit. */
  record(entry: RequestLogEntry): void {
    const cost = entry.costUsd;
    if (!this.active || !(cost !== undefined && cost > 0)) return;
    const scopes = ['global'];
    if (entry.providerId) scopes.push(providerScope(entry.providerId));
    if (entry.apiKeyId) scopes.push(keyScope(entry.apiKeyId));
    for (const scope of scopes) this.budgets.record(scope, cost, entry.ts);
    // Announced once per budget, action and period: a warn budget's warning, a block budget's
    // exhaustion (the request that crossed it was already admitted; the next ones are not).
    for (const b of this.list) {
      if (!scopes.includes(scopeKey(b.scope))) continue;
      const st = this.status(b);
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
}
