import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireFormat } from '../formats/canonical.js';
import {
  callerLogin,
  forwardedLoginHeaders,
  loginAnswerHeaders,
  loginKind,
} from '../providers/login/index.js';
import { redactSecrets } from '../util/redact-secrets.js';
import type { ResolvedProvider } from '../runtime/providers.js';
import type { CallerLogin } from '../providers/login/types.js';
import { errorBody } from '../formats/error-body.js';
import type { GatewayDeps } from './call.js';
import { ClientGoneError, readBody } from './read-body.js';
import { transportError } from './upstream.js';
import { headTimeoutMs, stallTimeoutMs } from '../runtime/timeouts.js';
import { callUpstream, type UpstreamResponse } from './upstream-call.js';
import { resolvePlan } from '../runtime/resolve.js';
import { spliceTopLevelString } from './json-splice.js';

/**
 * The model a side call names is often the combo the CLI was pointed at (count_tokens for
 * "claude-first"): the vendor gets the model of that combo's step on this login instead.
 */
function withStepModel(deps: GatewayDeps, provider: ResolvedProvider, body: string): string {
  let model: unknown;
  try {
    model = (JSON.parse(body) as { model?: unknown }).model;
  } catch {
    return body;
  }
  if (typeof model !== 'string' || !model) return body;
  try {
    const step = resolvePlan(deps.rt, model).attempts.find((a) => a.provider.id === provider.id);
    if (!step || step.model === model) return body;
    return spliceTopLevelString(body, 'model', step.model) ?? body;
  } catch {
    return body; // a model OmniRoute does not know: the vendor says what it makes of it
  }
}

/** The caller's body, with the step's model in place of a combo's name. */
async function callerBody(
  req: IncomingMessage,
  deps: GatewayDeps,
  provider: ResolvedProvider,
): Promise<string> {
  const { bodyLimitMb, requestBodyTimeoutMs } = deps.rt.settings;
  const body = (await readBody(req, bodyLimitMb * 1024 * 1024, requestBodyTimeoutMs)).toString('utf8');
  return body ? withStepModel(deps, provider, body) : body;
}

/** The vendor's answer, passed on as it came (a stream as it streams); its quota signals read after. */
async function relayAnswer(
  res: ServerResponse,
  up: UpstreamResponse,
  ctx: {
    deps: GatewayDeps;
    provider: ResolvedProvider;
    login: CallerLogin;
    requestId: string;
    /** What was sent that an error may quote back. */
    sent: () => string[];
  },
): Promise<void> {
  const { deps, provider, login } = ctx;
  const headers: Record<string, string> = {
    ...loginAnswerHeaders(loginKind(provider.login!), up.headers),
    'x-request-id': ctx.requestId,
    'x-omniroute-provider': provider.id,
  };
  const type = up.headers['content-type'];
  if (type) headers['content-type'] = Array.isArray(type) ? type[0]! : type;
  if (up.statusCode < 400 && String(headers['content-type'] ?? '').includes('text/event-stream')) {
    res.writeHead(up.statusCode, headers);
    for await (const chunk of up.body) if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    res.end();
    deps.routing?.loginAnswer?.(provider.id, login, { status: up.statusCode, headers: up.headers });
    return;
  }
  let text = await up.body.text();
  // An error answer may quote the credential it was sent: redacted before anyone reads it.
  if (up.statusCode >= 400) text = redactSecrets(text, ctx.sent());
  res.writeHead(up.statusCode, headers);
  res.end(text);
  // Read after the caller has its answer: quota data (Code Assist's retrieveUserQuota) and limits.
  deps.routing?.loginAnswer?.(provider.id, login, {
    status: up.statusCode,
    headers: up.headers,
    body: text,
  });
}

/**
 * A call a logged-in CLI makes beside its requests (count_tokens, the model list, Code Assist's
 * set-up and quota methods): forwarded to its vendor on its own login, answered as it came.
 * Nothing to route or fall back to; the quota signals on the answer still count.
 */
export async function forwardLoginCall(
  req: IncomingMessage,
  res: ServerResponse,
  deps: GatewayDeps,
  provider: ResolvedProvider,
  format: WireFormat,
  requestId: string,
): Promise<void> {
  const kind = loginKind(provider.login!);
  const header = (n: string) => {
    const v = req.headers[n];
    return Array.isArray(v) ? v[0] : v;
  };
  const login = callerLogin(kind, header)!;
  const dispatcher = deps.proxies?.for(provider, undefined) ?? deps.dispatcher;
  // What was sent that an error may quote back: the caller's login, the proxy's credentials.
  const sent = () => [login.secret, ...(deps.proxies?.secrets(dispatcher) ?? [])];
  const fail = (status: number, message: string) => {
    if (res.headersSent) return void res.destroy();
    const body = JSON.stringify(
      errorBody(format, {
        status,
        kind: status === 413 ? 'request_too_large' : status === 408 ? 'timeout' : 'upstream',
        message,
      }),
    );
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId });
    res.end(body);
  };
  try {
    const method = req.method === 'GET' ? 'GET' : 'POST';
    const body = method === 'POST' ? await callerBody(req, deps, provider) : undefined;
    const target = new URL(kind.upstreamUrl(provider.baseUrl, req.url ?? '/'));
    const up = await callUpstream(dispatcher, {
      origin: target.origin,
      path: target.pathname + target.search,
      method,
      headers: forwardedLoginHeaders(req.headers),
      body,
      headersTimeout: headTimeoutMs(deps.rt.timeouts, provider, format, false),
      bodyTimeout: stallTimeoutMs(deps.rt.timeouts, provider),
    });
    await relayAnswer(res, up, { deps, provider, login, requestId, sent });
  } catch (err) {
    if (err instanceof ClientGoneError)
      return deps.logger.info('client went away', { requestId, error: err.message });
    const status = (err as { status?: number }).status;
    // The caller's own request was refused (too large, too slow): not a failure of its vendor.
    if (status === 413 || status === 408) return fail(status, (err as Error).message);
    const t = transportError(err, provider.id, deps.proxies?.label(dispatcher));
    const message = redactSecrets(t.message, sent());
    deps.logger.debug('login call failed', { requestId, provider: provider.id, error: message });
    fail(t.status, message);
  }
}
