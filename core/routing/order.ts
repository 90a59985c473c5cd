import type { ComboRecord } from '../store/repos/combos.js';
import type { Attempt, Plan, RoutedProvider } from './hooks.js';
import type { RoutingState, Tally } from './state.js';
import { selectOrder, type Candidate, type StrategyName } from './strategies.js';

interface Step<P extends RoutedProvider> {
  key: string;
  attempts: Attempt<P>[];
}

/**
 * A request's attempts in the order to try them. Steps follow the combo's strategy, accounts
 * within a step their provider's account strategy; unhealthy ones go last either way, so a locked
 * or broken account is only a last resort.
 */
export function orderAttempts<P extends RoutedProvider>(
  s: RoutingState,
  plan: Plan<P>,
  combo: ComboRecord | undefined,
  stickyFor: number,
): Attempt<P>[] {
  // One attempt has one order, and no strategy counts a choice that was not made: the common
  // direct request (one provider, one account) skips the candidate bookkeeping below.
  if (plan.attempts.length === 1) return plan.attempts;
  const steps: Step<P>[] = [];
  for (const a of plan.attempts) {
    const last = steps.at(-1);
    if (last && last.key === a.step) last.attempts.push(a);
    else steps.push({ key: a.step, attempts: [a] });
  }
  const strategy = (combo?.strategy ?? 'fill-first') as StrategyName;
  const tally: Tally = {
    settled: false,
    counted: new Map(),
    stepScope: `combo:${plan.combo ?? plan.requested}`,
  };
  const candidates = stepCandidates(s, steps, strategy, combo);
  const orderedSteps =
    steps.length > 1
      ? selectOrder(strategy, candidates, s.strategyState, { scope: tally.stepScope, stickyFor })
      : candidates;
  if (strategy === 'least-used' && steps.length > 1 && orderedSteps[0]?.healthy)
    tally.counted.set(tally.stepScope, orderedSteps[0].key);

  // A provider met again in a later step (another model) reuses this request's account
  // order, so round-robin and least-used advance once per request, not once per step.
  const decided = new Map<string, Map<string, number>>();
  const out: Attempt<P>[] = [];
  for (const step of orderedSteps) out.push(...orderAccounts(s, step.attempts, decided, tally, stickyFor));
  if (tally.counted.size) for (const a of out) s.tallies.set(a, tally);
  return out;
}

/** The steps as the combo's strategy sees them. */
function stepCandidates<P extends RoutedProvider>(
  s: RoutingState,
  steps: Step<P>[],
  strategy: StrategyName,
  combo: ComboRecord | undefined,
): Array<Candidate & { attempts: Attempt<P>[] }> {
  // Only what the strategy reads is computed: latency percentiles and price lookups are not free.
  const p2c = strategy === 'power-of-two';
  return steps.map((step, i) => {
    const first = step.attempts[0]!;
    const latency = p2c ? s.latency.get(first.provider.id).latency : undefined;
    return {
      key: step.key,
      priority: i,
      weight: combo?.weights?.[step.key],
      healthy: step.attempts.some((a) => s.healthy(a)),
      inFlight: step.attempts.reduce((n, a) => n + (s.inFlight.get(s.keyOf(a)) ?? 0), 0),
      recentFailures: p2c
        ? Math.min(...step.attempts.map((a) => s.breaker.consecutiveFailures(s.keyOf(a))))
        : undefined,
      costPerMTok:
        strategy === 'cost-optimized' ? s.prices.blendedPerMTok(first.model, first.provider.id) : undefined,
      latencyMs: latency?.count ? latency.p50 : undefined,
      attempts: step.attempts,
    };
  });
}

/** One step's accounts in their provider's account strategy (or the order it took earlier in this request). */
function orderAccounts<P extends RoutedProvider>(
  s: RoutingState,
  attempts: Attempt<P>[],
  decided: Map<string, Map<string, number>>,
  tally: Tally,
  stickyFor: number,
): Attempt<P>[] {
  const provider = attempts[0]!.provider;
  const accountStrategy = (provider.accountStrategy ?? 'fill-first') as StrategyName;
  const p2c = accountStrategy === 'power-of-two';
  const accounts = attempts.map((a, i) => {
    const key = s.keyOf(a);
    const latency = p2c ? s.accountLatency.get(key).latency : undefined;
    return {
      key,
      priority: a.connection?.priority ?? i,
      weight: a.connection?.weight,
      healthy: s.healthy(a),
      inFlight: s.inFlight.get(key) ?? 0,
      recentFailures: p2c ? s.breaker.consecutiveFailures(key) : undefined,
      latencyMs: latency?.count ? latency.p50 : undefined,
      attempt: a,
    } satisfies Candidate & { attempt: Attempt<P> };
  });
  let ordered = accounts;
  const rank = decided.get(provider.id);
  if (accounts.length > 1 && rank) {
    ordered = [...accounts].sort(
      (x, y) => Number(!x.healthy) - Number(!y.healthy) || (rank.get(x.key) ?? 0) - (rank.get(y.key) ?? 0),
    );
  } else if (accounts.length > 1) {
    const scope = `accounts:${provider.id}`;
    ordered = selectOrder(accountStrategy, accounts, s.strategyState, { scope, stickyFor });
    decided.set(provider.id, new Map(ordered.map((a, i) => [a.key, i])));
    if (accountStrategy === 'least-used' && ordered[0]?.healthy) tally.counted.set(scope, ordered[0].key);
  }
  return ordered.map((a) => a.attempt);
}

/**
 * Least-used counts the account (and step) it put first; when another one served the
 * request, the count moves there, and a provider that was never reached gives its count back.
 */
export function settleTally(s: RoutingState, a: Attempt): void {
  const t = s.tallies.get(a);
  if (!t || t.settled) return;
  t.settled = true;
  const accountScope = `accounts:${a.provider.id}`;
  for (const [scope, counted] of t.counted) {
    const served = scope === t.stepScope ? a.step : scope === accountScope ? s.keyOf(a) : undefined;
    if (served === undefined) s.strategyState.uncount(scope, counted);
    else if (served !== counted) s.strategyState.noteServed(scope, served, counted);
  }
}
