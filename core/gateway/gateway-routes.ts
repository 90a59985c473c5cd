import type { Hono } from 'hono';
import type { AppEnv } from '../server/env.js';
import { gatewayError } from '../server/gateway-error.js';
import { geminiMethod, type GatewayMount } from './mount.js';

/**
 * The gateway routes the fast path leaves to Hono: token counting, and Gemini methods other
 * than generateContent (answered with a 404 that lists the supported ones).
 */
export function mountGatewayRoutes(app: Hono<AppEnv>, gateway: GatewayMount): void {
  app.post('/v1/messages/count_tokens', async (c) => {
    const { engine, deps } = await gateway.load();
    return engine.countTokens(c, deps);
  });
  app.post('/v1beta/models/*', async (c) => {
    const { action } = geminiMethod(c.req.path);
    if (action === 'countTokens') {
      const { engine, deps } = await gateway.load();
      return engine.geminiCountTokens(c, deps);
    }
    return gatewayError(c, {
      status: 404,
      kind: 'not_found',
      message: `Unknown method "${action}". Supported: generateContent, streamGenerateContent, countTokens, embedContent, batchEmbedContents.`,
    });
  });
}
