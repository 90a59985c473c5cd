import { GatewayError, type WireFormat } from '../formats/canonical.js';
import type { RequestPeek } from './peek.js';
import { errorBody } from '../formats/error-body.js';
import type { ClientSink } from './client-sink.js';
import type { GatewayContext, GatewayDeps } from './call.js';
import { requestFingerprint, type CachedResponse, type ResponseCache } from './response-cache.js';
import { teeRecorder, type Flight, type FlightTable, type ResponseRecorder } from './shared-flight.js';

// One upstream call, several callers. Three cases, checked in this order:
// - idempotency: a retry carrying the same Idempotency-Key (or X-Request-Id) within the window
//   gets the first attempt's answer, even while it is still streaming;
// - cache: an identical non-streamed temperature-0 request within the TTL gets the stored answer;
// - coalescing: an identical temperature-0 request arriving while one is in flight attaches to it.
// Only temperature 0 is shared: any other request expects its own sample.

/** A flight this request started, released by the handler when the request is over. */
export interface StartedFlight {
  key: string;
  flight: Flight;
  keepMs: number;
}

/** What shareAnswer reads of one request, and where it puts the flights it starts. */
export interface ShareRequest {
  c: GatewayContext;
  deps: GatewayDeps;
  shared: { cache: ResponseCache; flights: FlightTable };
  /** The caller's response, before any attempt: shared answers set headers on it. */
  sink: ClientSink;
  format: WireFormat;
  /** The caller's body as received: with the path (and for the cache, the policies) it is the request's identity. */
  raw: string;
  peek: RequestPeek;
  flights: StartedFlight[];
}

export interface Followed {
  via: 'cache' | 'idempotent' | 'coalesced';
  leaderId: string;
  status: number;
}

export interface ShareDecision {
  /** This request was answered from another one. */
  followed?: Followed;
  /** What the request that goes upstream must record for the others. */
  recorder?: ResponseRecorder;
}

/** Response headers worth keeping with a cached answer; ids and attempt counts are per request. */
const CACHED_HEADERS = ['content-type', 'x-omniroute-route', 'x-omniroute-provider'];

/**
 * Whether shareAnswer could do anything for this request: most requests (no idempotency header,
 * a temperature other than 0) skip it without paying for an async call.
 */
export function mightShare(
  c: GatewayContext,
  peek: RequestPeek,
  settings: { idempotencyWindowMs: number },
): boolean {
  if (peek.temperature === 0) return true;
  return (
    settings.idempotencyWindowMs > 0 &&
    (c.header('idempotency-key') !== undefined || c.header('x-request-id') !== undefined)
  );
}

/**
 * Answers this request from another one when it can (`followed`); otherwise what the request
 * that goes upstream must record for those that will share its answer.
 */
export async function shareAnswer(req: ShareRequest): Promise<ShareDecision> {
  // Where this request's answer goes beside its caller: the flights it starts, the cache.
  const recorders: ResponseRecorder[] = [];
  const followed =
    (req.deps.rt.settings.idempotencyWindowMs > 0 ? await byIdempotency(req, recorders) : undefined) ??
    (await byIdentity(req, recorders));
  return followed ? { followed } : { recorder: teeRecorder(recorders) };
}

/** Attaches this caller to a flight: its answer as it comes, or from the start when it is over. */
async function follow(
  req: ShareRequest,
  recorders: ResponseRecorder[],
  flight: Flight,
  via: Followed['via'],
): Promise<Followed> {
  const failed = () => ({
    status: 502,
    body: JSON.stringify(
      errorBody(req.format, {
        status: 502,
        kind: 'upstream',
        message: 'The identical request this one shared an answer with ended without one; retry.',
      }),
    ),
  });
  const r = await flight.follow(
    req.c.outgoing,
    { 'x-request-id': req.c.requestId, 'x-omniroute-shared': `${via}; from=${flight.leaderId}` },
    failed,
    teeRecorder(recorders),
  );
  return { via, leaderId: flight.leaderId, status: r.status };
}

/** A retry with the Idempotency-Key (or X-Request-Id) of a request within the window. */
async function byIdempotency(
  req: ShareRequest,
  recorders: ResponseRecorder[],
): Promise<Followed | undefined> {
  const { c, shared } = req;
  const windowMs = req.deps.rt.settings.idempotencyWindowMs;
  const explicit = c.header('idempotency-key');
  const key = explicit ?? c.header('x-request-id');
  if (!key) return undefined;
  const flightKey = `idem\0${c.apiKey?.id ?? ''}\0${key}`;
  const bodyHash = requestFingerprint([req.format, c.url], req.raw);
  const found = shared.flights.get(flightKey);
  // A first request whose caller went away before any answer left nothing to share: its
  // retry is a new request (following it would answer 502 for the whole window).
  const existing = found && !(found.done && found.status === undefined) ? found : undefined;
  if (existing && existing.bodyHash === bodyHash) {
    if (!existing.replayable)
      throw new GatewayError({
        status: 409,
        kind: 'invalid_request',
        message:
          'The first request with this Idempotency-Key produced more than 8 MB, which is not kept for replay; send the retry with a new key.',
      });
    return follow(req, recorders, existing, 'idempotent');
  }
  if (existing && explicit) {
    throw new GatewayError({
      status: 422,
      kind: 'invalid_request',
      param: 'Idempotency-Key',
      message: `Idempotency-Key "${key}" was used for a different request in the last ${windowMs} ms; use a new key for a new request.`,
    });
  }
  // A reused X-Request-Id with another body is just a new request (ids are weaker than keys).
  if (!existing) {
    const flight = shared.flights.start(flightKey, c.requestId, bodyHash);
    req.flights.push({ key: flightKey, flight, keepMs: windowMs });
    recorders.push(flight);
  }
  return undefined;
}

/**
 * An identical temperature-0 request: answered from the cache (not streamed), or attached to
 * the one in flight; otherwise this one becomes the flight the next ones attach to.
 */
async function byIdentity(req: ShareRequest, recorders: ResponseRecorder[]): Promise<Followed | undefined> {
  const { c, shared, sink, peek } = req;
  const s = req.deps.rt.settings;
  const bypass =
    /no-cache|no-store/i.test(c.header('cache-control') ?? '') ||
    (c.header('x-omniroute-cache') ?? '').toLowerCase() === 'bypass' ||
    (c.header('x-omniroute-no-cache') ?? '').toLowerCase() === 'true';
  if (!s.cacheEnabled || bypass || peek.temperature !== 0) {
    if (bypass && !peek.stream && peek.temperature === 0)
      sink.setHeaders(200, { 'x-omniroute-cache': 'bypass' });
    return undefined;
  }
  // Global policies change the answer: they are part of the identity.
  const fp = requestFingerprint(
    [
      req.format,
      c.url,
      c.apiKey?.id ?? '',
      s.systemPrompt,
      s.systemPromptPosition,
      s.thinkingMode,
      String(s.thinkingBudgetTokens),
    ],
    req.raw,
  );
  if (!peek.stream) {
    const hit = shared.cache.get(fp);
    if (hit) return replayCached(req, recorders, hit);
  }
  const flightKey = `sf\0${fp}`;
  const inFlight = shared.flights.get(flightKey);
  if (inFlight && !inFlight.done && inFlight.replayable) return follow(req, recorders, inFlight, 'coalesced');
  const flight = shared.flights.start(flightKey, c.requestId, fp);
  req.flights.push({ key: flightKey, flight, keepMs: 0 });
  recorders.push(flight);
  if (!peek.stream) {
    sink.setHeaders(200, { 'x-omniroute-cache': 'miss' });
    recorders.push(
      cacheCapture(shared.cache, fp, c.requestId, s.cacheTtlSeconds * 1000, s.cacheMaxMb * 1024 * 1024),
    );
  }
  return undefined;
}

/** A cache hit, answered whole (and recorded for an idempotency flight this request started). */
function replayCached(req: ShareRequest, recorders: ResponseRecorder[], hit: CachedResponse): Followed {
  const headers = {
    ...hit.headers,
    'x-request-id': req.c.requestId,
    'x-omniroute-cache': 'hit',
    'x-omniroute-shared': `cache; from=${hit.requestId}`,
    'content-length': hit.body.byteLength,
  };
  const res = req.c.outgoing;
  res.writeHead(hit.status, headers);
  res.end(hit.body);
  const mirror = teeRecorder(recorders);
  mirror?.head(hit.status, headers);
  mirror?.chunk(hit.body);
  mirror?.end();
  return { via: 'cache', leaderId: hit.requestId, status: hit.status };
}

/** Keeps a successful non-streamed answer for identical requests to come. */
function cacheCapture(
  cache: ResponseCache,
  key: string,
  requestId: string,
  ttlMs: number,
  maxBytes: number,
): ResponseRecorder {
  let status = 0;
  let headers: Record<string, string | number> = {};
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    head(st, h) {
      status = st;
      headers = h;
    },
    chunk(data) {
      const b = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
      size += b.byteLength;
      if (size <= maxBytes) chunks.push(b);
    },
    end() {
      if (status !== 200 || size > maxBytes) return;
      const kept: Record<string, string | number> = {};
      for (const h of CACHED_HEADERS) if (headers[h] !== undefined) kept[h] = headers[h]!;
      cache.set(
        key,
        {
          status,
          headers: kept,
          body: Buffer.concat(chunks, size),
          requestId,
          route: typeof headers['x-omniroute-route'] === 'string' ? headers['x-omniroute-route'] : undefined,
        },
        ttlMs,
        maxBytes,
      );
    },
  };
}
