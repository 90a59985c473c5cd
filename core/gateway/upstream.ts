import type { Agent as AgentTypes } from 'undici';
import { Agent, errors as undiciErrors } from './undici.js';
import { GatewayError, type WireFormat } from '../formats/canonical.js';
import type { ResolvedProvider } from '../runtime/providers.js';
import { DEFAULT_TIMEOUTS, seconds, type TimeoutHint, type UpstreamTimeouts } from './timeouts.js';

/**
 * Pool sizes and limits every upstream dispatcher shares, direct or through a proxy. The head and
 * stall limits here are only a fallback: each request sets its own (`callUpstream`), from the
 * settings and its provider when it starts, so a changed setting applies to the next request.
 */
export function agentOptions(timeouts: UpstreamTimeouts): AgentTypes.Options {
  return {
    connections: 256,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 300_000,
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.answerMs,
    bodyTimeout: timeouts.stallMs,
  };
}

/** One keep-alive pool per upstream origin, shared by every request. */
export function createDispatcher(timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS): Agent {
  return new Agent(agentOptions(timeouts));
}

export function upstreamUrl(
  provider: { baseUrl: string },
  format: WireFormat,
  model: string,
  stream: boolean,
  baseOverride?: string,
): string {
  const base = (baseOverride ?? provider.baseUrl).replace(/\/+$/, '');
  switch (format) {
    case 'openai-chat':
      return `${base}/chat/completions`;
    case 'openai-responses':
      return `${base}/responses`;
    case 'anthropic':
      return `${base}/messages`;
    case 'gemini':
      return `${base}/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
  }
}

export function upstreamHeaders(
  provider: ResolvedProvider,
  format: WireFormat,
  secret: string | undefined,
  forwarded: Record<string, string>,
  stream: boolean,
): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    'user-agent': 'omniroute-desktop',
  };
  // Loops, not spreads or Object.entries: this runs for every attempt.
  for (const k in provider.headers) h[k] = provider.headers[k]!;
  if (format === 'anthropic') h['anthropic-version'] ??= '2023-06-01';
  for (const k in forwarded) h[k] = forwarded[k]!;
  if (secret) {
    switch (provider.auth) {
      case 'x-api-key':
        h['x-api-key'] = secret;
        break;
      case 'x-goog-api-key':
        h['x-goog-api-key'] = secret;
        break;
      case 'token':
        h.authorization = `Token ${secret}`;
        break;
      case 'bearer':
      case 'none':
        h.authorization = `Bearer ${secret}`;
        break;
    }
  }
  return h;
}

export type UpstreamFailureKind = 'connect' | 'timeout' | 'reset' | 'aborted';

/**
 * A failure before any response arrived, as a GatewayError the fallback logic can judge.
 * `proxy` names the proxy the request went through (host only, never credentials).
 */
export function transportError(
  err: unknown,
  providerId: string,
  proxy?: string,
  /** The limits the request ran with, named in a timeout's message. */
  limits?: TimeoutHint,
): GatewayError & { transport: UpstreamFailureKind } {
  let kind: UpstreamFailureKind = 'connect';
  let status = 502;
  const via = proxy ? ` through proxy ${proxy}` : '';
  let message = `Could not reach ${providerId}${via}`;
  const text = String((err as Error)?.message);
  let code = (err as { code?: string })?.code;
  if (err instanceof Error && (err.name === 'ProxyError' || err.name === 'SocksError')) {
    message = `Could not reach ${providerId}${via}: ${text}`;
  } else if (/^Proxy response \(\d+\)/.test(text)) {
    // undici reports a refused CONNECT as an aborted request; it is a connect failure.
    message = `Could not reach ${providerId}${via}: the proxy answered ${/\((\d+)\)/.exec(text)![1]} to CONNECT`;
    code = undefined;
  } else if (err instanceof undiciErrors.HeadersTimeoutError) {
    kind = 'timeout';
    status = 504;
    message = limits
      ? `${providerId} did not answer within ${seconds(limits.headMs)} (${limits.head})`
      : `${providerId} did not answer in time`;
  } else if (err instanceof undiciErrors.BodyTimeoutError) {
    kind = 'timeout';
    status = 504;
    message = limits
      ? `${providerId} sent nothing for ${seconds(limits.stallMs)} (${limits.stall})`
      : `${providerId} sent nothing for longer than the stall limit (setting stallTimeoutMs, or the provider's timeouts.stallMs)`;
  } else if (err instanceof undiciErrors.ConnectTimeoutError) {
    kind = 'timeout';
    status = 504;
    message = `Connecting to ${providerId}${via} timed out`;
  } else if (err instanceof undiciErrors.RequestAbortedError || (err as Error)?.name === 'AbortError') {
    kind = 'aborted';
    status = 499;
    message = 'The client went away';
  } else if (err instanceof undiciErrors.SocketError || /ECONNRESET|socket/i.test(text)) {
    kind = 'reset';
    message = `${providerId} closed the connection`;
  }
  const e = new GatewayError({
    status,
    kind: status === 504 ? 'timeout' : 'upstream',
    message: `${message}${code ? ` (${code})` : ''}.`,
  }) as GatewayError & { transport: UpstreamFailureKind };
  e.transport = kind;
  return e;
}
