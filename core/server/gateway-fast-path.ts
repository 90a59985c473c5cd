import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayErrorInfo, WireFormat } from '../formats/canonical.js';
import { errorBody } from '../formats/error-body.js';
import { loginTarget } from '../gateway/login-target.js';
import type { GatewayMount, LoadedEngine } from '../gateway/mount.js';
import type { LoginKindId } from '../providers/login/types.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Logger } from '../util/logger.js';
import { checkGatewayKey, gatewayKeyFrom } from './auth/gateway-key.js';
import { requestIdFor } from './env.js';
import { gatewayRoute } from './gateway-paths.js';
import type { FastPath } from './listen.js';

function refuse(res: ServerResponse, format: WireFormat, requestId: string, error: GatewayErrorInfo): true {
  const body = JSON.stringify(errorBody(format, error));
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'x-request-id': requestId,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
  return true;
}

/** Runs `serve` on the engine: at once when it is loaded, else once it is. */
function onEngine(gateway: GatewayMount, serve: (e: LoadedEngine) => Promise<void>): Promise<void> {
  const loaded = gateway.ready();
  return loaded ? serve(loaded) : gateway.load().then(serve);
}

/**
 * The gateway's hot path, answered from node:http without Hono (whose Response objects cost more
 * than the proxying): the /v1 POST routes, and a logged-in CLI's side calls. The few gateway
 * routes left to Hono are in gateway-routes.ts.
 */
export function gatewayFastPath(rt: Runtime, gateway: GatewayMount, logger: Logger): FastPath {
  /**
   * A call a logged-in CLI makes beside its requests, when a login provider of its kind exists
   * and the caller brought that login; false leaves the route to its usual handler.
   */
  function forwardLogin(
    req: IncomingMessage,
    res: ServerResponse,
    kind: LoginKindId,
    format: WireFormat,
    header: (name: string) => string | undefined,
  ): boolean {
    const provider = loginTarget(rt, kind, header);
    if (!provider) return false;
    const requestId = requestIdFor(header('x-request-id'));
    const verdict = checkGatewayKey(rt, gatewayKeyFrom(header));
    if (!verdict.ok) return refuse(res, format, requestId, verdict.error);
    onEngine(gateway, ({ engine, deps }) =>
      engine.forwardLoginCall(req, res, deps, provider, format, requestId),
    ).catch((err: unknown) => {
      logger.error('login call error', { requestId, error: String((err as Error)?.message) });
      if (!res.headersSent)
        refuse(res, format, requestId, {
          status: 500,
          kind: 'api',
          message: `Internal error (request ${requestId}).`,
        });
      else res.destroy();
    });
    return true;
  }

  return (req, res) => {
    const url = req.url ?? '';
    const route = gatewayRoute(req.method, url);
    if (!route) return false;
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const { format } = route;
    if (route.login) {
      if (forwardLogin(req, res, route.login, format, header)) return true;
      return route.otherwise
        ? refuse(res, format, requestIdFor(header('x-request-id')), route.otherwise)
        : false;
    }
    const requestId = requestIdFor(header('x-request-id'));
    const queryKey =
      route.query === undefined ? undefined : (new URLSearchParams(route.query).get('key') ?? undefined);
    const verdict = checkGatewayKey(rt, gatewayKeyFrom(header, queryKey));
    if (!verdict.ok) return refuse(res, format, requestId, verdict.error);
    const { gemini, endpoint, pin } = route;
    onEngine(gateway, ({ engine, deps }) =>
      engine.handleGateway(
        { incoming: req, outgoing: res, requestId, apiKey: verdict.apiKey, header, url, pin },
        deps,
        format,
        gemini,
        endpoint && {
          codec: engine.ENDPOINT_CODECS[endpoint.id],
          shape: endpoint.shape,
          action: endpoint.action,
        },
      ),
    ).catch((err: unknown) => {
      logger.error('gateway error', { requestId, error: String(err) });
      if (!res.headersSent) {
        const body = JSON.stringify(
          errorBody(format, { status: 500, kind: 'api', message: `Internal error (request ${requestId}).` }),
        );
        res.writeHead(500, { 'content-type': 'application/json', 'x-request-id': requestId });
        res.end(body);
      } else res.destroy();
    });
    return true;
  };
}
