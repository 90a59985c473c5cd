import type { Dispatcher } from 'undici';
import { GatewayError, type CanonicalRequest, type WireFormat } from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import {
  modelListPath,
  parseModelList,
  probeMaxTokens,
  type ListedUpstreamModel,
} from '../formats/model-list.js';
import type { ResolvedProvider } from '../runtime/providers.js';
import type { ConnectionRecord } from '../store/repos/connections.js';
import { redactSecrets } from '../util/redact-secrets.js';
import type { GatewayDeps } from './handler.js';
import { createProxyDispatcher } from './proxy.js';
import type {
  ConnectionTestResult,
  ConnectionVerdict,
  ProbeStep,
  ProxyTestResult,
  UnreachableCause,
} from './connection-verdict.js';
import { transportError, upstreamBase, upstreamHeaders, upstreamUrl } from './upstream.js';
import { callUpstream } from './upstream-call.js';

export type { ConnectionTestResult, ConnectionVerdict, ProbeStep, ProxyTestResult, UnreachableCause };

/** A button press waits at most this long for each step, whatever the routing limits are. */
const PROBE_TIMEOUT_MS = 20_000;

const ms = (t0: number) => Math.round(performance.now() - t0);

/** Whether an error (or one of its causes) is a proxy's own failure. */
function isProxyFailure(err: unknown): boolean {
  for (
    let e = err as { name?: string; message?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as never
  )
    if (
      e.name === 'ProxyError' ||
      e.name === 'SocksError' ||
      /^Proxy response \(\d+\)/.test(String(e.message))
    )
      return true;
  return false;
}

function errorCode(err: unknown): string {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never)
    if (typeof e.code === 'string') return e.code;
  return '';
}

/** The kind of transport failure, read from the error node or undici raised. */
export function unreachableCause(err: unknown, viaProxy: boolean): UnreachableCause {
  const code = errorCode(err);
  const text = String((err as Error)?.message ?? '');
  if (isProxyFailure(err)) return 'proxy';
  if (/TLS|SSL|CERT|EPROTO/i.test(code) || /certificate|SSL routines|TLS/i.test(text)) return 'tls';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'ETIMEDOUT')
    return viaProxy ? 'proxy' : 'timeout';
  // Through a proxy, this machine only ever connects to the proxy: a refused or unresolvable
  // host is the proxy's (the target's own failures come back as the proxy's answer to CONNECT).
  if (viaProxy && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')) return 'proxy';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return viaProxy ? 'proxy' : 'reset';
  return viaProxy ? 'proxy' : 'network';
}

const CAUSE_WORDS: Record<UnreachableCause, string> = {
  dns: 'its host name does not resolve (DNS)',
  tls: 'the TLS handshake failed (certificate or protocol)',
  proxy: 'the proxy failed',
  refused: 'the connection was refused',
  timeout: 'it did not answer in time',
  reset: 'the connection was closed',
  network: 'the network failed',
};

/**
 * A transport failure in words: transportError's sentence, then the error's own text (the
 * address refused, the DNS name) unless the sentence already put it plainly (a proxy's refusal of
 * CONNECT, which undici words as "Proxy response (403) !== 200 when HTTP Tunneling"; a proxy
 * error's own message).
 */
function transportWords(err: unknown, host: string, proxyLabel: string | undefined): string {
  const sentence = transportError(err, host, proxyLabel).message;
  const raw = String((err as Error)?.message ?? err);
  return /^Proxy response \(\d+\)/.test(raw) || sentence.includes(raw) ? sentence : `${sentence} ${raw}`;
}

interface Probe {
  provider: ResolvedProvider;
  connection?: ConnectionRecord;
  secret?: string;
  dispatcher: Dispatcher;
  proxyLabel?: string;
  proxySecrets: readonly string[];
}

/**
 * How providers word a missing model in a 400 ("The model `x` does not exist", "Unknown model",
 * "model not found"); narrow, so "max_tokens is not supported with this model" is not one.
 */
const MISSING_MODEL =
  /\b(model|deployment)\b[^.]{0,60}\b(not found|does not exist|not exist|not available|no access|unknown)\b|\b(unknown|invalid) model\b/i;

/** What an HTTP error answer means for the account (the caller's request is always the same probe). */
function verdictForStatus(
  status: number,
  info: { kind: string; code?: string; message: string },
  step: 'models' | 'completion',
): ConnectionVerdict {
  if (status === 402 || info.kind === 'quota_exhausted' || info.code === 'insufficient_quota')
    return 'no_credit';
  if (status === 401 || status === 403 || info.kind === 'authentication') return 'bad_key';
  if (status === 429 || info.kind === 'rate_limit') return 'rate_limited';
  if (
    step === 'completion' &&
    (status === 404 ||
      info.kind === 'not_found' ||
      info.code === 'model_not_found' ||
      MISSING_MODEL.test(info.message))
  )
    return 'model_not_available';
  return 'error';
}

async function probeCall(
  deps: GatewayDeps,
  p: Probe,
  step: 'models' | 'completion',
  format: WireFormat,
  url: string,
  body?: string,
): Promise<ProbeStep & { json?: unknown }> {
  const t0 = performance.now();
  const target = new URL(url);
  const secrets = [p.secret, ...p.proxySecrets];
  try {
    const up = await callUpstream(p.dispatcher, {
      origin: target.origin,
      path: target.pathname + target.search,
      method: body === undefined ? 'GET' : 'POST',
      headers: upstreamHeaders(p.provider, format, p.secret, {}, false),
      body,
      headersTimeout: PROBE_TIMEOUT_MS,
      bodyTimeout: PROBE_TIMEOUT_MS,
    });
    const text = redactSecrets(await up.body.text(), secrets);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    if (up.statusCode < 400)
      return { step, verdict: 'ok', status: up.statusCode, latencyMs: ms(t0), json: parsed };
    const info = codecFor(format).decodeError(up.statusCode, parsed);
    return {
      step,
      verdict: verdictForStatus(up.statusCode, info, step),
      status: up.statusCode,
      latencyMs: ms(t0),
      message: info.message.slice(0, 1000),
    };
  } catch (err) {
    const cause = unreachableCause(err, p.proxyLabel !== undefined);
    return {
      step,
      verdict: 'unreachable',
      latencyMs: ms(t0),
      cause,
      message: redactSecrets(transportWords(err, p.provider.id, p.proxyLabel), secrets),
    };
  }
}

/** Why the credential could not be had: the exchange's transport failure, or a refusal. */
interface CredentialFailure {
  error: GatewayError;
  proxyLabel?: string;
}

/** How an account is reached: its secret (a signed-in account's fresh token), its proxy. */
async function makeProbe(
  deps: GatewayDeps,
  provider: ResolvedProvider,
  connection: ConnectionRecord | undefined,
): Promise<Probe | CredentialFailure> {
  const dispatcher = deps.proxies?.for(provider, connection) ?? deps.dispatcher;
  const proxyLabel = deps.proxies?.label(dispatcher);
  let secret: string | undefined;
  try {
    if (connection && provider.signIn && deps.planAccounts)
      secret = await deps.planAccounts.accessToken(connection);
    else if (connection) secret = deps.rt.secret(connection.id);
    // A service-account key is never sent: the token it is exchanged for is (Vertex), fetched
    // through the account's proxy like the probe itself.
    if (secret && provider.accessToken) secret = await provider.accessToken(secret, dispatcher);
  } catch (err) {
    if (err instanceof GatewayError) return { error: err, proxyLabel };
    throw err;
  }
  return {
    provider,
    connection,
    secret,
    dispatcher,
    proxyLabel,
    proxySecrets: deps.proxies?.secrets(dispatcher) ?? [],
  };
}

/**
 * A credential that could not be had: refused (a bad key), or its token endpoint not reached —
 * then the transport error it carries says whether the proxy or the network failed.
 */
function credentialVerdict(f: CredentialFailure, t0: number): ConnectionTestResult {
  const base = { ok: false, latencyMs: ms(t0), steps: [], ...(f.proxyLabel ? { proxy: f.proxyLabel } : {}) };
  if (f.error.kind === 'authentication' || !(f.error.cause instanceof Error))
    return { ...base, verdict: 'bad_key', message: f.error.message };
  const cause = unreachableCause(f.error.cause, f.proxyLabel !== undefined);
  return {
    ...base,
    verdict: 'unreachable',
    cause,
    message: `${f.error.message.replace(/\.$/, '')}: ${CAUSE_WORDS[cause]}.`,
    providerMessage: f.error.message,
  };
}

const isProbe = (p: Probe | CredentialFailure): p is Probe => !('error' in p);

/**
 * The models an account can use, from its provider's models endpoint (through its key, base URL
 * and proxy), or what went wrong.
 */
export async function listAccountModels(
  deps: GatewayDeps,
  provider: ResolvedProvider,
  connection: ConnectionRecord | undefined,
): Promise<{ ok: true; models: ListedUpstreamModel[] } | { ok: false; message: string }> {
  const probe = await makeProbe(deps, provider, connection);
  if (!isProbe(probe)) return { ok: false, message: probe.error.message };
  const format = provider.formats[0]!;
  let base: string;
  try {
    ({ base } = upstreamBase(provider, connection?.baseUrl, connection?.fields));
  } catch (err) {
    if (err instanceof GatewayError) return { ok: false, message: err.message };
    throw err;
  }
  const { json, ...step } = await probeCall(deps, probe, 'models', format, base + modelListPath(format));
  if (step.verdict !== 'ok')
    return {
      ok: false,
      message: `${step.status ? `HTTP ${step.status}` : step.verdict}: ${step.message ?? ''}`.trim(),
    };
  const models = parseModelList(format, json);
  if (!models) return { ok: false, message: 'The answer is not a model list.' };
  return { ok: true, models };
}

/** A one-token request in the provider's own format, built by its codec like any translated request. */
function probeBody(provider: ResolvedProvider, format: WireFormat, model: string): string {
  const canonical: CanonicalRequest = {
    model,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Say OK.' }] }],
    maxTokens: probeMaxTokens(format),
    stream: false,
  };
  const body = codecFor(format).encodeRequest(canonical, { model, stream: false });
  codecFor(format).applyQuirks?.(body, provider.quirks, false);
  provider.prepareBody?.(body);
  return JSON.stringify(body);
}

/**
 * Tests one account the way a request would use it (its key, its base URL, its proxy): lists the
 * provider's models, then asks for a one-token completion. Stops at the first step that shows
 * the account cannot work; a models endpoint that is missing or refuses only the listing does
 * not stop the completion.
 */
export async function testConnection(
  deps: GatewayDeps,
  provider: ResolvedProvider,
  connection: ConnectionRecord | undefined,
  opts: { model?: string } = {},
): Promise<ConnectionTestResult> {
  const t0 = performance.now();
  const probe = await makeProbe(deps, provider, connection);
  if (!isProbe(probe)) return credentialVerdict(probe, t0);
  const format = provider.formats[0]!;
  let base: string;
  try {
    ({ base } = upstreamBase(provider, connection?.baseUrl, connection?.fields));
  } catch (err) {
    // The account lacks a value its provider's URL needs (Cloudflare's account id, …).
    if (err instanceof GatewayError)
      return { verdict: 'error', ok: false, message: err.message, latencyMs: ms(t0), steps: [] };
    throw err;
  }
  const steps: ProbeStep[] = [];
  const done = (last: ProbeStep, extra: Partial<ConnectionTestResult> = {}): ConnectionTestResult => ({
    verdict: last.verdict,
    ok: last.verdict === 'ok',
    message: sentence(provider, last, extra.model),
    ...(last.message ? { providerMessage: last.message } : {}),
    ...(last.status !== undefined ? { status: last.status } : {}),
    ...(last.cause ? { cause: last.cause } : {}),
    ...(probe.proxyLabel ? { proxy: probe.proxyLabel } : {}),
    ...extra,
    latencyMs: ms(t0),
    steps,
  });

  const { json, ...listStep } = await probeCall(deps, probe, 'models', format, base + modelListPath(format));
  steps.push(listStep);
  const listed = listStep.verdict === 'ok' ? parseModelList(format, json) : undefined;
  if (
    listStep.verdict === 'unreachable' ||
    listStep.verdict === 'bad_key' ||
    listStep.verdict === 'no_credit'
  )
    return done(listStep);

  const listedIds = new Set(listed?.map((m) => m.id));
  const model =
    opts.model ??
    provider.models.find((m) => listedIds.has(m)) ??
    provider.models[0] ??
    listed?.find((m) => m.kind === undefined || m.kind === 'chat')?.id;
  const models = listed ? { models: listed } : {};
  if (!model) {
    const none: ProbeStep = {
      step: 'completion',
      verdict: 'model_not_available',
      latencyMs: 0,
      message: 'The provider lists no model to try, and none is configured.',
    };
    steps.push(none);
    return done(none, models);
  }
  const { json: _answer, ...completion } = await probeCall(
    deps,
    probe,
    'completion',
    format,
    upstreamUrl(provider, format, model, false, connection?.baseUrl, connection?.fields),
    probeBody(provider, format, model),
  );
  steps.push(completion);
  return done(completion, { model, ...models });
}

function sentence(provider: ResolvedProvider, s: ProbeStep, model?: string): string {
  const name = provider.name;
  switch (s.verdict) {
    case 'ok':
      return `${name} answered${model ? ` with ${model}` : ''} in ${s.latencyMs} ms.`;
    case 'bad_key':
      return `${name} refused the key (${s.status ?? 'sign-in'}): check it, or replace it.`;
    case 'no_credit':
      return `${name} accepted the key but the account has no credit or quota left.`;
    case 'rate_limited':
      return `${name} accepted the key but is rate-limiting this account right now.`;
    case 'unreachable':
      return `${name} could not be reached: ${CAUSE_WORDS[s.cause ?? 'network']}.`;
    case 'model_not_available':
      return model
        ? `${name} accepted the key but the model "${model}" is not available to this account.`
        : `${name}: no model to test with.`;
    case 'error':
      return `${name} answered ${s.status ?? 'with an error'} at the ${s.step === 'models' ? 'model list' : 'completion'}.`;
  }
}

/**
 * A proxy alone: one GET to `target` through it. Any HTTP answer from the target (even a 401)
 * proves the proxy works; a refused connection, a failed CONNECT or a timeout says it does not.
 */
export async function testProxy(
  deps: Pick<GatewayDeps, 'rt'>,
  proxyUrl: string,
  target: string,
  proxyLabel: string,
  secrets: readonly string[],
): Promise<ProxyTestResult> {
  const t0 = performance.now();
  const timeouts = { ...deps.rt.timeouts, connectMs: Math.min(deps.rt.timeouts.connectMs, PROBE_TIMEOUT_MS) };
  let dispatcher: Dispatcher;
  try {
    dispatcher = createProxyDispatcher(proxyUrl, timeouts);
  } catch (err) {
    return {
      ok: false,
      verdict: 'unreachable',
      cause: 'proxy',
      message: `The proxy URL is not valid: ${redactSecrets(String((err as Error).message), secrets)}`,
      proxy: proxyLabel,
      target,
      latencyMs: ms(t0),
    };
  }
  const u = new URL(target);
  try {
    const up = await callUpstream(dispatcher, {
      origin: u.origin,
      path: u.pathname + u.search,
      method: 'GET',
      headers: { 'user-agent': 'omniroute-desktop' },
      headersTimeout: PROBE_TIMEOUT_MS,
      bodyTimeout: PROBE_TIMEOUT_MS,
    });
    up.body.destroy();
    return {
      ok: true,
      verdict: 'ok',
      status: up.statusCode,
      message: `The proxy reached ${u.host} (it answered ${up.statusCode}) in ${ms(t0)} ms.`,
      proxy: proxyLabel,
      target,
      latencyMs: ms(t0),
    };
  } catch (err) {
    const cause = unreachableCause(err, true);
    return {
      ok: false,
      verdict: 'unreachable',
      cause,
      message: redactSecrets(transportWords(err, u.host, proxyLabel), secrets),
      proxy: proxyLabel,
      target,
      latencyMs: ms(t0),
    };
  } finally {
    void dispatcher.close().catch(() => dispatcher.destroy());
  }
}
