import {
  GatewayError,
  type GatewayErrorInfo,
  type StreamEvent,
  type Usage,
  type WireFormat,
} from '../formats/canonical.js';
import type { EncodeContext, SseMessage } from '../formats/codec.js';
import { codecFor } from '../formats/index.js';
import { createSseParser } from '../util/sse.js';
import { retryAfterSeconds } from './classify.js';
import type { ClientSink } from './client-sink.js';
import type { GatewayDeps, InboundCall } from './call.js';
import { insertTopLevelField, spliceTopLevelString } from './json-splice.js';
import type { Attempt } from '../runtime/resolve.js';
import { transportError, upstreamHeaders, upstreamUrl } from './upstream.js';
import { describeTimeouts, headTimeoutMs, stallTimeoutMs } from '../runtime/timeouts.js';
import { forwardedLoginHeaders, loginAnswerHeaders, loginKind } from '../providers/login/index.js';
import type { CallerLogin } from '../providers/login/types.js';
import { redactErrorInfo, redactSecrets } from '../util/redact-secrets.js';
import type { Dispatcher } from 'undici';
import { callUpstream, type UpstreamHeaders, type UpstreamResponse } from './upstream-call.js';
import { mergeUsage, SseUsageTap, usageFromJsonBytes } from '../formats/usage-tap.js';
import { responseFromEvents } from '../formats/collect.js';

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

const SSE_TYPE = 'text/event-stream; charset=utf-8';

/**
 * Sends the call to one provider account and, when it answers, streams the answer to the
 * caller. Fails without writing anything while the upstream has not produced a byte, so the
 * handler can fall back to the next attempt.
 */
export async function runAttempt(
  deps: GatewayDeps,
  call: InboundCall,
  attempt: Attempt,
  sink: ClientSink,
  /** A signed-in or exchanged access token the API just refused: refresh it and try once more. */
  rejectedToken?: string,
): Promise<AttemptOutcome> {
  const { provider } = attempt;
  const upstreamFormat: WireFormat = provider.formats.includes(call.format)
    ? call.format
    : provider.formats[0]!;
  // An upstream that only streams answers a non-streaming caller through the codecs (collected).
  const collect = !call.stream && provider.quirks.streamOnly === true;
  // A Code Assist envelope goes unchanged only to the Gemini CLI's own backend (a login step);
  // a Gemini API provider gets the request inside it, through the codecs.
  const passthrough =
    upstreamFormat === call.format && !collect && (!call.codeAssist || provider.login !== undefined);
  const stream = call.stream || collect;
  let payload: string;
  let injectedUsage = false;
  if (passthrough) {
    payload = passthroughBody(call, attempt.model);
    if (provider.prepareBody) {
      const b = JSON.parse(payload) as Record<string, unknown>;
      provider.prepareBody(b);
      payload = JSON.stringify(b);
    }
    const option = codecFor(upstreamFormat).usage.streamUsageOption;
    if (option && stream && !provider.quirks.noStreamOptions) {
      const so = (call.body[option.field] ?? {}) as Record<string, unknown>;
      if (!so[option.flag]) {
        // Cost must be honest even when the caller did not ask for usage: ask for it, and drop
        // the extra usage-only chunk before it reaches the caller.
        payload =
          (call.body[option.field] === undefined
            ? insertTopLevelField(payload, option.field, JSON.stringify({ [option.flag]: true }))
            : undefined) ??
          JSON.stringify({ ...JSON.parse(payload), [option.field]: { ...so, [option.flag]: true } });
        injectedUsage = true;
      }
    }
  } else {
    const upBody = codecFor(upstreamFormat).encodeRequest(structuredClone(call.canonical()), {
      model: attempt.model,
      stream,
    });
    codecFor(upstreamFormat).applyQuirks?.(upBody, provider.quirks, stream);
    provider.prepareBody?.(upBody);
    payload = JSON.stringify(upBody);
  }

  let target: ReturnType<typeof parsedUrl>;
  let headers: Record<string, string>;
  let usedToken: string | undefined;
  const login = provider.login ? attempt.login : undefined;
  const dispatcher = deps.proxies?.for(provider, attempt.connection) ?? deps.dispatcher;
  if (login) {
    // The caller's own login: its request goes to its vendor as it came (only the model may
    // change), with its headers and credential. Nothing else is added.
    target = parsedUrl(loginKind(login.kind).upstreamUrl(provider.baseUrl, call.url));
    headers = forwardedLoginHeaders(call.incomingHeaders);
  } else {
    let secret: string | undefined;
    if (attempt.connection && provider.signIn && deps.planAccounts) {
      // A signed-in account: its access token, refreshed when it is about to expire.
      try {
        secret = await deps.planAccounts.accessToken(attempt.connection, rejectedToken);
      } catch (err) {
        if (err instanceof GatewayError) return { ok: false, error: err.toInfo() };
        throw err;
      }
    } else secret = attempt.connection ? deps.rt.secret(attempt.connection.id) : undefined;
    let url: string;
    try {
      // A service-account key is never sent: the short-lived token it is exchanged for is.
      if (secret && provider.accessToken)
        secret = await provider.accessToken(secret, dispatcher, rejectedToken);
      url = upstreamUrl(
        provider,
        upstreamFormat,
        attempt.model,
        stream,
        attempt.connection?.baseUrl,
        attempt.connection?.fields,
      );
    } catch (err) {
      if (err instanceof GatewayError) return { ok: false, error: err.toInfo() };
      throw err;
    }
    usedToken = secret;
    if (passthrough && call.query) url += (url.includes('?') ? '&' : '?') + call.query.slice(1);
    target = parsedUrl(url);
    const forwarded = upstreamFormat === call.format ? call.clientHeaders : {};
    headers = upstreamHeaders(provider, upstreamFormat, secret, forwarded, stream);
  }
  let up: UpstreamResponse;
  try {
    up = await callUpstream(dispatcher, {
      origin: target.origin,
      path: target.pathname + target.search,
      headers,
      body: payload,
      signal: call.signal,
      // Read now, not when the dispatcher was made: a changed setting applies to this request.
      headersTimeout: headTimeoutMs(deps.rt.timeouts, provider, upstreamFormat, stream),
      bodyTimeout: stallTimeoutMs(deps.rt.timeouts, provider),
    });
  } catch (err) {
    const limits = describeTimeouts(deps.rt.timeouts, provider, upstreamFormat, stream);
    const e = transportError(err, provider.id, deps.proxies?.label(dispatcher), limits);
    e.message = redactSecrets(e.message, sentSecrets(deps, dispatcher, usedToken, login));
    return { ok: false, error: e };
  }

  if (up.statusCode >= 400) {
    const received = await up.body.text().catch(() => '');
    // A signed-in account's (or an exchanged) token refused: one refresh, one more try (never a loop).
    if (
      up.statusCode === 401 &&
      (provider.signIn || provider.accessToken) &&
      rejectedToken === undefined &&
      usedToken !== undefined
    )
      return runAttempt(deps, call, attempt, sink, usedToken);
    // A vendor may quote the credential it was sent ("Incorrect API key provided: sk-…"): it is
    // gone here, before the text becomes the caller's answer, a log line or request_log.error.
    const text = redactSecrets(received, sentSecrets(deps, dispatcher, usedToken, login));
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    const info = codecFor(upstreamFormat).decodeError(up.statusCode, parsed);
    const retryAfter = retryAfterSeconds(up.headers) ?? (info as { retryAfter?: number }).retryAfter;
    return {
      ok: false,
      headers: up.headers,
      error: {
        ...info,
        status: up.statusCode,
        message: info.message || `${provider.id} answered ${up.statusCode}`,
        retryAfter,
        upstreamStatus: up.statusCode,
        // Passed on as it came only when the caller's SDK can read it: an HTML error page (a
        // proxy's, a load balancer's) becomes our own error in the caller's format.
        ...(passthrough && text && isJsonObject(parsed) ? { upstreamBody: text } : {}),
        errorBody: parsed,
        ...(login && up.statusCode === 401 ? { toCaller: true } : {}),
      },
    };
  }

  // The CLI shows its own plan warnings from these: it gets them as if it had called its vendor.
  if (login) sink.setHeaders(up.statusCode, loginAnswerHeaders(loginKind(login.kind), up.headers));
  // Error events inside an answer that is translated (or collected) are upstream text too.
  const scrub: Scrub = (e) => redactErrorInfo(e, sentSecrets(deps, dispatcher, usedToken, login));
  try {
    const result = collect
      ? await relayCollected(call, upstreamFormat, up, sink, scrub)
      : stream
        ? passthrough && call.jsonArrayStream && !login
          ? await relayAsJsonArray(call, up, sink, provider.id)
          : await relayStream(call, upstreamFormat, passthrough, injectedUsage, up, sink, provider.id, scrub)
        : await relayBody(call, upstreamFormat, passthrough, up, sink);
    // Set, not spread into a copy: a spread here cost more than the rest of the function.
    result.headers = up.headers;
    return result;
  } catch (err) {
    const e = scrub(
      err instanceof GatewayError
        ? err.toInfo()
        : transportError(
            err,
            provider.id,
            undefined,
            describeTimeouts(deps.rt.timeouts, provider, upstreamFormat, stream),
          ),
    );
    if (!sink.started) return { ok: false, error: e, headers: up.headers };
    throw err;
  }
}

type Scrub = (e: GatewayErrorInfo) => GatewayErrorInfo;

/**
 * What this attempt sent that an upstream error might quote back: the account's key or access
 * token, the caller's own login, the proxy's credentials. Built only when something failed.
 */
function sentSecrets(
  deps: GatewayDeps,
  dispatcher: Dispatcher,
  token: string | undefined,
  login: CallerLogin | undefined,
): string[] {
  const out: string[] = [];
  if (token) out.push(token);
  if (login) out.push(login.secret);
  const proxy = deps.proxies?.secrets(dispatcher);
  if (proxy) out.push(...proxy);
  return out;
}

function passthroughBody(call: InboundCall, model: string): string {
  // Gemini names the model in the URL, except inside a Code Assist envelope.
  const modelInBody = !codecFor(call.format).wire.modelInUrl || call.codeAssist;
  if (call.bodyChanged) return JSON.stringify(modelInBody ? { ...call.body, model } : call.body);
  if (!modelInBody) return call.raw;
  return spliceTopLevelString(call.raw, 'model', model) ?? JSON.stringify({ ...call.body, model });
}

async function relayBody(
  call: InboundCall,
  upstreamFormat: WireFormat,
  passthrough: boolean,
  up: UpstreamResponse,
  sink: ClientSink,
): Promise<AttemptOutcome> {
  if (passthrough) {
    // Bytes in, bytes out: no decode, no parse of the answer, only of its usage object.
    const bytes = await up.body.bytes();
    if (!looksLikeJson(bytes)) throw notJson();
    // The caller first; the usage (for the log and quotas) is read after the answer is out.
    sink.send(up.statusCode, { 'content-type': 'application/json' }, bytes);
    return {
      ok: true,
      status: up.statusCode,
      usage: usageFromJsonBytes(codecFor(upstreamFormat).usage, bytes) ?? {},
    };
  }
  const text = await up.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw notJson();
  }
  const canonical = codecFor(upstreamFormat).decodeResponse(json);
  const out = codecFor(call.format).encodeResponse(canonical, encodeContext(call));
  sink.send(200, { 'content-type': 'application/json' }, JSON.stringify(out));
  return { ok: true, status: 200, usage: canonical.usage ?? {} };
}

/** A streamed answer, collected whole for a caller that did not ask for a stream. */
async function relayCollected(
  call: InboundCall,
  upstreamFormat: WireFormat,
  up: UpstreamResponse,
  sink: ClientSink,
  scrub: Scrub,
): Promise<AttemptOutcome> {
  const decoder = codecFor(upstreamFormat).createStreamDecoder();
  const events: StreamEvent[] = [];
  const parser = createSseParser((m) => events.push(...decoder.push(m)));
  parser.feed(await up.body.text());
  events.push(...decoder.end());
  const failed = events.find((e) => e.type === 'error') as { error: GatewayErrorInfo } | undefined;
  if (failed) return { ok: false, error: scrub(failed.error) };
  const canonical = responseFromEvents(events);
  const out = codecFor(call.format).encodeResponse(canonical, encodeContext(call));
  sink.send(200, { 'content-type': 'application/json' }, JSON.stringify(out));
  return { ok: true, status: 200, usage: canonical.usage ?? {} };
}

/**
 * A Gemini caller's `:streamGenerateContent` without `alt=sse` expects one JSON array, but the
 * upstream is always asked for SSE (upstreamUrl): its events, each a whole
 * GenerateContentResponse, become the array's elements as they are (re-framed, not decoded). An
 * event that is not a JSON object is left out, as the Gemini stream decoder does.
 */
async function relayAsJsonArray(
  call: InboundCall,
  up: UpstreamResponse,
  sink: ClientSink,
  providerId: string,
): Promise<AttemptOutcome> {
  sink.setHeaders(200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  const tap = new SseUsageTap(codecFor(call.format).usage);
  const textDecoder = new TextDecoder();
  let pending: string[] = [];
  const parser = createSseParser((m) => {
    if (m.data.trimStart().startsWith('{')) {
      try {
        JSON.parse(m.data);
        pending.push(m.data);
      } catch {}
    }
  });
  let written = 0;
  const elements = (): string => {
    let out = '';
    for (const d of pending) out += (written++ === 0 ? '[' : ',\r\n') + d;
    pending = [];
    return out;
  };
  try {
    for await (const chunk of up.body) {
      tap.push(chunk as Buffer);
      if (!sink.started && tap.sawError) {
        up.body.destroy();
        return failedAtStart(providerId);
      }
      parser.feed(textDecoder.decode(chunk as Uint8Array, { stream: true }));
      const out = elements();
      if (!out) continue;
      const wait = sink.write(out);
      if (wait) await wait;
      tap.watchErrors = false;
    }
    const last = elements();
    sink.endWith(last + (written === 0 ? '[]' : ']'));
    tap.finish();
    return { ok: true, status: 200, usage: tap.usage };
  } catch (err) {
    if (!sink.started) throw err;
    const e = midStreamError(err, providerId);
    await sink.write(codecFor(call.format).encodeStreamError(e, encodeContext(call)));
    sink.end();
    tap.finish();
    return { ok: true, status: 200, usage: tap.usage, midStreamError: e.message };
  }
}

export async function relayStream(
  call: InboundCall,
  upstreamFormat: WireFormat,
  passthrough: boolean,
  injectedUsage: boolean,
  up: UpstreamResponse,
  sink: ClientSink,
  providerId: string,
  scrub: Scrub,
): Promise<AttemptOutcome> {
  const contentType = call.jsonArrayStream ? 'application/json; charset=utf-8' : SSE_TYPE;
  sink.setHeaders(200, {
    'content-type': contentType,
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  const errorOut = (e: GatewayErrorInfo) => codecFor(call.format).encodeStreamError(e, encodeContext(call));

  if (passthrough) {
    const tap = new SseUsageTap(codecFor(upstreamFormat).usage, injectedUsage);
    try {
      for await (const chunk of up.body) {
        const forward = tap.push(chunk as Buffer);
        // An upstream that opens with an error event has sent nothing useful: try elsewhere.
        if (!sink.started && tap.sawError) {
          up.body.destroy();
          return failedAtStart(providerId);
        }
        if (up.body.complete) {
          // The upstream's last bytes came with its end: they and the caller's end of the
          // response go out in one write, so the caller is woken once, not twice.
          const rest = tap.flush();
          const last = Array.isArray(forward) ? forward : [forward];
          if (rest.length) last.push(rest);
          sink.endWith(last);
          tap.finish();
          return { ok: true, status: 200, usage: tap.usage };
        }
        const wait = Array.isArray(forward) ? sink.writeAll(forward) : sink.write(forward);
        if (wait) await wait;
        tap.watchErrors = false;
      }
      sink.endWith(tap.flush());
      tap.finish();
      return { ok: true, status: 200, usage: tap.usage };
    } catch (err) {
      if (!sink.started) throw err;
      const e = midStreamError(err, providerId);
      // An upstream cut in the middle of an event: that event is ended first, so the error is an
      // event of its own, not text glued onto the broken one.
      await sink.write((tap.midEvent && !call.jsonArrayStream ? '\n\n' : '') + errorOut(e));
      sink.end();
      tap.finish();
      return { ok: true, status: 200, usage: tap.usage, midStreamError: e.message };
    }
  }

  const decoderCodec = codecFor(upstreamFormat).createStreamDecoder();
  const encoder = codecFor(call.format).createStreamEncoder(encodeContext(call));
  const usage: Partial<Usage> = {};
  let pending: SseMessage[] = [];
  const parser = createSseParser((m) => pending.push(m));
  const textDecoder = new TextDecoder();
  let errorSeen: GatewayErrorInfo | undefined;
  const encode = (events: StreamEvent[]): string => {
    let out = '';
    for (let ev of events) {
      if (ev.type === 'usage') mergeUsage(usage, ev.usage);
      else if (ev.type === 'finish' && ev.usage) mergeUsage(usage, ev.usage);
      else if (ev.type === 'error') errorSeen = (ev = { type: 'error', error: scrub(ev.error) }).error;
      out += encoder.push(ev);
    }
    return out;
  };
  const emit = async (events: StreamEvent[]) => {
    const out = encode(events);
    if (out) {
      const wait = sink.write(out);
      if (wait) await wait;
    }
  };
  try {
    for await (const chunk of up.body) {
      parser.feed(textDecoder.decode(chunk as Uint8Array, { stream: true }));
      if (pending.length === 0) continue;
      const batch = pending;
      pending = [];
      const events: StreamEvent[] = [];
      for (const m of batch) events.push(...decoderCodec.push(m));
      if (!sink.started && events.some((e) => e.type === 'error')) {
        up.body.destroy();
        const first = events.find((e) => e.type === 'error') as { error: GatewayErrorInfo };
        return { ok: false, error: scrub(first.error) };
      }
      if (up.body.complete) {
        // The last bytes came with the end: one write ends the caller's stream (see above).
        sink.endWith(encode(events) + encode(decoderCodec.end()) + encoder.end());
        return { ok: true, status: 200, usage, midStreamError: errorSeen?.message };
      }
      await emit(events);
    }
    sink.endWith(encode(decoderCodec.end()) + encoder.end());
    return { ok: true, status: 200, usage, midStreamError: errorSeen?.message };
  } catch (err) {
    if (!sink.started) throw err;
    const e = midStreamError(err, providerId);
    await sink.write(encoder.push({ type: 'error', error: e }) + encoder.end());
    sink.end();
    return { ok: true, status: 200, usage, midStreamError: e.message };
  }
}

/** Upstream URLs repeat (one per provider, model and mode): parse each once, not per request. */
const parsedUrls = new Map<string, { origin: string; pathname: string; search: string }>();
function parsedUrl(url: string): { origin: string; pathname: string; search: string } {
  let u = parsedUrls.get(url);
  if (!u) {
    const p = new URL(url);
    u = { origin: p.origin, pathname: p.pathname, search: p.search };
    if (parsedUrls.size >= 1024) parsedUrls.clear();
    parsedUrls.set(url, u);
  }
  return u;
}

export const notJson = () =>
  new GatewayError({
    status: 502,
    kind: 'upstream',
    message: 'The provider answered with a body that is not JSON.',
  });

/** The first byte after any whitespace opens an object or array (a full parse is the client's). */
export function looksLikeJson(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

function encodeContext(call: InboundCall): EncodeContext {
  const codec = codecFor(call.format);
  const option = codec.usage.streamUsageOption;
  return {
    model: call.model,
    requestId: call.requestId,
    jsonArrayStream: call.jsonArrayStream,
    codeAssist: call.codeAssist,
    // The caller asked for its stream's usage-only event itself.
    includeUsage: option
      ? Boolean((call.body[option.field] as Record<string, unknown> | undefined)?.[option.flag])
      : false,
    ...codec.wire.encodeContextOf?.(call.body),
  };
}

function midStreamError(err: unknown, providerId: string): GatewayErrorInfo {
  const t = transportError(err, providerId);
  return {
    status: t.status === 499 ? 499 : 502,
    kind: t.transport === 'timeout' ? 'timeout' : 'upstream',
    message: `${providerId} stopped in the middle of the stream: ${t.message}`,
  };
}

export function isJsonObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An upstream stream that opened with an error event: nothing reached the caller, try elsewhere. */
function failedAtStart(providerId: string): AttemptOutcome {
  return {
    ok: false,
    error: { status: 503, kind: 'overloaded', message: `${providerId} failed at the start of the stream.` },
  };
}
