import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatForPath, isGatewayPath, requestIdFor } from './env.js';
import { errorBody } from '../formats/error-body.js';

/**
 * A refusal written before any route ran (the IP lists, the browser guard): in the caller's
 * wire format on the gateway's paths, the plain `{error: {message}}` elsewhere.
 */
export function refuseEarly(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  message: string,
  opts: { close?: boolean } = {},
): true {
  const body = JSON.stringify(
    isGatewayPath(path)
      ? errorBody(formatForPath(path), { status: 403, kind: 'permission', message })
      : { error: { message } },
  );
  res.writeHead(403, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestIdFor(req.headers['x-request-id']),
    ...(opts.close ? { connection: 'close' } : {}),
  });
  res.end(body);
  return true;
}
