import type { Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Agent } from 'undici';
import {
  GatewayError,
  type CanonicalRequest,
  type GatewayErrorInfo,
  type Usage,
  type WireFormat,
} from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import type { Runtime } from '../runtime/runtime.js';
import type { AppEnv } from '../server/env.js';
import { errorBody } from '../server/error-body.js';
import type { Logger } from '../util/logger.js';
import { isRetryable, retryAfterSeconds } from './classify.js';
import { ClientSink } from './client-sink.js';
import { modelAllowed } from './key-scope.js';
import { parseJsonBody, readBody } from './read-body.js';
import { resolvePlan, type Attempt } from './resolve.js';
import { runAttempt, type AttemptOutcome } from './attempt.js';

export interface GatewayDeps {
  rt: Runtime;
  dispatcher: Agent;
  logger: Logger;
}

export interface InboundCall {
  format: WireFormat;
  /** The caller's body as received, for same-format passthrough. */
  raw: string;
  body: Record<string, unknown>;
  canonical: CanonicalRequest;
  requestId: string;
  /** Headers a provider needs from its own clients (anthropic-version, anthropic-beta). */
  clientHeaders: Record<string, string>;
  /** Query the caller sent that a same-format upstream should see (Claude Code's `beta=true`). */
  query: string;
  /** Gemini: `:streamGenerateContent` without `alt=sse` answers a JSON array. */
  jsonArrayStream: boolean;
  signal: AbortSignal;
}

const FORWARDED_HEADERS = ['anthropic-version', 'anthropic-beta'];

/** One inbound request in any wire format: decode, resolve, try each attempt, answer. */
export async function handleGateway(
  c: Context<AppEnv>,
  deps: GatewayDeps,
  format: WireFormat,
  gemini?: { model: string; stream: boolean; altSse: boolean },
): Promise<Response> {
  const started = performance.now();
  const { rt } = deps;
  const requestId = c.get('requestId');
  const res = c.env.outgoing;
  const sink = new ClientSink(res);
  sink.setHeaders(200, { 'x-request-id': requestId });
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });

  const attemptsLog: string[] = [];
  let plan: ReturnType<typeof resolvePlan> | undefined;
  let canonical: CanonicalRequest | undefined;
  let outcome: AttemptOutcome | undefined;
  let lastError:
    (GatewayErrorInfo & { upstreamBody?: string; upstreamStatus?: number; retryAfter?: number }) | undefined;
  let served: Attempt | undefined;
  try {
    const raw = (await readBody(c.env.incoming, rt.settings.bodyLimitMb * 1024 * 1024)).toString('utf8');
    const body = parseJsonBody(raw);
    const codec = codecFor(format);
    canonical = codec.decodeRequest(
      body,
      gemini ? { model: gemini.model, stream: gemini.stream } : undefined,
    );
    const key = c.get('apiKey');
    if (key && !modelAllowed(key.models, canonical.model)) {
      throw new GatewayError({
        status: 403,
        kind: 'permission',
        param: 'model',
        message: `This API key may not use model "${canonical.model}".`,
      });
    }
    plan = resolvePlan(rt, canonical.model);
    if (plan.attempts.length === 0) {
      throw new GatewayError({
        status: 503,
        kind: 'overloaded',
        message: rt.settings.offlineMode
          ? `Offline mode: no local provider can serve "${canonical.model}". Turn offline mode off, or add a local step (Ollama, LM Studio) to the combo.`
          : `No enabled account can serve "${canonical.model}". Add an account to the provider in the dashboard or with POST /api/connections.`,
      });
    }
    const clientHeaders: Record<string, string> = {};
    for (const h of FORWARDED_HEADERS) {
      const v = c.req.header(h);
      if (v) clientHeaders[h] = v;
    }
    const url = c.req.url;
    const call: InboundCall = {
      format,
      raw,
      body,
      canonical,
      requestId,
      clientHeaders,
      query: format === 'anthropic' ? (url.includes('?') ? url.slice(url.indexOf('?')) : '') : '',
      jsonArrayStream: gemini ? gemini.stream && !gemini.altSse : false,
      signal: abort.signal,
    };
    for (const attempt of plan.attempts) {
      if (abort.signal.aborted) break;
      attemptsLog.push(`${attempt.provider.id}/${attempt.connection?.name ?? '-'}`);
      sink.setHeaders(200, {
        'x-omniroute-route': `${attempt.provider.id}/${attempt.model}`,
        'x-omniroute-provider': attempt.provider.id,
        'x-omniroute-attempts': String(attemptsLog.length),
      });
      outcome = await runAttempt(deps, call, attempt, sink);
      if (outcome.ok) {
        served = attempt;
        break;
      }
      lastError = outcome.error;
      deps.logger.debug('attempt failed', {
        requestId,
        provider: attempt.provider.id,
        status: lastError.status,
        kind: lastError.kind,
      });
      if (sink.started || !isRetryable(outcome.error)) break;
    }
    if (!served && lastError && !sink.started)
      respondError(sink, format, lastError, attemptsLog, plan.attempts.at(attemptsLog.length - 1));
  } catch (err) {
    const e =
      err instanceof GatewayError
        ? err.toInfo()
        : ({
            status: 500,
            kind: 'api',
            message: `Internal error (request ${requestId}).`,
          } as GatewayErrorInfo);
    if (!(err instanceof GatewayError))
      deps.logger.error('gateway error', { requestId, error: (err as Error)?.message });
    lastError = e;
    if (!sink.started) respondError(sink, format, e, attemptsLog);
    else sink.end();
  } finally {
    record(deps, {
      requestId,
      format,
      canonical,
      plan,
      served,
      attempts: attemptsLog.length,
      status: served
        ? outcome?.ok
          ? outcome.status
          : 200
        : (lastError?.upstreamStatus ?? lastError?.status ?? 500),
      started,
      ttfb: sink.firstByteAt,
      usage: outcome?.ok ? outcome.usage : undefined,
      error: served ? (outcome?.ok ? outcome.midStreamError : undefined) : lastError?.message,
      apiKeyId: c.get('apiKey')?.id,
    });
  }
  return RESPONSE_ALREADY_SENT;
}

function respondError(
  sink: ClientSink,
  format: WireFormat,
  e: GatewayErrorInfo & { upstreamBody?: string; upstreamStatus?: number; retryAfter?: number },
  attempts: string[],
  attempt?: Attempt,
): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (attempts.length) headers['x-omniroute-attempts'] = String(attempts.length);
  if (attempt) headers['x-omniroute-provider'] = attempt.provider.id;
  if (e.retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(e.retryAfter));
  // Same format: the upstream's own error body says most; otherwise translate it.
  const body = e.upstreamBody ?? JSON.stringify(errorBody(format, e));
  sink.send(e.upstreamStatus ?? e.status, headers, body);
}

function record(
  deps: GatewayDeps,
  r: {
    requestId: string;
    format: WireFormat;
    canonical?: CanonicalRequest;
    plan?: ReturnType<typeof resolvePlan>;
    served?: Attempt;
    attempts: number;
    status: number;
    started: number;
    ttfb?: number;
    usage?: Partial<Usage>;
    error?: string;
    apiKeyId?: string;
  },
): void {
  const now = performance.now();
  deps.rt.store.requestLog.record({
    id: r.requestId,
    ts: Date.now(),
    apiKeyId: r.apiKeyId,
    callerFormat: r.format,
    requestedModel: r.canonical?.model,
    providerId: r.served?.provider.id,
    connectionId: r.served?.connection?.id,
    upstreamModel: r.served?.model,
    attempts: r.attempts,
    status: r.status,
    stream: r.canonical?.stream ?? false,
    latencyMs: Math.round((now - r.started) * 100) / 100,
    ttfbMs: r.ttfb === undefined ? undefined : Math.round((r.ttfb - r.started) * 100) / 100,
    inputTokens: r.usage?.inputTokens,
    outputTokens: r.usage?.outputTokens,
    cachedTokens: r.usage?.cachedInputTokens,
    reasoningTokens: r.usage?.reasoningTokens,
    error: r.error,
  });
  deps.rt.events.emit('request-finished', {
    id: r.requestId,
    status: r.status,
    route: r.served ? `${r.served.provider.id}/${r.served.model}` : undefined,
    fallback: r.attempts > 1,
  });
}

export { retryAfterSeconds };
