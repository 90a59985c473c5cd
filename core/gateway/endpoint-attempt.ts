import { GatewayError, type WireFormat } from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import type {
  CallerShape,
  DecodedEndpointRequest,
  EndpointCodec,
  EndpointUsage,
  UpstreamCall,
} from '../formats/endpoints/types.js';
import { answerFormatOf, dialectOf, modelInBody } from '../formats/endpoints/types.js';
import { redactErrorInfo, redactSecrets } from '../util/redact-secrets.js';
import { isJsonObject, looksLikeJson, notJson, relayStream, type AttemptOutcome } from './attempt.js';
import { retryAfterSeconds } from './classify.js';
import type { ClientSink } from './client-sink.js';
import type { GatewayDeps, InboundCall } from './call.js';
import { insertTopLevelField, spliceTopLevelString } from './json-splice.js';
import type { Attempt } from '../runtime/resolve.js';
import { describeTimeouts, headTimeoutMs, stallTimeoutMs } from '../runtime/timeouts.js';
import { callUpstream, type UpstreamResponse } from './upstream-call.js';
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

/**
 * One attempt of a non-chat request: the same accounts, proxies, time limits, secret scrubbing
 * and error classification as a chat attempt (attempt.ts), with the endpoint's codec choosing the
 * upstream URL and translating where the provider's API differs from the caller's. Nothing is
 * written to the caller before the upstream has answered, so the handler can still fall back.
 */
export async function runEndpointAttempt(
  deps: GatewayDeps,
  call: InboundCall,
  attempt: Attempt,
  sink: ClientSink,
  ep: EndpointCall,
): Promise<AttemptOutcome> {
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
    if (err instanceof GatewayError) return { ok: false, error: err.toInfo() };
    throw err;
  }
  const passthrough = target.body === undefined && target.upload === undefined;
  // Errors and usage of OpenAI-shaped and Gemini-shaped answers are read by the chat codecs.
  const answerFormat: WireFormat = answerFormatOf(dialect);
  let payload: string | Readable;
  let injectedUsage = false;
  let uploadHeaders: Record<string, string> | undefined;
  if (target.upload && ep.upload) {
    // Each attempt reads the spooled file again: a fallback sends the same upload.
    if ('fields' in target.upload) {
      const mp = multipartBody(ep.upload, target.upload.fields);
      payload = Readable.from(mp.body());
      uploadHeaders = { 'content-type': mp.contentType, 'content-length': String(mp.length) };
    } else {
      payload = Readable.from(fileBytes(ep.upload));
      uploadHeaders = {
        'content-type': ep.upload.file?.type ?? 'application/octet-stream',
        'content-length': String(ep.upload.file?.size ?? 0),
      };
    }
  } else if (!passthrough) payload = JSON.stringify(target.body);
  else if (!modelInBody(ep.shape)) payload = call.raw;
  else {
    payload =
      spliceTopLevelString(call.raw, 'model', attempt.model) ??
      JSON.stringify({ ...call.body, model: attempt.model });
    if (req.stream && !provider.quirks.noStreamOptions && call.body.stream_options === undefined) {
      // As for chat: the cost must be honest even when the caller did not ask for usage.
      const withUsage = insertTopLevelField(payload, 'stream_options', '{"include_usage":true}');
      if (withUsage) {
        payload = withUsage;
        injectedUsage = true;
      }
    }
  }

  const dispatcher = deps.proxies?.for(provider, attempt.connection) ?? deps.dispatcher;
  let secret = attempt.connection ? deps.rt.secret(attempt.connection.id) : undefined;
  // A service-account key is never sent: the token it is exchanged for is (as in attempt.ts).
  if (secret && provider.accessToken) {
    try {
      secret = await provider.accessToken(secret, dispatcher);
    } catch (err) {
      if (err instanceof GatewayError) return { ok: false, error: err.toInfo() };
      throw err;
    }
  }
  const headers = upstreamHeaders(provider, answerFormat, secret, {}, req.stream);
  if (uploadHeaders) Object.assign(headers, uploadHeaders);
  const secrets = () => [...(secret ? [secret] : []), ...(deps.proxies?.secrets(dispatcher) ?? [])];
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return { ok: false, error: { status: 502, kind: 'api', message: `${provider.id}: invalid base URL.` } };
  }
  let up: UpstreamResponse;
  try {
    up = await callUpstream(dispatcher, {
      origin: url.origin,
      path: url.pathname + url.search,
      headers,
      body: payload,
      signal: call.signal,
      headersTimeout: headTimeoutMs(deps.rt.timeouts, provider, answerFormat, req.stream),
      bodyTimeout: stallTimeoutMs(deps.rt.timeouts, provider),
    });
  } catch (err) {
    const limits = describeTimeouts(deps.rt.timeouts, provider, answerFormat, req.stream);
    const e = transportError(err, provider.id, deps.proxies?.label(dispatcher), limits);
    e.message = redactSecrets(e.message, secrets());
    return { ok: false, error: e };
  }

  if (up.statusCode >= 400) {
    const text = redactSecrets(await up.body.text().catch(() => ''), secrets());
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    const info = codecFor(answerFormat).decodeError(up.statusCode, parsed);
    return {
      ok: false,
      headers: up.headers,
      error: {
        ...info,
        status: up.statusCode,
        // The decoder reads {error:{…}}, {message} (Cohere) and {detail} (Voyage) alike.
        message: info.message || `${provider.id} answered ${up.statusCode}`,
        retryAfter: retryAfterSeconds(up.headers) ?? (info as { retryAfter?: number }).retryAfter,
        upstreamStatus: up.statusCode,
        ...(passthrough && text && isJsonObject(parsed) ? { upstreamBody: text } : {}),
        errorBody: parsed,
      },
    };
  }

  if (ep.codec.binaryAnswer) return relayBytes(up, sink, provider.id, ep.codec.requestUsage?.(req) ?? {});
  try {
    if (req.stream)
      return await relayStream(call, 'openai-chat', true, injectedUsage, up, sink, provider.id, (e) =>
        redactErrorInfo(e, secrets()),
      );
    const bytes = await up.body.bytes();
    const sameShape = passthrough || (target.upload !== undefined && 'fields' in target.upload);
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
        usageFromJsonBytes(codecFor(answerFormat).usage, bytes) ??
        {};
      return { ok: true, status: up.statusCode, usage, headers: up.headers };
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw notJson();
    }
    const decoded = ep.codec.decodeResponse(dialect, json, req);
    const { result } = decoded;
    const usage = { ...ep.codec.requestUsage?.(req), ...decoded.usage };
    const out = ep.codec.encodeResponse(ep.shape, result, req, call.model);
    if (typeof out === 'string') sink.send(200, { 'content-type': 'text/plain; charset=utf-8' }, out);
    else sink.send(200, { 'content-type': 'application/json' }, JSON.stringify(out));
    return { ok: true, status: 200, usage, headers: up.headers };
  } catch (err) {
    const e = redactErrorInfo(
      err instanceof GatewayError
        ? err.toInfo()
        : transportError(
            err,
            provider.id,
            undefined,
            describeTimeouts(deps.rt.timeouts, provider, answerFormat, false),
          ),
      secrets(),
    );
    if (!sink.started) return { ok: false, error: e, headers: up.headers };
    throw err;
  }
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
