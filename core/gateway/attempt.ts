import {
  GatewayError,
  type CanonicalResponse,
  type GatewayErrorInfo,
  type StreamEvent,
  type Usage,
  type WireFormat,
} from '../formats/canonical.js';
import type { EncodeContext, SseMessage } from '../formats/codec.js';
import { codecFor } from '../formats/index.js';
import { createSseParser, createStreamParser } from '../util/sse.js';
import type { ClientSink } from './client-sink.js';
import type { GatewayDeps, InboundCall } from './call.js';
import { insertTopLevelField, spliceTopLevelString } from './json-splice.js';
import type { Attempt } from '../runtime/resolve.js';
import { transportError, upstreamHeaders, upstreamUrl } from './upstream.js';
import { forwardedLoginHeaders, loginAnswerHeaders, loginKind } from '../providers/login/index.js';
import type { CallerLogin } from '../providers/login/types.js';
import { redactErrorInfo } from '../util/redact-secrets.js';
import type { UpstreamResponse } from './upstream-call.js';
import { createUsageTap, mergeUsage, SseUsageTap, usageFromJsonBytes } from '../formats/usage-tap.js';
import { responseFromEvents } from '../formats/collect.js';
import {
  accountSecret,
  dispatcherFor,
  preparationFailed,
  refusal,
  relayFailed,
  sendUpstream,
  type AttemptOutcome,
  type UpstreamSend,
} from './attempt-upstream.js';

export type { AttemptOutcome } from './attempt-upstream.js';

const SSE_TYPE = 'text/event-stream; charset=utf-8';

/** One chat attempt as its stages (payload, route, relay) share it. */
interface ChatAttempt extends UpstreamSend {
  sink: ClientSink;
  /** The caller's own login: its request goes to its vendor as it came. */
  login: CallerLogin | undefined;
  /** An upstream that only streams answers a non-streaming caller through the codecs (collected). */
  collect: boolean;
  /** The caller's body goes upstream as it came (only the model may change), not re-encoded. */
  passthrough: boolean;
  /** Usage was asked for on the caller's behalf: the extra usage-only chunk is dropped. */
  injectedUsage: boolean;
  /** The account's credential as sent: the token a 401 refreshes. */
  usedToken: string | undefined;
}

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
  const a = chatAttempt(deps, call, attempt, sink);
  const payload = upstreamPayload(a);
  const route = a.login ? loginRoute(a, a.login) : await accountRoute(a, rejectedToken);
  if ('ok' in route) return route;
  const up = await sendUpstream(a, route, payload);
  if ('ok' in up) return up;
  if (up.statusCode >= 400) {
    const received = await up.body.text().catch(() => '');
    const { provider } = attempt;
    // A signed-in account's (or an exchanged) token refused: one refresh, one more try (never a loop).
    if (
      up.statusCode === 401 &&
      (provider.signIn || provider.accessToken) &&
      rejectedToken === undefined &&
      a.usedToken !== undefined
    )
      return runAttempt(deps, call, attempt, sink, a.usedToken);
    return refusal(a, up, received, a.passthrough, a.login !== undefined && up.statusCode === 401);
  }
  return relayAnswer(a, up);
}

function chatAttempt(deps: GatewayDeps, call: InboundCall, attempt: Attempt, sink: ClientSink): ChatAttempt {
  const { provider } = attempt;
  const format: WireFormat = provider.formats.includes(call.format) ? call.format : provider.formats[0]!;
  const collect = !call.stream && provider.quirks.streamOnly === true;
  const a: ChatAttempt = {
    deps,
    call,
    attempt,
    sink,
    format,
    collect,
    // A Code Assist envelope goes unchanged only to the Gemini CLI's own backend (a login step);
    // a Gemini API provider gets the request inside it, through the codecs.
    passthrough: format === call.format && !collect && (!call.codeAssist || provider.login !== undefined),
    stream: call.stream || collect,
    dispatcher: dispatcherFor(deps, attempt),
    login: provider.login ? attempt.login : undefined,
    injectedUsage: false,
    usedToken: undefined,
    secrets: () => sentSecrets(a),
  };
  return a;
}

/** The request body for the upstream: the caller's own (passthrough) or re-encoded in its format. */
function upstreamPayload(a: ChatAttempt): string {
  const { call, attempt, format, stream } = a;
  const { provider } = attempt;
  if (!a.passthrough) {
    const upBody = codecFor(format).encodeRequest(structuredClone(call.canonical()), {
      model: attempt.model,
      stream,
    });
    codecFor(format).applyQuirks?.(upBody, provider.quirks, stream);
    provider.prepareBody?.(upBody);
    return JSON.stringify(upBody);
  }
  let payload = passthroughBody(call, attempt.model);
  if (provider.prepareBody) {
    const b = JSON.parse(payload) as Record<string, unknown>;
    provider.prepareBody(b);
    payload = JSON.stringify(b);
  }
  const option = codecFor(format).usage.streamUsageOption;
  if (!option || !stream || provider.quirks.noStreamOptions) return payload;
  const so = (call.body[option.field] ?? {}) as Record<string, unknown>;
  if (so[option.flag]) return payload;
  // Cost must be honest even when the caller did not ask for usage: ask for it, and drop
  // the extra usage-only chunk before it reaches the caller.
  a.injectedUsage = true;
  return (
    (call.body[option.field] === undefined
      ? insertTopLevelField(payload, option.field, JSON.stringify({ [option.flag]: true }))
      : undefined) ??
    JSON.stringify({ ...JSON.parse(payload), [option.field]: { ...so, [option.flag]: true } })
  );
}

/** Where the request goes and with which headers. */
interface Route {
  origin: string;
  path: string;
  headers: Record<string, string>;
}

/**
 * The caller's own login: its request goes to its vendor as it came (only the model may
 * change), with its headers and credential. Nothing else is added.
 */
function loginRoute(a: ChatAttempt, login: CallerLogin): Route {
  const target = parsedUrl(loginKind(login.kind).upstreamUrl(a.attempt.provider.baseUrl, a.call.url));
  return {
    origin: target.origin,
    path: target.pathname + target.search,
    headers: forwardedLoginHeaders(a.call.incomingHeaders),
  };
}

/** An account's request: its URL, its credential (refreshed or exchanged) in the format's headers. */
async function accountRoute(
  a: ChatAttempt,
  rejectedToken: string | undefined,
): Promise<Route | AttemptOutcome> {
  const { call, attempt, format, stream } = a;
  const { provider, connection } = attempt;
  let url: string;
  try {
    a.usedToken = await accountSecret(a.deps, attempt, a.dispatcher, true, rejectedToken);
    url = upstreamUrl(provider, format, attempt.model, stream, connection?.baseUrl, connection?.fields);
  } catch (err) {
    return preparationFailed(err);
  }
  if (a.passthrough && call.query) url += (url.includes('?') ? '&' : '?') + call.query.slice(1);
  const target = parsedUrl(url);
  const forwarded = format === call.format ? call.clientHeaders : {};
  return {
    origin: target.origin,
    path: target.pathname + target.search,
    headers: upstreamHeaders(provider, format, a.usedToken, forwarded, stream),
  };
}

/** The upstream accepted: its answer goes to the caller as the call's format and mode want it. */
async function relayAnswer(a: ChatAttempt, up: UpstreamResponse): Promise<AttemptOutcome> {
  const { call, sink, login, format } = a;
  // The CLI shows its own plan warnings from these: it gets them as if it had called its vendor.
  if (login) sink.setHeaders(up.statusCode, loginAnswerHeaders(loginKind(login.kind), up.headers));
  // Error events inside an answer that is translated (or collected) are upstream text too.
  const scrub: Scrub = (e) => redactErrorInfo(e, a.secrets());
  const providerId = a.attempt.provider.id;
  try {
    const result = a.collect
      ? await relayCollected(call, format, up, sink, scrub)
      : a.stream
        ? a.passthrough && call.jsonArrayStream && !login
          ? await relayAsJsonArray(call, up, sink, providerId)
          : await relayStream({
              call,
              upstreamFormat: format,
              passthrough: a.passthrough,
              injectedUsage: a.injectedUsage,
              up,
              sink,
              providerId,
              scrub,
            })
        : await relayBody(call, format, a.passthrough, up, sink);
    // Set, not spread into a copy: a spread here cost more than the rest of the function.
    result.headers = up.headers;
    return result;
  } catch (err) {
    return relayFailed(a, err, up, sink, a.stream);
  }
}

type Scrub = (e: GatewayErrorInfo) => GatewayErrorInfo;

/**
 * What this attempt sent that an upstream error might quote back: the account's key or access
 * token, the caller's own login, the proxy's credentials. Built only when something failed.
 */
function sentSecrets(a: ChatAttempt): string[] {
  const out: string[] = [];
  if (a.usedToken) out.push(a.usedToken);
  if (a.login) out.push(a.login.secret);
  const proxy = a.deps.proxies?.secrets(a.dispatcher);
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
  return answer(call, codecFor(upstreamFormat).decodeResponse(json), sink);
}

/** A whole answer, encoded in the caller's format. */
function answer(call: InboundCall, canonical: CanonicalResponse, sink: ClientSink): AttemptOutcome {
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
  const codec = codecFor(upstreamFormat);
  const decoder = codec.createStreamDecoder();
  const events: StreamEvent[] = [];
  const parser = createStreamParser(codec.wire.streamFraming, (m) => events.push(...decoder.push(m)));
  parser.feed(await up.body.text());
  parser.flush();
  events.push(...decoder.end());
  const failed = events.find((e) => e.type === 'error') as { error: GatewayErrorInfo } | undefined;
  if (failed) return { ok: false, error: scrub(failed.error) };
  return answer(call, responseFromEvents(events), sink);
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

/** A streamed answer on its way to the caller. */
export interface StreamRelay {
  call: InboundCall;
  /** The format the upstream streams in (decoded from when not passed through). */
  upstreamFormat: WireFormat;
  /** The upstream streams in the caller's format: its bytes go on as they came. */
  passthrough: boolean;
  /** Usage was asked for on the caller's behalf: the extra usage-only chunk is dropped. */
  injectedUsage: boolean;
  up: UpstreamResponse;
  sink: ClientSink;
  providerId: string;
  scrub: Scrub;
}

export async function relayStream(r: StreamRelay): Promise<AttemptOutcome> {
  const contentType = r.call.jsonArrayStream
    ? 'application/json; charset=utf-8'
    : (codecFor(r.call.format).wire.streamContentType ?? SSE_TYPE);
  r.sink.setHeaders(200, {
    'content-type': contentType,
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  return r.passthrough ? relayPassthroughStream(r) : relayTranslatedStream(r);
}

/** The caller's format both ways: chunks are forwarded as they come, only their usage is read. */
async function relayPassthroughStream(r: StreamRelay): Promise<AttemptOutcome> {
  const { call, up, sink, providerId } = r;
  const upstream = codecFor(r.upstreamFormat);
  const tap = createUsageTap(upstream.wire, upstream.usage, r.injectedUsage);
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
    const errorOut = codecFor(call.format).encodeStreamError(e, encodeContext(call));
    await sink.write((tap.midEvent && !call.jsonArrayStream ? tap.messageEnd : '') + errorOut);
    sink.end();
    tap.finish();
    return { ok: true, status: 200, usage: tap.usage, midStreamError: e.message };
  }
}

/** Another format upstream: its events are decoded and encoded again in the caller's format. */
async function relayTranslatedStream(r: StreamRelay): Promise<AttemptOutcome> {
  const { call, up, sink, providerId, scrub } = r;
  const upstream = codecFor(r.upstreamFormat);
  const decoderCodec = upstream.createStreamDecoder();
  const encoder = codecFor(call.format).createStreamEncoder(encodeContext(call));
  const usage: Partial<Usage> = {};
  let pending: SseMessage[] = [];
  const parser = createStreamParser(upstream.wire.streamFraming, (m) => pending.push(m));
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
  /** At the end: what the parser still held (an NDJSON last line without its newline). */
  const rest = (): StreamEvent[] => {
    parser.flush();
    const events: StreamEvent[] = [];
    for (const m of pending) events.push(...decoderCodec.push(m));
    pending = [];
    return events;
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
        sink.endWith(encode(events) + encode(rest()) + encode(decoderCodec.end()) + encoder.end());
        return { ok: true, status: 200, usage, midStreamError: errorSeen?.message };
      }
      await emit(events);
    }
    sink.endWith(encode(rest()) + encode(decoderCodec.end()) + encoder.end());
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

/** An upstream stream that opened with an error event: nothing reached the caller, try elsewhere. */
function failedAtStart(providerId: string): AttemptOutcome {
  return {
    ok: false,
    error: { status: 503, kind: 'overloaded', message: `${providerId} failed at the start of the stream.` },
  };
}
