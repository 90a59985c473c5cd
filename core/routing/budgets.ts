import { systemClock, type Clock } from './clock.js';
import { nextReset, windowStart, type CalendarWindow } from './quota/windows.js';

export type BudgetPeriod = 'daily' | 'weekly' | 'monthly';

export interface BudgetLimits {
  dailyUsd?: number;
  weeklyUsd?: number;
  monthlyUsd?: number;
}

/** When budget periods start; the same calendar rules as quota windows. */
export interface BudgetCalendar {
  /** IANA zone; default UTC. */
  timeZone?: string;
  /** Hour the day starts; default 0. */
  dayStartHour?: number;
  /** 0 = Sunday … 6 = Saturday; default 1 (Monday). */
  weekStartsOn?: number;
  /** Day of month the month starts; default 1. */
  monthStartDay?: number;
}

export interface BudgetPeriodStatus {
  period: BudgetPeriod;
  limitUsd: number;
  spentUsd: number;
  remainingUsd: number;
  periodStart: number;
  resetsAt: number;
}

export type BudgetCheck = { ok: true } | { ok: false; scope: string; exceeded: BudgetPeriodStatus[] };

/** Scope names: one budget per gateway key and one per provider. */
export const keyScope = (gatewayKeyId: string): string => `key:${gatewayKeyId}`;
export const providerScope = (providerId: string): string => `provider:${providerId}`;

interface Spend {
  periodStart: number;
  /** Cached next reset: time-zone math once per period, not per request. */
  periodEnd: number;
  spent: number;
}

const PERIODS: Array<[BudgetPeriod, keyof BudgetLimits]> = [
  ['daily', 'dailyUsd'],
  ['weekly', 'weeklyUsd'],
  ['monthly', 'monthlyUsd'],
];

/**
 * Spend against USD budgets per scope. Spend is kept for every scope that records (so a budget
 * set mid-month already knows the month's spend), and each period's total restarts lazily when
 * its period has passed. A request is refused or falls back when `check` says so; the lead
 * decides which.
 */
export class Budgets {
  private readonly limits = new Map<string, BudgetLimits>();
  private readonly spend = new Map<string, Map<BudgetPeriod, Spend>>();
  private readonly windows: Record<BudgetPeriod, CalendarWindow>;
  private readonly now: Clock;

  constructor(options: { now?: Clock; calendar?: BudgetCalendar } = {}) {
    this.now = options.now ?? systemClock;
    const c = options.calendar ?? {};
    const base = {
      timeZone: c.timeZone ?? 'UTC',
      hour: c.dayStartHour ?? 0,
      unit: 'requests',
      limit: 1,
    } as const;
    this.windows = {
      daily: { ...base, id: 'daily', kind: 'daily' },
      weekly: { ...base, id: 'weekly', kind: 'weekly', weekday: c.weekStartsOn ?? 1 },
      monthly: { ...base, id: 'monthly', kind: 'monthly', day: c.monthStartDay ?? 1 },
    };
  }

  set(scope: string, limits: BudgetLimits): void {
    for (const [, field] of PERIODS) {
      const v = limits[field];
      if (v !== undefined && !(Number.isFinite(v) && v >= 0))
        throw new Error(`budget ${scope}: ${field} must be ≥ 0`);
    }
    this.limits.set(scope, { ...limits });
  }

  remove(scope: string): void {
    this.limits.delete(scope);
  }

  get(scope: string): BudgetLimits | undefined {
    return this.limits.get(scope);
  }

  /** Adds spend made at `atMs` (default now); spend from an earlier period is ignored. */
  record(scope: string, costUsd: number, atMs: number = this.now()): void {
    if (!(Number.isFinite(costUsd) && costUsd > 0)) return;
    const now = this.now();
    for (const [period] of PERIODS) {
      const s = this.current(scope, period, now);
      if (atMs >= s.periodStart) s.spent += costUsd;
    }
  }

  /** Sets a period's spend, e.g. from the request log at start-up. */
  restore(scope: string, period: BudgetPeriod, spentUsd: number): void {
    this.current(scope, period, this.now()).spent = Math.max(0, spentUsd);
  }

  status(scope: string): BudgetPeriodStatus[] {
    const limits = this.limits.get(scope);
    if (!limits) return [];
    const now = this.now();
    const out: BudgetPeriodStatus[] = [];
    for (const [period, field] of PERIODS) {
      const limitUsd = limits[field];
      if (limitUsd === undefined) continue;
      const s = this.current(scope, period, now);
      out.push({
        period,
        limitUsd,
        spentUsd: s.spent,
        remainingUsd: Math.max(0, limitUsd - s.spent),
        periodStart: s.periodStart,
        resetsAt: s.periodEnd,
      });
    }
    return out;
  }

  /** Not ok once any period's spend has reached its limit (a 0 budget blocks everything). */
  check(scope: string): BudgetCheck {
    const exceeded = this.status(scope).filter((p) => p.spentUsd >= p.limitUsd);
    return exceeded.length === 0 ? { ok: true } : { ok: false, scope, exceeded };
  }

  /** The first failing scope of several (a request is bound by its key's and its provider's). */
  checkAll(scopes: string[]): BudgetCheck {
    for (const scope of scopes) {
      const c = this.check(scope);
      if (!c.ok) return c;
    }
    return { ok: true };
  }

  /** The current period's bounds, whether or not any scope has a budget for it. */
  periodBounds(period: BudgetPeriod): { start: number; end: number } {
    const now = this.now();
    const w = this.windows[period];
    return { start: windowStart(w, now), end: nextReset(w, now) };
  }

  /** One scope's current period, limit or not; the bounds are cached, so this is cheap per request. */
  periodSpend(
    scope: string,
    period: BudgetPeriod,
  ): { spentUsd: number; periodStart: number; resetsAt: number } {
    const s = this.current(scope, period, this.now());
    return { spentUsd: s.spent, periodStart: s.periodStart, resetsAt: s.periodEnd };
  }

  spentUsd(scope: string, period: BudgetPeriod): number {
    return this.current(scope, period, this.now()).spent;
  }

  private current(scope: string, period: BudgetPeriod, now: number): Spend {
    let byPeriod = this.spend.get(scope);
    if (!byPeriod) {
      byPeriod = new Map();
      this.spend.set(scope, byPeriod);
    }
    let s = byPeriod.get(period);
    if (s && now >= s.periodStart && now < s.periodEnd) return s;
    const w = this.windows[period];
    const start = windowStart(w, now);
    if (!s || s.periodStart !== start) {
      s = { periodStart: start, periodEnd: nextReset(w, now), spent: 0 };
      byPeriod.set(period, s);
    } else {
      s.periodEnd = nextReset(w, now);
    }
    return s;
  }
}
