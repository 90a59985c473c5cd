import type { z } from 'zod';
import type { Runtime } from '../runtime/runtime.js';
import type { HealthSummaryOut } from './api/schemas.js';
import { VERSION } from '../version.js';
import { requestIdFor } from './env.js';
import type { FastPath } from './listen.js';

/** What GET /health answers: liveness for probes, the tray and the dashboard. */
function healthBody(rt: Runtime): z.input<typeof HealthSummaryOut> {
  const healthy = rt.store.healthy();
  return {
    status: healthy ? 'ok' : 'degraded',
    version: VERSION,
    uptimeSeconds: Math.round((Date.now() - rt.startedAt) / 1000),
    database: healthy ? 'ok' : 'error',
    offline: rt.settings.offlineMode,
  };
}

/**
 * Routes answered from node:http without loading the management surface (Hono, the API, the
 * dashboard), so a health probe at start or an idle gateway never pays for it.
 */
export function nativeRoutes(rt: Runtime): FastPath {
  return (req, res) => {
    if (req.method === 'HEAD' && req.url === '/') {
      // Claude Code probes `HEAD /` before its first call: a reachability check, not a page.
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-request-id': requestIdFor(req.headers['x-request-id']),
      });
      res.end();
      return true;
    }
    if (req.method !== 'GET' || (req.url !== '/health' && !req.url?.startsWith('/health?'))) return false;
    const body = JSON.stringify(healthBody(rt));
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'x-request-id': requestIdFor(req.headers['x-request-id']),
    });
    res.end(body);
    return true;
  };
}
