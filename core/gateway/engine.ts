// The gateway's heavy half (codecs, undici): imported on the first request that needs it
// (mount.ts), so the first HTTP answer does not wait for it.
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import type { GatewayDeps } from './call.js';
export { handleGateway } from './handler.js';
export { createDispatcher } from './upstream.js';
export { ProxyDispatchers } from './proxy.js';
export { forwardLoginCall } from './login-forward.js';
export { ENDPOINT_CODECS } from '../formats/endpoints/index.js';
import { parseJsonBody, readBody } from './read-body.js';
import { resolvePlan } from '../runtime/resolve.js';
import { checkModelName, checkNesting } from './peek.js';
import { transportError, upstreamHeaders } from './upstream.js';
import { callUpstream } from './upstream-call.js';
import { headTimeoutMs, stallTimeoutMs } from '../runtime/timeouts.js';
import { withoutOauthBeta } from '../providers/login/index.js';

/** A rough count (≈4 characters per token) for formats whose provider cannot count for us. */
function estimateTokens(value: unknown): number {
  return Math.ceil(JSON.stringify(value ?? '').length / 4);
}

/** What a token count needs of its request (the server's route hands it over). */
export interface CountCall {
  incoming: IncomingMessage;
  header(name: string): string | undefined;
}

/**
 * A token count: the provider's own answer, passed on as it came, or the gateway's estimate.
 * An invalid request throws its GatewayError, answered by the route in the caller's format.
 */
export type TokenCount = { exact: string } | { estimate: Record<string, number> };

async function readJson(call: CountCall, deps: GatewayDeps): Promise<Record<string, unknown>> {
  const { bodyLimitMb, requestBodyTimeoutMs } = deps.rt.settings;
  const raw = await readBody(call.incoming, bodyLimitMb * 1024 * 1024, requestBodyTimeoutMs);
  return parseJsonBody(raw.toString('utf8'));
}

/**
 * Claude Code calls this before big requests. An Anthropic-format provider counts exactly
 * (the call is forwarded); for any other the gateway estimates.
 */
export async function countTokens(call: CountCall, deps: GatewayDeps): Promise<TokenCount> {
  const body = await readJson(call, deps);
  if (typeof body.model !== 'string' || !body.model) {
    throw new GatewayError({
      status: 400,
      kind: 'invalid_request',
      param: 'model',
      message: 'model: a model name is required.',
    });
  }
  checkNesting(body);
  checkModelName(body.model);
  const plan = resolvePlan(deps.rt, body.model);
  const first = plan.attempts.find((a) => a.provider.formats.includes('anthropic'));
  if (first) {
    const base = (first.connection?.baseUrl ?? first.provider.baseUrl).replace(/\/+$/, '');
    const target = new URL(`${base}/messages/count_tokens`);
    const secret = first.connection ? deps.rt.secret(first.connection.id) : undefined;
    const fwd: Record<string, string> = {};
    for (const h of ['anthropic-version', 'anthropic-beta']) {
      const v = call.header(h);
      // An API key with Claude Code's OAuth flag is refused: the flag stays with the login.
      if (v) fwd[h] = h === 'anthropic-beta' ? withoutOauthBeta(v) : v;
    }
    try {
      const dispatcher = deps.proxies?.for(first.provider, first.connection) ?? deps.dispatcher;
      const up = await callUpstream(dispatcher, {
        origin: target.origin,
        path: target.pathname,
        headers: upstreamHeaders(first.provider, 'anthropic', secret, fwd, false),
        body: JSON.stringify({ ...body, model: first.model }),
        headersTimeout: headTimeoutMs(deps.rt.timeouts, first.provider, 'anthropic', false),
        bodyTimeout: stallTimeoutMs(deps.rt.timeouts, first.provider),
      });
      const text = await up.body.text();
      if (up.statusCode < 400) return { exact: text };
    } catch (err) {
      deps.logger.debug('count_tokens upstream failed', {
        error: transportError(err, first.provider.id).message,
      });
    }
  }
  const canonical = codecFor('anthropic').decodeRequest({ max_tokens: 1, ...body });
  return { estimate: { input_tokens: estimateTokens([canonical.messages, canonical.tools]) } };
}

export async function geminiCountTokens(call: CountCall, deps: GatewayDeps): Promise<TokenCount> {
  const body = await readJson(call, deps);
  checkNesting(body);
  const req = (body.generateContentRequest as Record<string, unknown> | undefined) ?? body;
  return { estimate: { totalTokens: estimateTokens([req.contents, req.systemInstruction, req.tools]) } };
}
