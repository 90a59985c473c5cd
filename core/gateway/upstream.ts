import type { Agent as AgentTypes } from 'undici';
import { Agent, errors as undiciErrors } from './undici.js';
import { GatewayError, type WireFormat } from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import type { ResolvedProvider } from '../runtime/providers.js';
import { fieldValues, fillFields } from '../providers/account-fields.js';
import { seconds, type TimeoutHint, type UpstreamTimeouts } from '../runtime/timeouts.js';

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
export function createDispatcher(timeouts: UpstreamTimeouts): Agent {
  return new Agent(agentOptions(timeouts));
}

/**
 * The account's base URL: its own or the provider's, with the provider's `{key}` parts filled from
 * the account's fields. Throws (401, the account's fault) when one is missing.
 */
export function upstreamBase(
  provider: Pick<ResolvedProvider, 'id' | 'baseUrl' | 'accountFields'>,
  baseOverride?: string,
  fields?: Readonly<Record<string, string>>,
): { base: string; values: Record<string, string> } {
  const base = (baseOverride ?? provider.baseUrl).replace(/\/+$/, '');
  if (!provider.accountFields) return { base, values: {} };
  const values = fieldValues(provider.accountFields, fields);
  const filled = fillFields(base, values);
  if (filled === undefined)
    // The account, not the request, is at fault: the next account or step may serve.
    throw new GatewayError({
      status: 401,
      kind: 'authentication',
      message: `This ${provider.id} account lacks ${provider.accountFields.map((f) => f.key).join('/')} (its fields); set them in the account.`,
    });
  return { base: filled, values };
}

export function upstreamUrl(
  provider: Pick<ResolvedProvider, 'id' | 'baseUrl' | 'accountFields' | 'buildUrl'>,
  format: WireFormat,
  model: string,
  stream: boolean,
  baseOverride?: string,
  /** The account's values for the provider's `{key}` URL parts. */
  fields?: Readonly<Record<string, string>>,
): string {
  const { base, values } = upstreamBase(provider, baseOverride, fields);
  if (provider.buildUrl) return provider.buildUrl({ base, format, model, stream, fields: values });
  return base + codecFor(format).wire.upstreamPath(model, stream);
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
    accept: stream ? (codecFor(format).wire.streamContentType ?? 'text/event-stream') : 'application/json',
    'user-agent': 'omniroute-desktop',
  };
  // Loops, not spreads or Object.entries: this runs for every attempt.
  for (const k in provider.headers) h[k] = provider.headers[k]!;
  const defaults = codecFor(format).wire.defaultHeaders;
  for (const k in defaults) h[k] ??= defaults[k]!;
  for (const k in forwarded) h[k] = forwarded[k]!;
  if (secret) {
    switch (provider.auth) {
      case 'x-api-key':
        h['x-api-key'] = secret;
        break;
      case 'x-goog-api-key':
        h['x-goog-api-key'] = secret;
        break;
      case 'api-key':
        h['api-key'] = secret;
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
