import { codecFor } from '../formats/index.js';
import type {
  CallerShape,
  Dialect,
  DecodedEndpointRequest,
  EndpointCodec,
  EndpointUsage,
  UpstreamCall,
} from '../formats/endpoints/types.js';
import { answerFormatOf, dialectOf, modelInBody } from '../formats/endpoints/types.js';
import { redactErrorInfo } from '../util/redact-secrets.js';
import { looksLikeJson, notJson, relayStream } from './attempt.js';
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
import type { ClientSink } from './client-sink.js';
import type { GatewayDeps, InboundCall } from './call.js';
import { insertTopLevelField, spliceTopLevelString } from './json-splice.js';
import type { Attempt } from '../runtime/resolve.js';
import type { UpstreamResponse } from './upstream-call.js';
import { transportError, upstreamBase, upstreamHeaders } from './upstream.js';
import { usageFromJsonBytes } from '../formats/usage-tap.js';
import { fileBytes, multipartBody, type Upload } from './multipart.js';
import { Readable } from 'node:stream';

/** A non-chat request on its way through the gateway: its endpoint, the caller's shape, its body decoded. */
export interface EndpointCall {
  codec: EndpointCodec<any, any>;
  shape: CallerShape;
  /** Gemini: the method the caller called (embedContent, batchEmbedContents). */
  action?: string;
  request?: DecodedEndpointRequest;
  /** A multipart endpoint's upload, spooled to disk (removed when the request is over). */
  upload?: Upload;
}

export { dialectOf };

/** One non-chat attempt as its stages (payload, send, relay) share it. */
interface EndpointAttempt extends UpstreamSend {
  sink: ClientSink;
  ep: EndpointCall;
  req: DecodedEndpointRequest;
  /** The provider's API, which the endpoint's codec translates to and from. */
  dialect: Dialect;
  /** The URL, and the body when the provider's API differs from the caller's. */
  target: UpstreamCall;
  /** The caller's body goes upstream as it came (only the model may change). */
  passthrough: boolean;
  /** Usage was asked for on the caller's behalf: the extra usage-only chunk is dropped. */
  injectedUsage: boolean;
  /** The account's credential as sent. */
  secret: string | undefined;
}

/**
 * One attempt of a non-chat request: the same accounts, proxies, time limits, secret scrubbing
 * and error classification as a chat attempt (attempt-upstream.ts), with the endpoint's codec
 * choosing the upstream URL and translating where the provider's API differs from the caller's.
 * Nothing is written to the caller before the upstream has answered, so the handler can still
 * fall back.
 */
export async function runEndpointAttempt(
  deps: GatewayDeps,
  call: InboundCall,
  attempt: Attempt,
  sink: ClientSink,
  ep: EndpointCall,
): Promise<AttemptOutcome> {
  const a = endpointAttempt(deps, call, attempt, sink, ep);
  if ('ok' in a) return a;
  const { provider } = attempt;
  const { req, target } = a;
  const body = endpointPayload(a);
  try {
    a.secret = await accountSecret(deps, attempt, a.dispatcher, false);
  } catch (err) {
    return preparationFailed(err);
  }
  const headers = upstreamHeaders(provider, a.format, a.secret, {}, req.stream);
  if (body.headers) Object.assign(headers, body.headers);
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return { ok: false, error: { status: 502, kind: 'api', message: `${provider.id}: invalid base URL.` } };
  }
  const up = await sendUpstream(
    a,
    { origin: url.origin, path: url.pathname + url.search, headers },
    body.payload,
  );
  if ('ok' in up) return up;
  if (up.statusCode >= 400) return refusal(a, up, await up.body.text().catch(() => ''), a.passthrough, false);
  if (ep.codec.binaryAnswer) return relayBytes(up, sink, provider.id, ep.codec.requestUsage?.(req) ?? {});
  try {
    if (req.stream)
      return await relayStream({
        call,
        upstreamFormat: 'openai-chat',
        passthrough: true,
        injectedUsage: a.injectedUsage,
        up,
        sink,
        providerId: provider.id,
        scrub: (e) => redactErrorInfo(e, a.secrets()),
      });
    return await relayEndpointBody(a, up);
  } catch (err) {
    return relayFailed(a, err, up, sink, false);
  }
}

/** The attempt's shared state, or its failure when the provider cannot serve the endpoint. */
function endpointAttempt(
  deps: GatewayDeps,
  call: InboundCall,
  attempt: Attempt,
  sink: ClientSink,
  ep: EndpointCall,
): EndpointAttempt | AttemptOutcome {
  const { provider } = attempt;
  const dialect = dialectOf(provider);
  if (!ep.codec.serves(dialect))
    return {
      ok: false,
      error: {
        status: 501,
        kind: 'not_found',
        message: `${provider.id} does not serve ${ep.codec.kind} requests (its API: ${dialect}).`,
      },
    };
  const req = ep.request!;
  let target: UpstreamCall;
  try {
    // The account's base URL as a chat attempt builds it: its `{key}` fields filled in.
    const { base } = upstreamBase(provider, attempt.connection?.baseUrl, attempt.connection?.fields);
    target = ep.codec.upstream(dialect, req, {
      model: attempt.model,
      base,
      shape: ep.shape,
      action: ep.action,
    });
  } catch (err) {
    return preparationFailed(err);
  }
  const a: EndpointAttempt = {
    deps,
    call,
    attempt,
    sink,
    ep,
    req,
    dialect,
    target,
    // Errors and usage of OpenAI-shaped and Gemini-shaped answers are read by the chat codecs.
    format: answerFormatOf(dialect),
    stream: req.stream,
    dispatcher: dispatcherFor(deps, attempt),
    passthrough: target.body === undefined && target.upload === undefined,
    injectedUsage: false,
    secret: undefined,
    secrets: () => [...(a.secret ? [a.secret] : []), ...(deps.proxies?.secrets(a.dispatcher) ?? [])],
  };
  return a;
}

/** The body for the upstream, with the headers an upload's body needs. */
function endpointPayload(a: EndpointAttempt): {
  payload: string | Readable;
  headers?: Record<string, string>;
} {
  const { call, attempt, target, ep, req } = a;
  const { upload } = ep;
  if (target.upload && upload) {
    // Each attempt reads the spooled file again: a fallback sends the same upload.
    if ('fields' in target.upload) {
      const mp = multipartBody(upload, target.upload.fields);
      return {
        payload: Readable.from(mp.body()),
        headers: { 'content-type': mp.contentType, 'content-length': String(mp.length) },
      };
    }
    return {
      payload: Readable.from(fileBytes(upload)),
      headers: {
        'content-type': upload.file?.type ?? 'application/octet-stream',
        'content-length': String(upload.file?.size ?? 0),
      },
    };
  }
  if (!a.passthrough) return { payload: JSON.stringify(target.body) };
  if (!modelInBody(ep.shape)) return { payload: call.raw };
  const payload =
    spliceTopLevelString(call.raw, 'model', attempt.model) ??
    JSON.stringify({ ...call.body, model: attempt.model });
  if (req.stream && !attempt.provider.quirks.noStreamOptions && call.body.stream_options === undefined) {
    // As for chat: the cost must be honest even when the caller did not ask for usage.
    const withUsage = insertTopLevelField(payload, 'stream_options', '{"include_usage":true}');
    if (withUsage) {
      a.injectedUsage = true;
      return { payload: withUsage };
    }
  }
  return { payload };
}

/** A whole (not streamed) answer: passed on as it came when the shapes agree, else translated. */
async function relayEndpointBody(a: EndpointAttempt, up: UpstreamResponse): Promise<AttemptOutcome> {
  const { ep, req, sink, target } = a;
  const bytes = await up.body.bytes();
  const sameShape = a.passthrough || (target.upload !== undefined && 'fields' in target.upload);
  if (sameShape && ep.codec.textAnswer) {
    // text, srt and vtt answers are text: sent on as they came, with their own type.
    const type = up.headers['content-type'];
    sink.send(
      up.statusCode,
      { 'content-type': (Array.isArray(type) ? type[0] : type) ?? 'application/json' },
      bytes,
    );
    const usage: EndpointUsage = ep.codec.usageOfPassthrough?.(bytes, req) ?? {};
    return { ok: true, status: up.statusCode, usage, headers: up.headers };
  }
  if (!looksLikeJson(bytes)) throw notJson();
  if (sameShape) {
    sink.send(up.statusCode, { 'content-type': 'application/json' }, bytes);
    const usage: EndpointUsage =
      ep.codec.usageOfPassthrough?.(bytes, req) ??
      ep.codec.requestUsage?.(req) ??
      usageFromJsonBytes(codecFor(a.format).usage, bytes) ??
      {};
    return { ok: true, status: up.statusCode, usage, headers: up.headers };
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw notJson();
  }
  const decoded = ep.codec.decodeResponse(a.dialect, json, req);
  const { result } = decoded;
  const usage = { ...ep.codec.requestUsage?.(req), ...decoded.usage };
  const out = ep.codec.encodeResponse(ep.shape, result, req, a.call.model);
  if (typeof out === 'string') sink.send(200, { 'content-type': 'text/plain; charset=utf-8' }, out);
  else sink.send(200, { 'content-type': 'application/json' }, JSON.stringify(out));
  return { ok: true, status: 200, usage, headers: up.headers };
}

/**
 * An audio answer: its bytes go to the caller as they arrive, with the upstream's content type;
 * nothing is held. A cut upstream cuts the caller's transfer (there is no error frame in audio).
 */
async function relayBytes(
  up: UpstreamResponse,
  sink: ClientSink,
  providerId: string,
  usage: EndpointUsage,
): Promise<AttemptOutcome> {
  const type = up.headers['content-type'];
  sink.setHeaders(up.statusCode, {
    'content-type': (Array.isArray(type) ? type[0] : type) ?? 'application/octet-stream',
  });
  try {
    for await (const chunk of up.body) {
      const wait = sink.write(chunk);
      if (wait) await wait;
    }
    sink.end();
    return { ok: true, status: up.statusCode, usage, headers: up.headers };
  } catch (err) {
    const e = transportError(err, providerId);
    if (!sink.started) return { ok: false, error: e, headers: up.headers };
    sink.cut();
    return {
      ok: true,
      status: up.statusCode,
      usage,
      midStreamError: `${providerId} stopped in the middle of the audio: ${e.message}`,
    };
  }
}
