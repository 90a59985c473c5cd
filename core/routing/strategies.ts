import { systemRandom, type Random } from './clock.js';
import type { Strategy } from '../store/repos/combos.js';

/** The names a combo or provider stores (STRATEGIES in core/store/repos/combos.ts, the one list). */
export type StrategyName = Strategy;

/** One thing a strategy orders: a combo step or one of a provider's accounts. */
export interface Candidate {
  /** Stable identity (connection id, or the step string): state is kept per key. */
  key: string;
  /** For `weighted`; default 1. Zero or less: only after every positive weight. */
  weight?: number;
  /** For `fill-first` (and the order of unhealthy ones); lower first, default 0 like connections. */
  priority?: number;
  /** For `cost-optimized`: USD per million tokens, unknown last. */
  costPerMTok?: number;
  /** False when locked out, circuit open, quota exhausted, over budget... */
  healthy: boolean;
  inFlight: number;
  recentFailures?: number;
  latencyMs?: number;
}

export interface StrategyContext {
  /** Which combo or provider this order is for; state (counters, rotation) is kept per scope. */
  scope: string;
  random?: Random;
  /** Round-robin: how many consecutive requests stay on one candidate. Default 3. */
  stickyFor?: number;
}

export interface StrategyScopeState {
  /** Round-robin: the candidate currently being served and how many requests it has had. */
  rrKey?: string;
  rrIndex: number;
  rrCount: number;
  /** Least-used: how many times each key has been put first. */
  served: Map<string, number>;
}

export const DEFAULT_STICKY_FOR = 3;

/**
 * In-memory strategy state per scope (combo name or provider id). The lead keeps one instance
 * for the process; nothing here needs to survive a restart (rotation just starts over).
 */
export class StrategyState {
  private readonly scopes = new Map<string, StrategyScopeState>();

  /** The mutable state of one scope (created on first use); selectOrder's business. */
  scope(scope: string): StrategyScopeState {
    let s = this.scopes.get(scope);
    if (!s) {
      s = { rrIndex: -1, rrCount: 0, served: new Map() };
      this.scopes.set(scope, s);
    }
    return s;
  }

  /** How many requests least-used has assigned to each key of a scope. */
  servedCounts(scope: string): Record<string, number> {
    return Object.fromEntries(this.scopes.get(scope)?.served ?? []);
  }

  /**
   * Counts a request as served by `key`. selectOrder already counts the candidate it puts first
   * for least-used; call this when a fallback moved the request, with `instead` = the one that
   * was counted, so the tally follows where requests really went.
   */
  noteServed(scope: string, key: string, instead?: string): void {
    const s = this.scope(scope);
    if (instead !== undefined && instead !== key) {
      const n = s.served.get(instead) ?? 0;
      if (n > 0) s.served.set(instead, n - 1);
    }
    s.served.set(key, (s.served.get(key) ?? 0) + 1);
  }

  /**
   * Takes back a count selectOrder made for `key` when the request went to another scope
   * altogether (a later combo step served it), so least-used counts only requests served.
   */
  uncount(scope: string, key: string): void {
    const s = this.scopes.get(scope);
    const n = s?.served.get(key) ?? 0;
    if (s && n > 0) s.served.set(key, n - 1);
  }

  reset(scope?: string): void {
    if (scope === undefined) this.scopes.clear();
    else this.scopes.delete(scope);
  }
}

/**
 * The order in which to try `candidates`. Healthy candidates are ordered by the strategy;
 * unhealthy ones always follow, by priority then original order, so they are still tried as a
 * last resort instead of failing the request outright.
 */
export function selectOrder<C extends Candidate>(
  strategy: StrategyName,
  candidates: readonly C[],
  state: StrategyState,
  ctx: StrategyContext,
): C[] {
  const random = ctx.random ?? systemRandom;
  const indexed = candidates.map((c, i) => ({ c, i }));
  const healthy = indexed.filter((x) => x.c.healthy);
  const unhealthy = byPriority(indexed.filter((x) => !x.c.healthy));
  let ordered: Array<{ c: C; i: number }>;
  switch (strategy) {
    case 'fill-first':
      ordered = byPriority(healthy);
      break;
    case 'round-robin':
      ordered = roundRobin(indexed, state.scope(ctx.scope), ctx.stickyFor ?? DEFAULT_STICKY_FOR);
      // roundRobin orders all candidates; keep only the healthy part here.
      ordered = ordered.filter((x) => x.c.healthy);
      break;
    case 'power-of-two':
      ordered = powerOfTwo(healthy, random);
      break;
    case 'random':
      ordered = shuffle(healthy, random);
      break;
    case 'least-used':
      ordered = leastUsed(healthy, state.scope(ctx.scope));
      break;
    case 'cost-optimized':
      ordered = [...healthy].sort(
        (a, b) =>
          (a.c.costPerMTok ?? Infinity) - (b.c.costPerMTok ?? Infinity) ||
          (a.c.priority ?? 0) - (b.c.priority ?? 0) ||
          a.i - b.i,
      );
      break;
    case 'weighted':
      ordered = weighted(healthy, random);
      break;
    default:
      // A strategy name from a newer config: degrade to the documented default rather than fail.
      ordered = byPriority(healthy);
  }
  return [...ordered, ...unhealthy].map((x) => x.c);
}

function byPriority<T extends { c: Candidate; i: number }>(xs: T[]): T[] {
  return [...xs].sort((a, b) => (a.c.priority ?? 0) - (b.c.priority ?? 0) || a.i - b.i);
}

/**
 * Rotates the starting candidate, staying on one for `stickyFor` consecutive requests (keeps
 * provider-side prompt caches warm). Position is remembered by key so adding or removing an
 * account does not reset the rotation; an unhealthy start is skipped at once.
 */
function roundRobin<T extends { c: Candidate; i: number }>(
  all: T[],
  s: StrategyScopeState,
  stickyFor: number,
): T[] {
  const n = all.length;
  if (n === 0) return [];
  const sticky = Math.max(1, Math.floor(stickyFor));
  let idx = s.rrKey === undefined ? -1 : all.findIndex((x) => x.c.key === s.rrKey);
  const current = idx >= 0 ? all[idx] : undefined;
  if (!current || !current.c.healthy || s.rrCount >= sticky) {
    // Advance from the current position (or where it was, if it left the list).
    const from = idx >= 0 ? idx : s.rrIndex;
    idx = -1;
    for (let step = 1; step <= n; step++) {
      const j = (((from + step) % n) + n) % n;
      if (all[j]!.c.healthy) {
        idx = j;
        break;
      }
    }
    if (idx < 0) idx = (((from + 1) % n) + n) % n; // nobody healthy: order does not matter much
    s.rrCount = 0;
  }
  s.rrKey = all[idx]!.c.key;
  s.rrIndex = idx;
  s.rrCount++;
  return [...all.slice(idx), ...all.slice(0, idx)];
}

/**
 * Healthier first: fewer in flight, fewer recent failures, lower latency. An unknown latency
 * is no evidence either way: treated as worst, a new account would never get the traffic that
 * measures it.
 */
function healthier(a: Candidate, b: Candidate): number {
  return (
    a.inFlight - b.inFlight ||
    (a.recentFailures ?? 0) - (b.recentFailures ?? 0) ||
    (a.latencyMs !== undefined && b.latencyMs !== undefined ? a.latencyMs - b.latencyMs : 0)
  );
}

/**
 * Power of two choices: two distinct candidates at random, the healthier first. Comparing just
 * two keeps load spread (no herd on the single least-loaded account) while avoiding bad ones.
 * The rest follow, healthiest first, as fallbacks.
 */
function powerOfTwo<T extends { c: Candidate; i: number }>(xs: T[], random: Random): T[] {
  if (xs.length < 2) return [...xs];
  const a = Math.floor(random() * xs.length) % xs.length;
  let b = Math.floor(random() * (xs.length - 1)) % (xs.length - 1);
  if (b >= a) b++;
  const [first, second] = healthier(xs[a]!.c, xs[b]!.c) <= 0 ? [xs[a]!, xs[b]!] : [xs[b]!, xs[a]!];
  const rest = xs.filter((_, i) => i !== a && i !== b).sort((x, y) => healthier(x.c, y.c) || x.i - y.i);
  return [first, second, ...rest];
}

function shuffle<T>(xs: T[], random: Random): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1)) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Fewest served first, ties in original order. The head is counted at selection time, so
 * concurrent requests spread too (counting on completion would send a burst to one account).
 */
function leastUsed<T extends { c: Candidate; i: number }>(xs: T[], s: StrategyScopeState): T[] {
  const count = (k: string) => s.served.get(k) ?? 0;
  const out = [...xs].sort((a, b) => count(a.c.key) - count(b.c.key) || a.i - b.i);
  const head = out[0];
  if (head) s.served.set(head.c.key, count(head.c.key) + 1);
  return out;
}

/**
 * Weighted random order without replacement: the first pick is proportional to weight, each
 * following pick proportional among the remaining. Non-positive weights go after, in order.
 */
function weighted<T extends { c: Candidate; i: number }>(xs: T[], random: Random): T[] {
  const weightOf = (x: T) => {
    const w = x.c.weight ?? 1;
    return Number.isFinite(w) && w > 0 ? w : 0;
  };
  const pool = xs.filter((x) => weightOf(x) > 0);
  const zero = xs.filter((x) => weightOf(x) === 0);
  const out: T[] = [];
  let total = pool.reduce((sum, x) => sum + weightOf(x), 0);
  while (pool.length > 0) {
    let r = random() * total;
    let pick = pool.length - 1;
    for (let i = 0; i < pool.length; i++) {
      r -= weightOf(pool[i]!);
      if (r < 0) {
        pick = i;
        break;
      }
    }
    const [chosen] = pool.splice(pick, 1);
    out.push(chosen!);
    total -= weightOf(chosen!);
  }
  return [...out, ...zero];
}
