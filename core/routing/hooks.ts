import type { GatewayErrorInfo, Usage } from '../formats/canonical.js';
import type { CallerLogin, LoginKindId } from '../providers/login/types.js';
import type { LoggedAttempt } from '../store/log-detail.js';
import type { Strategy } from '../store/repos/combos.js';
import type { ConnectionRecord } from '../store/repos/connections.js';
import type { RequestLogEntry } from '../store/request-log.js';

/**
 * What routing reads of a provider. The runtime's ResolvedProvider is one; routing states only
 * this much so that it needs nothing of the layers above it.
 */
export interface RoutedProvider {
  id: string;
  /** How the provider's accounts are ordered within a step. */
  accountStrategy: Strategy;
  /** Forwards the caller's own vendor login instead of using a stored account. */
  login?: LoginKindId;
  /** Accounts are added by signing in to a plan the user already pays for. */
  signIn?: string;
}

/**
 * One thing to try: a provider account and the model id to send it. `P` is the provider as its
 * owner knows it (the gateway's attempts carry the runtime's ResolvedProvider).
 */
export interface Attempt<P extends RoutedProvider = RoutedProvider> {
  provider: P;
  /** undefined for a provider that needs no key (local servers). */
  connection?: ConnectionRecord;
  model: string;
  /** The combo step this came from, for the route header and logs. */
  step: string;
  /** A login provider's step: the caller's own login, set per request when the caller has one. */
  login?: CallerLogin;
}

/** A request's attempts in the order the model, its aliases and combos name them. */
export interface Plan<P extends RoutedProvider = RoutedProvider> {
  requested: string;
  combo?: string;
  attempts: Attempt<P>[];
}

/** What one attempt did, for the log detail, the route headers and the routing state. */
export type AttemptRecord = LoggedAttempt;

export interface AttemptResult {
  ok: boolean;
  status: number;
  error?: GatewayErrorInfo & { retryAfter?: number; transport?: string };
  /** Response headers of the upstream (rate-limit headers, Retry-After). */
  headers?: Record<string, string | string[] | undefined>;
  usage?: Partial<Usage>;
  latencyMs: number;
  ttfbMs?: number;
}

/**
 * The routing layer's hooks into the request path (core/routing/router.ts implements them).
 * Without them the gateway tries the plan in order, which is fill-first with no state.
 */
export interface RoutingHooks {
  /**
   * Whether this request may run at all (budgets of its gateway key and the global budget).
   * A refusal is returned to the caller in its own format; warn-only budgets never refuse.
   */
  admit(ctx: { apiKeyId?: string; model: string }): (GatewayErrorInfo & { retryAfter?: number }) | undefined;
  /** Orders the plan's attempts (strategies) for this request. */
  order<P extends RoutedProvider>(plan: Plan<P>, ctx: { apiKeyId?: string }): Attempt<P>[];
  /** A reason to skip this attempt without calling it, or undefined to go ahead. */
  beforeAttempt(attempt: Attempt, ctx: { apiKeyId?: string }): string | undefined;
  /**
   * Asked only when every attempt of a request was skipped: the earliest instant one of them
   * can be tried again, when each one rests (a lockout, an exhausted plan or quota, a budget, a
   * connection's own limits) or waits for its user (a sign-in). Undefined when one was skipped
   * for anything else (an open circuit): that is no rate limit, and the caller gets a 503.
   */
  retryAt?(skipped: Attempt[]): number | undefined;
  /** Called after every attempt that reached the upstream (or failed to). Releases what beforeAttempt took. */
  afterAttempt(attempt: Attempt, result: AttemptResult): void;
  /** Cost of the finished request, for the log and budgets. */
  cost(
    model: string | undefined,
    providerId: string | undefined,
    usage: Partial<Usage> | undefined,
  ): number | undefined;
  /** The request is recorded. */
  finished(entry: RequestLogEntry): void;
  /**
   * A call forwarded on the caller's own login outside a routed request (count_tokens, the
   * model list, Code Assist's quota and set-up methods): its quota signals still count.
   */
  loginAnswer?(
    providerId: string,
    login: CallerLogin,
    answer: { status: number; headers: Record<string, string | string[] | undefined>; body?: unknown },
  ): void;
}

export const NO_ROUTING: RoutingHooks = {
  admit: () => undefined,
  order: (plan) => plan.attempts,
  beforeAttempt: () => undefined,
  afterAttempt: () => {},
  cost: () => undefined,
  finished: () => {},
};
