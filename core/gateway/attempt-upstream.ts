import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { GatewayError, type GatewayErrorInfo, type Usage, type WireFormat } from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import type { Attempt } from '../runtime/resolve.js';
import { describeTimeouts, headTimeoutMs, stallTimeoutMs } from '../runtime/timeouts.js';
import { redactErrorInfo, redactSecrets } from '../util/redact-secrets.js';
import type { GatewayDeps, InboundCall } from './call.js';
import { retryAfterSeconds } from './classify.js';
import type { ClientSink } from './client-sink.js';
import { callUpstream, type UpstreamHeaders, type UpstreamResponse } from './upstream-call.js';
import { transportError } from './upstream.js';

// What a chat attempt (attempt.ts) and a non-chat one (endpoint-attempt.ts) do alike once they
// know what to send: the account's credential, the call itself with its time limits, the
// upstream's refusal read in its format, a relay that broke. Kept once so the two cannot drift.

export type AttemptOutcome =
  | { ok: true; status: number; usage: Partial<Usage>; midStreamError?: string; headers?: UpstreamHeaders }
  | {
      ok: false;
      headers?: UpstreamHeaders;
      error: GatewayErrorInfo & {
        upstreamBody?: string;
        upstreamStatus?: number;
        retryAfter?: number;
        transport?: string;
        /** The upstream's parsed error body (Gemini puts RetryInfo there). */
        errorBody?: unknown;
        /**
         * The caller must see this answer itself, not a fallback's: its own login was refused
         * (expired or revoked), and only the caller can refresh it.
         */
        toCaller?: boolean;
      };
    };

/** One attempt's upstream call, as both kinds of attempt describe it. */
export interface UpstreamSend {
  deps: GatewayDeps;
  call: InboundCall;
  attempt: Attempt;
  /** The format whose time limits apply and whose codec reads the upstream's error body. */
  format: WireFormat;
  stream: boolean;
  dispatcher: Dispatcher;
  /** What this attempt sent that an upstream's text might quote back; asked only on a failure. */
  secrets: () => string[];
}

/** The account's proxy, or the gateway's own dispatcher. */
export function dispatcherFor(deps: GatewayDeps, attempt: Attempt): Dispatcher {
  return deps.proxies?.for(attempt.provider, attempt.connection) ?? deps.dispatcher;
}

/**
 * The account's credential as it is sent: a signed-in account's access token (refreshed when
 * about to expire, or when `rejected` was just refused) when `signedIn`, else its stored key; a
 * service-account key is never sent, the short-lived token it is exchanged for is.
 * Throws a GatewayError when the sign-in or the exchange fails.
 */
export async function accountSecret(
  deps: GatewayDeps,
  attempt: Attempt,
  dispatcher: Dispatcher,
  signedIn: boolean,
  rejected?: string,
): Promise<string | undefined> {
  const { provider, connection } = attempt;
  let secret: string | undefined;
  if (signedIn && connection && provider.signIn && deps.planAccounts)
    secret = await deps.planAccounts.accessToken(connection, rejected);
  else secret = connection ? deps.rt.secret(connection.id) : undefined;
  if (secret && provider.accessToken) secret = await provider.accessToken(secret, dispatcher, rejected);
  return secret;
}

/** A GatewayError thrown while preparing the call is this attempt's failure; anything else a bug. */
export function preparationFailed(err: unknown): AttemptOutcome {
  if (err instanceof GatewayError) return { ok: false, error: err.toInfo() };
  throw err;
}

/** Sends the request; a transport failure (refused, timed out, cut) is the attempt's outcome. */
export async function sendUpstream(
  s: UpstreamSend,
  target: { origin: string; path: string; headers: Record<string, string> },
  body: string | Readable,
): Promise<UpstreamResponse | AttemptOutcome> {
  const { deps, attempt, format, stream } = s;
  try {
    return await callUpstream(s.dispatcher, {
      origin: target.origin,
      path: target.path,
      headers: target.headers,
      body,
      signal: s.call.signal,
      // Read now, not when the dispatcher was made: a changed setting applies to this request.
      headersTimeout: headTimeoutMs(deps.rt.timeouts, attempt.provider, format, stream),
      bodyTimeout: stallTimeoutMs(deps.rt.timeouts, attempt.provider),
    });
  } catch (err) {
    const limits = describeTimeouts(deps.rt.timeouts, attempt.provider, format, stream);
    const e = transportError(err, attempt.provider.id, deps.proxies?.label(s.dispatcher), limits);
    e.message = redactSecrets(e.message, s.secrets());
    return { ok: false, error: e };
  }
}

/**
 * An upstream's error answer (status >= 400, its body already read as `received`) as the
 * attempt's failure, decoded by the format's codec so the handler can classify it.
 */
export function refusal(
  s: UpstreamSend,
  up: UpstreamResponse,
  received: string,
  /** The caller's own body went upstream: a JSON error body can go back to it as it came. */
  passthrough: boolean,
  toCaller: boolean,
): AttemptOutcome {
  // A vendor may quote the credential it was sent ("Incorrect API key provided: sk-…"): it is
  // gone here, before the text becomes the caller's answer, a log line or request_log.error.
  const text = redactSecrets(received, s.secrets());
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  // The decoder reads {error:{…}}, {message} (Cohere) and {detail} (Voyage) alike.
  const info = codecFor(s.format).decodeError(up.statusCode, parsed);
  const retryAfter = retryAfterSeconds(up.headers) ?? (info as { retryAfter?: number }).retryAfter;
  return {
    ok: false,
    headers: up.headers,
    error: {
      ...info,
      status: up.statusCode,
      message: info.message || `${s.attempt.provider.id} answered ${up.statusCode}`,
      retryAfter,
      upstreamStatus: up.statusCode,
      // Passed on as it came only when the caller's SDK can read it: an HTML error page (a
      // proxy's, a load balancer's) becomes our own error in the caller's format.
      ...(passthrough && text && isJsonObject(parsed) ? { upstreamBody: text } : {}),
      errorBody: parsed,
      ...(toCaller ? { toCaller: true } : {}),
    },
  };
}

/**
 * A relay that threw: before anything reached the caller it is a failed attempt (the handler
 * may still fall back); after, the caller's answer is broken and the error goes on up.
 */
export function relayFailed(
  s: UpstreamSend,
  err: unknown,
  up: UpstreamResponse,
  sink: ClientSink,
  /** The mode whose time limits the message names. */
  stream: boolean,
): AttemptOutcome {
  const e = redactErrorInfo(
    err instanceof GatewayError
      ? err.toInfo()
      : transportError(
          err,
          s.attempt.provider.id,
          undefined,
          describeTimeouts(s.deps.rt.timeouts, s.attempt.provider, s.format, stream),
        ),
    s.secrets(),
  );
  if (!sink.started) return { ok: false, error: e, headers: up.headers };
  throw err;
}

export function isJsonObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
