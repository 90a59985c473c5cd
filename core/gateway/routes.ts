import type { Context, Hono } from 'hono';
import { GatewayError } from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import type { AppEnv } from '../server/env.js';
import { gatewayError } from '../server/app.js';
import { handleGateway, type GatewayDeps } from './handler.js';
import { parseJsonBody, readBody } from './read-body.js';
import { resolvePlan } from './resolve.js';
import { transportError, upstreamHeaders } from './upstream.js';

export function mountGateway(app: Hono<AppEnv>, deps: GatewayDeps): void {
  app.post('/v1/chat/completions', (c) => handleGateway(c, deps, 'openai-chat'));
  app.post('/v1/responses', (c) => handleGateway(c, deps, 'openai-responses'));
  app.post('/v1/messages', (c) => handleGateway(c, deps, 'anthropic'));
  app.post('/v1/messages/count_tokens', (c) => countTokens(c, deps));
  app.post('/v1beta/models/*', (c) => {
    const rest = decodeURIComponent(c.req.path.slice('/v1beta/models/'.length));
    const colon = rest.lastIndexOf(':');
    const model = colon > 0 ? rest.slice(0, colon) : rest;
    const action = colon > 0 ? rest.slice(colon + 1) : '';
    if (action === 'generateContent' || action === 'streamGenerateContent') {
      const stream = action === 'streamGenerateContent';
      return handleGateway(c, deps, 'gemini', { model, stream, altSse: c.req.query('alt') === 'sse' });
    }
    if (action === 'countTokens') return geminiCountTokens(c, deps);
    return gatewayError(c, {
      status: 404,
      kind: 'not_found',
      message: `Unknown method "${action}". Supported: generateContent, streamGenerateContent, countTokens.`,
    });
  });
}

/** A rough count (≈4 characters per token) for formats whose provider cannot count for us. */
function estimateTokens(value: unknown): number {
  return Math.ceil(JSON.stringify(value ?? '').length / 4);
}

/**
 * Claude Code calls this before big requests. An Anthropic-format provider counts exactly
 * (the call is forwarded); for any other the gateway estimates, and says so in a header.
 */
async function countTokens(c: Context<AppEnv>, deps: GatewayDeps): Promise<Response> {
  try {
    const raw = (await readBody(c.env.incoming, deps.rt.settings.bodyLimitMb * 1024 * 1024)).toString('utf8');
    const body = parseJsonBody(raw);
    if (typeof body.model !== 'string' || !body.model) {
      throw new GatewayError({
        status: 400,
        kind: 'invalid_request',
        param: 'model',
        message: 'model: a model name is required.',
      });
    }
    const plan = resolvePlan(deps.rt, body.model);
    const first = plan.attempts.find((a) => a.provider.formats.includes('anthropic'));
    if (first) {
      const base = (first.connection?.baseUrl ?? first.provider.baseUrl).replace(/\/+$/, '');
      const target = new URL(`${base}/messages/count_tokens`);
      const secret = first.connection ? deps.rt.secret(first.connection.id) : undefined;
      const fwd: Record<string, string> = {};
      for (const h of ['anthropic-version', 'anthropic-beta']) {
        const v = c.req.header(h);
        if (v) fwd[h] = v;
      }
      try {
        const up = await deps.dispatcher.request({
          origin: target.origin,
          path: target.pathname,
          method: 'POST',
          headers: upstreamHeaders(first.provider, 'anthropic', secret, fwd, false),
          body: JSON.stringify({ ...body, model: first.model }),
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

async function geminiCountTokens(c: Context<AppEnv>, deps: GatewayDeps): Promise<Response> {
  try {
    const raw = (await readBody(c.env.incoming, deps.rt.settings.bodyLimitMb * 1024 * 1024)).toString('utf8');
    const body = parseJsonBody(raw);
    const req = (body.generateContentRequest as Record<string, unknown> | undefined) ?? body;
    c.header('x-omniroute-count', 'estimate');
    return c.json({ totalTokens: estimateTokens([req.contents, req.systemInstruction, req.tools]) });
  } catch (err) {
    if (err instanceof GatewayError) return gatewayError(c, err.toInfo());
    throw err;
  }
}
