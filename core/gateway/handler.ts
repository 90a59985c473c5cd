import {
  GatewayError,
  type CanonicalRequest,
  type GatewayErrorInfo,
  type WireFormat,
} from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import { errorBody } from '../formats/error-body.js';
import { isRetryable } from './classify.js';
import { ClientSink } from './client-sink.js';
import { modelAllowed } from './key-scope.js';
import { NO_ROUTING, type AttemptRecord, type RoutingHooks } from '../routing/hooks.js';
import type { RequestLogEntry } from '../store/request-log.js';
import { isRowAttempt, type LogDetail } from '../store/log-detail.js';
import { ClientGoneError, parseJsonBody, readBody } from './read-body.js';
import {
  resolvePinned,
  resolvePlan,
  resolveWithFallback,
  type Attempt,
  type Plan,
} from '../runtime/resolve.js';
import { runAttempt, type AttemptOutcome } from './attempt.js';
import { runEndpointAttempt, type EndpointCall } from './endpoint-attempt.js';
import { usageUnits } from './usage-units.js';
import { receiveUpload } from './multipart.js';
import { ClientGone } from './upstream-call.js';
import { applyRequestPolicy, policyActive } from './request-policy.js';
import { mightShare, shareAnswer, type Followed, type StartedFlight } from './shared-answers.js';
import { checkModelName, checkNesting, peekRequest, type RequestPeek } from './peek.js';
import { newRequestId } from '../util/request-id.js';
import { headerSafe } from '../util/header-safe.js';
import { callerLoginFor, withoutOauthBeta } from '../providers/login/index.js';
import { unwrapCodeAssistRequest } from '../formats/gemini/index.js';
import type { CallerLogin } from '../providers/login/types.js';
import type { GatewayContext, GatewayDeps, GeminiCall, InboundCall } from './call.js';

// Named from here by the modules that call into the gateway beside the handler.
export type { GatewayContext, GatewayDeps, InboundCall } from './call.js';

type CallerError = GatewayErrorInfo & { upstreamBody?: string; upstreamStatus?: number; retryAfter?: number };

/**
 * One request on its way through the handler: what it came with, and what each stage learned
 * that the log row written at the end reads. Every field is set here, so each request's object
 * has the same shape.
 */
interface Run {
  c: GatewayContext;
  deps: GatewayDeps;
  format: WireFormat;
  gemini: GeminiCall | undefined;
  endpoint: EndpointCall | undefined;
  sink: ClientSink;
  abort: ClientGone;
  hooks: RoutingHooks;
  started: number;
  records: AttemptRecord[];
  plan: Plan | undefined;
  /** The global fallback's attempts, when it applies to this request (settings.globalFallback). */
  fallbackAttempts: Set<Attempt> | undefined;
  peek: RequestPeek | undefined;
  raw: string | undefined;
  outcome: AttemptOutcome | undefined;
  lastError: CallerError | undefined;
  served: Attempt | undefined;
  /** Set when this request got another request's answer instead of going upstream. */
  sharedFrom: Followed | undefined;
  flights: StartedFlight[];
}

/** One inbound request in any wire format: decode, resolve, try each attempt, answer. */
export async function handleGateway(
  c: GatewayContext,
  deps: GatewayDeps,
  format: WireFormat,
  gemini?: GeminiCall,
  /** A non-chat endpoint (embeddings, rerank…): its codec reads the body, its attempt calls. */
  endpoint?: EndpointCall,
): Promise<void> {
  const started = performance.now();
  const res = c.outgoing;
  const sink = new ClientSink(res);
  sink.setHeaders(200, { 'x-request-id': c.requestId });
  const abort = new ClientGone();
  // `on`: a response closes once, and once() would wrap the listener in another closure.
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const run: Run = {
    c,
    deps,
    format,
    gemini,
    endpoint,
    sink,
    abort,
    hooks: deps.routing ?? NO_ROUTING,
    started,
    records: [],
    plan: undefined,
    fallbackAttempts: undefined,
    peek: undefined,
    raw: undefined,
    outcome: undefined,
    lastError: undefined,
    served: undefined,
    sharedFrom: undefined,
    flights: [],
  };
  try {
    await serve(run);
  } catch (err) {
    failed(run, err);
  } finally {
    finish(run);
  }
}

/** The request's body as read: its JSON, the part a format's peek reads, and its lazy decode. */
interface Received {
  body: Record<string, unknown>;
  /** Code Assist: the Gemini request inside the envelope; otherwise `body`. */
  inner: Record<string, unknown>;
  decode(): CanonicalRequest;
  /** Whether the request policies (global system prompt, thinking modes) edit this request. */
  policy: boolean;
}

/** Reads and checks the caller's body, and learns the model it asks for (`run.peek`). */
async function receive(run: Run): Promise<Received> {
  const { c, format, gemini, endpoint } = run;
  const settings = run.deps.rt.settings;
  let body: Record<string, unknown>;
  if (endpoint?.codec.multipart) {
    // A file upload: spooled to disk as it arrives (its own size limit), never held whole.
    endpoint.upload = await receiveUpload(
      c.incoming,
      settings.uploadLimitMb * 1024 * 1024,
      settings.requestBodyTimeoutMs,
    );
    run.raw = '';
    body = {};
  } else {
    run.raw = (
      await readBody(c.incoming, settings.bodyLimitMb * 1024 * 1024, settings.requestBodyTimeoutMs)
    ).toString('utf8');
    body = parseJsonBody(run.raw);
  }
  checkNesting(body);
  // Code Assist names the model inside its envelope; the Gemini request is under `request`.
  let inner = body;
  if (gemini?.codeAssist) {
    const unwrapped = unwrapCodeAssistRequest(body);
    inner = unwrapped.request;
    gemini.model = unwrapped.model;
  }
  let canonical: CanonicalRequest | undefined;
  const decode = (): CanonicalRequest =>
    (canonical ??= codecFor(format).decodeRequest(
      body,
      gemini ? { model: gemini.model, stream: gemini.stream, codeAssist: gemini.codeAssist } : undefined,
    ));
  // The request policies edit chat requests.
  const policy = !endpoint && policyActive(settings);
  // A policy edits the canonical request too, so it must be decoded before the body changes.
  if (policy) decode();
  if (endpoint)
    endpoint.request = endpoint.codec.decodeRequest(endpoint.shape, body, {
      model: gemini?.model,
      action: endpoint.action,
      upload: endpoint.upload,
    });
  run.peek = endpoint?.request ?? (canonical ? peekOf(canonical) : peekRequest(format, inner, gemini));
  checkModelName(run.peek.model);
  return { body, inner, decode, policy };
}

/** Receive, check, share, admit, resolve, then try the attempts in order until one answers. */
async function serve(run: Run): Promise<void> {
  const { c, deps, format, sink, hooks } = run;
  const { rt } = deps;
  const received = await receive(run);
  const peek = run.peek!;
  const pinned = c.pin === undefined ? undefined : resolvePinned(rt, c.pin, peek.model);
  const key = c.apiKey;
  if (key && !modelAllowed(key.models, pinned?.name ?? peek.model)) {
    throw new GatewayError({
      status: 403,
      kind: 'permission',
      param: 'model',
      message: `This API key may not use model "${pinned?.name ?? peek.model}".`,
    });
  }
  const settings = rt.settings;
  const bodyChanged = received.policy
    ? applyRequestPolicy(format, received.inner, received.decode(), settings)
    : false;
  const shared = deps.shared;
  if (shared && mightShare(c, peek, settings)) {
    const share = await shareAnswer({
      c,
      deps,
      shared,
      sink,
      format,
      raw: run.raw!,
      peek,
      flights: run.flights,
    });
    if (share.followed) {
      run.sharedFrom = share.followed;
      return;
    }
    if (share.recorder) sink.recorder = share.recorder;
  }
  const refused = hooks.admit({ apiKeyId: key?.id, model: peek.model });
  if (refused) {
    // Answered here, not thrown: a GatewayError would drop the Retry-After of the reset.
    run.lastError = refused;
    respondError(sink, format, refused, run.records);
    return;
  }
  const fallback = resolveRoute(run, pinned?.plan);
  const call = inboundCall(run, received, bodyChanged);
  const ordered = orderAttempts(run, fallback);
  // Decoded (and so validated in depth) before the first attempt when any attempt translates:
  // an invalid request is the caller's 400, never a failure counted against a provider.
  if (
    !run.endpoint &&
    ordered.some((a) => !a.provider.formats.includes(format) || (call.codeAssist && !a.provider.login))
  )
    received.decode();
  await tryAttempts(run, call, ordered);
  if (!run.served && !sink.started) {
    run.lastError = restingError(run, ordered) ?? run.lastError;
    if (run.lastError) respondError(sink, format, run.lastError, run.records);
  }
}

/**
 * The plan (`run.plan`): the pinned provider's, or the model's with the global fallback where it
 * applies. Returns the fallback's plan when it comes after the model's own routes.
 */
function resolveRoute(run: Run, pinned: Plan | undefined): Plan | undefined {
  const { rt } = run.deps;
  const { peek, endpoint } = run;
  const key = run.c.apiKey;
  let resolved: ReturnType<typeof resolveWithFallback> = pinned
    ? { plan: pinned }
    : resolveWithFallback(rt, peek!.model, endpoint?.codec.kind);
  // A key limited to some models may use the global fallback only when it may use its combo.
  const viaFallback = resolved.replaced ? resolved.plan : resolved.fallback;
  if (viaFallback && key && !modelAllowed(key.models, viaFallback.combo!))
    resolved = resolved.replaced
      ? { plan: resolvePlan(rt, peek!.model, endpoint?.codec.kind) }
      : { plan: resolved.plan };
  const plan = (run.plan = resolved.plan);
  if (resolved.replaced) run.fallbackAttempts = new Set(plan.attempts);
  if (plan.attempts.length === 0) {
    throw new GatewayError({
      status: 503,
      kind: 'overloaded',
      message: rt.settings.offlineMode
        ? `Offline mode: no local provider can serve "${peek!.model}". Turn offline mode off, or add a local step (Ollama, LM Studio) to the combo.`
        : `No enabled account can serve "${peek!.model}". Add an account to the provider in the dashboard or with POST /api/connections.`,
    });
  }
  return resolved.fallback;
}

/** The plan's attempts in the order the routing tries them, the global fallback's last. */
function orderAttempts(run: Run, fallback: Plan | undefined): Attempt[] {
  const ctx = { apiKeyId: run.c.apiKey?.id };
  const ordered = run.hooks.order(run.plan!, ctx);
  if (!fallback) return ordered;
  // After every route of the model asked for: only a failure before the first byte gets here.
  const more = run.hooks.order(fallback, ctx);
  run.fallbackAttempts = new Set(more);
  return [...ordered, ...more];
}

/** What every attempt of this request is given; login steps get the caller's own login. */
function inboundCall(run: Run, received: Received, bodyChanged: boolean): InboundCall {
  const { c, format, gemini, endpoint } = run;
  const rt = run.deps.rt;
  const plan = run.plan!;
  const clientHeaders: Record<string, string> = {};
  for (const h of codecFor(format).wire.forwardedHeaders ?? []) {
    const v = c.header(h);
    if (v) clientHeaders[h] = v;
  }
  // Claude Code's OAuth flag means "this is a login token": an API-key step must not send it,
  // whether or not a login provider exists (a login step forwards the caller's own headers).
  if (clientHeaders['anthropic-beta'])
    clientHeaders['anthropic-beta'] = withoutOauthBeta(clientHeaders['anthropic-beta']);
  // Login steps take the caller's own credential; no other step ever sees it.
  let login: CallerLogin | undefined;
  if (!endpoint && rt.loginProviders.length && plan.attempts.some((a) => a.provider.login)) {
    login = callerLoginFor(format, gemini?.codeAssist === true, c.header);
    for (const a of plan.attempts) if (a.provider.login && login?.kind === a.provider.login) a.login = login;
  }
  const url = c.url;
  const peek = run.peek!;
  return {
    format,
    raw: run.raw!,
    body: received.body,
    canonical: received.decode,
    model: peek.model,
    stream: peek.stream,
    requestId: c.requestId,
    clientHeaders,
    query: codecFor(format).wire.forwardsQuery && url.includes('?') ? url.slice(url.indexOf('?')) : '',
    jsonArrayStream: gemini ? gemini.stream && !gemini.altSse : false,
    signal: run.abort,
    bodyChanged,
    url,
    incomingHeaders: c.incoming.headers,
    codeAssist: gemini?.codeAssist === true,
    login,
  };
}

/** Tries each attempt in turn until one answers, the caller has bytes, or a failure is final. */
async function tryAttempts(run: Run, call: InboundCall, ordered: Attempt[]): Promise<void> {
  const { sink, hooks, records } = run;
  const apiKeyId = run.c.apiKey?.id;
  for (const attempt of ordered) {
    if (run.abort.aborted) break;
    const skip =
      attempt.provider.login && !attempt.login
        ? 'no login from the caller'
        : hooks.beforeAttempt(attempt, { apiKeyId });
    if (skip) {
      records.push(attemptRecord(attempt, 0, 0, undefined, undefined, skip));
      run.lastError ??= { status: 503, kind: 'overloaded', message: `${attempt.provider.id}: ${skip}` };
      continue;
    }
    const outcome = (run.outcome = await tryAttempt(run, call, attempt));
    if (outcome.ok) {
      run.served = attempt;
      break;
    }
    run.lastError = outcome.error;
    run.deps.logger.debug('attempt failed', {
      requestId: call.requestId,
      provider: attempt.provider.id,
      status: records.at(-1)!.status,
      kind: outcome.error.kind,
    });
    if (sink.started || !isRetryable(outcome.error) || outcome.error.toCaller) break;
  }
}

/** One attempt the routing let through: its headers, its call, its record and the routing's. */
async function tryAttempt(run: Run, call: InboundCall, attempt: Attempt): Promise<AttemptOutcome> {
  const { sink, hooks, records, endpoint, deps } = run;
  const t0 = performance.now();
  const firstByteBefore = sink.firstByteAt;
  sink.setHeaders(200, {
    // A combo step or an alias capture may hold any text: a header takes only Latin-1.
    'x-omniroute-route': headerSafe(`${attempt.provider.id}/${attempt.model}`),
    'x-omniroute-provider': attempt.provider.id,
    'x-omniroute-attempts': String(records.filter((r) => !r.skipped).length + 1),
  });
  if (run.fallbackAttempts?.has(attempt)) sink.setHeaders(200, { 'x-omniroute-fallback': 'global' });
  let outcome: AttemptOutcome;
  try {
    outcome = endpoint
      ? await runEndpointAttempt(deps, call, attempt, sink, endpoint)
      : await runAttempt(deps, call, attempt, sink);
  } catch (err) {
    // Whatever beforeAttempt took (limiter slot, in-flight count) must be given back.
    hooks.afterAttempt(attempt, {
      ok: false,
      status: 502,
      error: { status: 502, kind: 'upstream', message: (err as Error)?.message ?? 'attempt failed' },
      latencyMs: round(performance.now() - t0),
    });
    throw err;
  }
  const latencyMs = round(performance.now() - t0);
  const ttfbMs =
    sink.firstByteAt !== firstByteBefore && sink.firstByteAt ? round(sink.firstByteAt - t0) : undefined;
  const rec = attemptRecord(
    attempt,
    outcome.ok ? outcome.status : (outcome.error.upstreamStatus ?? outcome.error.status),
    latencyMs,
    ttfbMs,
    outcome.ok ? outcome.midStreamError : outcome.error.message,
  );
  records.push(rec);
  hooks.afterAttempt(attempt, {
    ok: outcome.ok,
    status: rec.status,
    error: outcome.ok ? undefined : outcome.error,
    headers: outcome.headers,
    usage: outcome.ok ? outcome.usage : undefined,
    latencyMs,
    ttfbMs,
  });
  return outcome;
}

/**
 * Nothing was tried, every route is resting (lockouts, an exhausted plan or quota, a budget):
 * the caller learns when the first comes back, as a 429 its SDK knows how to wait for.
 */
function restingError(run: Run, ordered: Attempt[]): CallerError | undefined {
  const { records, hooks } = run;
  if (!records.length || !records.every((r) => r.skipped) || !hooks.retryAt) return undefined;
  const until = hooks.retryAt(ordered);
  if (until === undefined) return undefined;
  return {
    status: 429,
    kind: 'rate_limit',
    message: `Every route for "${run.peek!.model}" is resting (${records.map((r) => `${r.providerId}: ${r.skipped}`).join('; ')}); the first is back at ${new Date(until).toISOString()}.`,
    retryAfter: Math.max(1, Math.ceil((until - Date.now()) / 1000)),
  };
}

/** A request that threw: its error in the caller's format, or the stream cut where it stood. */
function failed(run: Run, err: unknown): void {
  const { requestId } = run.c;
  const e =
    err instanceof GatewayError
      ? err.toInfo()
      : ({
          status: 500,
          kind: 'api',
          message: `Internal error (request ${requestId}).`,
        } as GatewayErrorInfo);
  if (err instanceof ClientGoneError)
    run.deps.logger.info('client went away', { requestId, error: err.message });
  else if (!(err instanceof GatewayError))
    run.deps.logger.error('gateway error', { requestId, error: (err as Error)?.message });
  run.lastError = e;
  if (!run.sink.started) respondError(run.sink, run.format, e, run.records);
  else run.sink.end();
}

/** The request is over, however it ended: release what it held, write its log row, tell the hosts. */
function finish(run: Run): void {
  const { deps, sink, endpoint, served, outcome, lastError, sharedFrom, plan, records } = run;
  const { rt } = deps;
  const requestId = run.c.requestId;
  sink.abandon();
  void endpoint?.upload?.dispose();
  for (const f of run.flights) deps.shared?.flights.release(f.key, f.flight, f.keepMs);
  const usage = outcome?.ok ? outcome.usage : undefined;
  const viaFallback = served !== undefined && run.fallbackAttempts?.has(served) === true;
  const entry: RequestLogEntry = {
    // A replay may carry the first request's own X-Request-Id: its log row needs its own id.
    id: sharedFrom && sharedFrom.leaderId === requestId ? newRequestId() : requestId,
    ts: Date.now(),
    apiKeyId: run.c.apiKey?.id,
    callerFormat: run.format,
    requestedModel: run.peek?.model,
    combo: viaFallback ? rt.settings.globalFallback! : plan?.combo,
    providerId: served?.provider.id,
    connectionId: served?.connection?.id,
    upstreamModel: served?.model,
    attempts: records.filter((r) => !r.skipped).length,
    status: sharedFrom
      ? sharedFrom.status
      : served && outcome?.ok
        ? outcome.status
        : (lastError?.upstreamStatus ?? lastError?.status ?? 500),
    stream: run.peek?.stream ?? false,
    latencyMs: round(performance.now() - run.started),
    ttfbMs: sink.firstByteAt === undefined ? undefined : round(sink.firstByteAt - run.started),
    inputTokens: usage?.inputTokens,
    outputTokens: usage?.outputTokens,
    cachedTokens: usage?.cachedInputTokens,
    cacheWriteTokens: usage?.cacheCreationInputTokens,
    reasoningTokens: usage?.reasoningTokens,
    ...(endpoint ? usageUnits(endpoint.codec.kind, usage) : {}),
    costUsd: served ? run.hooks.cost(served.model, served.provider.id, usage) : undefined,
    error: sharedFrom
      ? undefined
      : served
        ? outcome?.ok
          ? outcome.midStreamError
          : undefined
        : lastError?.message,
    detail: undefined,
  };
  entry.detail = logDetail(entry, sharedFrom, plan, records, rt.settings.debugLogging ? run.raw : undefined);
  if (viaFallback)
    entry.detail = { ...(entry.detail ?? { steps: [], attempts: records }), globalFallback: entry.combo! };
  rt.store.requestLog.record(entry);
  run.hooks.finished(entry);
  if (rt.events.listened('request-finished'))
    rt.events.emit('request-finished', {
      id: requestId,
      status: entry.status,
      route: served ? `${served.provider.id}/${served.model}` : undefined,
      fallback: entry.attempts > 1,
      entry,
    });
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One attempt's line in the log; built field by field, not spread: it runs on every request. */
function attemptRecord(
  a: Attempt,
  status: number,
  latencyMs: number,
  ttfbMs?: number,
  error?: string,
  skipped?: string,
): AttemptRecord {
  const rec: AttemptRecord = {
    providerId: a.provider.id,
    connectionId: a.connection?.id,
    upstreamModel: a.model,
    step: a.step,
    status,
    latencyMs,
    ttfbMs,
    error,
  };
  if (skipped !== undefined) rec.skipped = skipped;
  return rec;
}

function respondError(
  sink: ClientSink,
  format: WireFormat,
  e: GatewayErrorInfo & { upstreamBody?: string; upstreamStatus?: number; retryAfter?: number },
  records: AttemptRecord[],
): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const tried = records.filter((r) => !r.skipped);
  if (tried.length) headers['x-omniroute-attempts'] = String(tried.length);
  const last = tried.at(-1) ?? records.at(-1);
  if (last) headers['x-omniroute-provider'] = last.providerId;
  if (e.retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(e.retryAfter));
  // Same format: the upstream's own error body says most; otherwise translate it, with the code
  // the answer goes out with (a Gemini body names it).
  const status = e.upstreamStatus ?? e.status;
  const body =
    e.upstreamBody ?? JSON.stringify(errorBody(format, status === e.status ? e : { ...e, status }));
  sink.send(status, headers, body);
}

/**
 * The log row's `detail`: the route, each attempt, and what a shared or debug-logged request adds.
 * None for the common request, one direct attempt that answered: its route and attempt are the
 * row's own columns, and the log API rebuilds them from those (expandLogDetail). Serialising and
 * storing that duplicate was about a tenth of the gateway's CPU per request at full load.
 */
function logDetail(
  entry: RequestLogEntry,
  sharedFrom: { via: string; leaderId: string } | undefined,
  plan: { combo?: string; attempts: Attempt[] } | undefined,
  records: AttemptRecord[],
  debugBody: string | undefined,
): LogDetail | undefined {
  if (
    !sharedFrom &&
    !debugBody &&
    plan &&
    !plan.combo &&
    plan.attempts.length === 1 &&
    records.length === 1 &&
    isRowAttempt(records[0]!, entry)
  )
    return undefined;
  const steps: string[] = [];
  if (plan) for (const a of plan.attempts) steps.push(`${a.provider.id}/${a.model}`);
  const detail: LogDetail = { steps, attempts: records };
  if (sharedFrom) detail.shared = { via: sharedFrom.via, from: sharedFrom.leaderId };
  // Cut (with a marker naming the full size) by the request-log writer, to logBodyMaxKb.
  if (debugBody) detail.requestBody = debugBody;
  return detail;
}

function peekOf(c: CanonicalRequest): RequestPeek {
  return {
    model: c.model,
    stream: c.stream,
    ...(c.temperature !== undefined ? { temperature: c.temperature } : {}),
  };
}
