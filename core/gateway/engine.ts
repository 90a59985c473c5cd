// The gateway's heavy half (codecs, undici): loaded in the background right after the server
// listens, so the first HTTP answer does not wait for it.
import type { Context } from 'hono';
import { GatewayError } from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import type { AppEnv } from '../server/env.js';
import { gatewayError } from '../server/gateway-error.js';
import type { GatewayDeps } from './handler.js';
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

/**
 * Claude Code calls this before big requests. An Anthropic-format provider counts exactly
 * (the call is forwarded); for any other the gateway estimates, and says so in a header.
 */
export async function countTokens(c: Context<AppEnv>, deps: GatewayDeps): Promise<Response> {
  try {
    const { bodyLimitMb, requestBodyTimeoutMs } = deps.rt.settings;
    const raw = (await readBody(c.env.incoming, bodyLimitMb * 1024 * 1024, requestBodyTimeoutMs)).toString(
      'utf8',
    );
    const body = parseJsonBody(raw);
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
        const v = c.req.header(h);
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
        if (up.statusCode < 400)
          return c.body(text, 200, { 'content-type': 'application/json', 'x-omniroute-count': 'exact' });
      } catch (err) {
        deps.logger.debug('count_tokens upstream failed', {
          error: transportError(err, first.provider.id).message,
        });
      }
    }
    const canonical = codecFor('anthropic').decodeRequest({ max_tokens: 1, ...body });
    c.header('x-omniroute-count', 'estimate');
    return c.json({ input_tokens: estimateTokens([canonical.messages, canonical.tools]) });
  } catch (err) {
    if (err instanceof GatewayError) return gatewayError(c, err.toInfo());
    throw err;
  }
}

export async function geminiCountTokens(c: Context<AppEnv>, deps: GatewayDeps): Promise<Response> {
  try {
    const { bodyLimitMb, requestBodyTimeoutMs } = deps.rt.settings;
    const raw = (await readBody(c.env.incoming, bodyLimitMb * 1024 * 1024, requestBodyTimeoutMs)).toString(
      'utf8',
    );
    const body = parseJsonBody(raw);
    checkNesting(body);
    const req = (body.generateContentRequest as Record<string, unknown> | undefined) ?? body;
    c.header('x-omniroute-count', 'estimate');
    return c.json({ totalTokens: estimateTokens([req.contents, req.systemInstruction, req.tools]) });
  } catch (err) {
    if (err instanceof GatewayError) return gatewayError(c, err.toInfo());
    throw err;
  }
}
