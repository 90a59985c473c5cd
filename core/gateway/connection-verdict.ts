// The connection test's answer, apart from the code that finds it: the dashboard type-checks
// against these (renderer/src/api/types.ts) without pulling in the gateway's transport.
import type { ListedUpstreamModel } from '../formats/model-list.js';

/**
 * What a connection test concluded, in the words the dashboard shows: the first problem found
 * on the way from this machine to a model answering.
 */
export type ConnectionVerdict =
  'ok' | 'bad_key' | 'no_credit' | 'rate_limited' | 'unreachable' | 'model_not_available' | 'error';

/** Why a host could not be reached, for `unreachable`. */
export type UnreachableCause = 'dns' | 'tls' | 'proxy' | 'refused' | 'timeout' | 'reset' | 'network';

export interface ProbeStep {
  step: 'models' | 'completion';
  verdict: ConnectionVerdict;
  /** The upstream's HTTP status, when it answered. */
  status?: number;
  latencyMs: number;
  /** The provider's own words (its error message), with anything we sent it removed. */
  message?: string;
  cause?: UnreachableCause;
}

export interface ConnectionTestResult {
  verdict: ConnectionVerdict;
  ok: boolean;
  /** One sentence for the user. */
  message: string;
  /** The provider's own error message, when it gave one. */
  providerMessage?: string;
  status?: number;
  cause?: UnreachableCause;
  /** The model the completion was tried with. */
  model?: string;
  /** The models endpoint's list, when it answered one. */
  models?: ListedUpstreamModel[];
  /** `proxy host:port` the test went through (never credentials). */
  proxy?: string;
  latencyMs: number;
  steps: ProbeStep[];
}

/** A proxy alone (POST /api/proxies/test): did one GET reach its target through it. */
export interface ProxyTestResult {
  ok: boolean;
  verdict: 'ok' | 'unreachable';
  message: string;
  cause?: UnreachableCause;
  /** The target's HTTP status: any answer proves the proxy carried the request. */
  status?: number;
  proxy: string;
  target: string;
  latencyMs: number;
}
