import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../formats/canonical.js';
import { seconds } from '../runtime/timeouts.js';

/**
 * The caller went away before its request body was complete. Nothing is wrong with the gateway or
 * a provider: it is logged at info, and the request log shows 499 (nobody reads the answer).
 */
export class ClientGoneError extends GatewayError {
  constructor() {
    super({ status: 499, kind: 'api', message: 'The client went away before sending its whole request.' });
    this.name = 'ClientGoneError';
  }
}

/**
 * Reads the whole request body, refusing (413) as soon as it passes `limit` bytes, and (408) when
 * it has not all arrived `timeoutMs` after the read started: a caller that sends its headers and
 * then trickles or stops must not hold a connection forever. Events, not `for await`: an async
 * iterator per request costs more than the read itself for small bodies.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs?: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  // Gone before the read began (its 'close' already fired): no event will come.
  if (req.destroyed && !req.complete) return Promise.reject(new ClientGoneError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(req.destroyed && !req.complete ? new ClientGoneError() : err);
    };
    const onClose = () => {
      // The caller went away before the body was complete.
      if (!req.complete) {
        cleanup();
        reject(new ClientGoneError());
      }
    };
    // The rest of the body is not waited for; the server closes the connection once the 408 is
    // out (core/server/listen.ts), as the request on it never ended.
    const onTimeout = () => {
      cleanup();
      reject(bodyTimedOut('The request body', timeoutMs!));
    };
    const cleanup = listenToBody(req, { onData, onEnd, onError, onClose }, timeoutMs, onTimeout);
  });
}

/** The 408 for a body (`what`) that has not all arrived within `timeoutMs`. */
export function bodyTimedOut(what: string, timeoutMs: number): GatewayError {
  return new GatewayError({
    status: 408,
    kind: 'timeout',
    message: `${what} did not arrive within ${seconds(timeoutMs)} (setting requestBodyTimeoutMs).`,
  });
}

/** What a body reader does on each event of the request it reads. */
export interface BodyListeners {
  onData(chunk: Buffer): void;
  onEnd(): void;
  onError(err: Error): void;
  onClose(): void;
}

/**
 * Listens to a request's body events, and calls `onTimeout` when the body has not ended
 * `timeoutMs` after (none when 0 or unset). Returns what stops both; events are emitted on a
 * later tick, so a listener may call it through a variable assigned from this call.
 */
export function listenToBody(
  req: IncomingMessage,
  on: BodyListeners,
  timeoutMs: number | undefined,
  onTimeout: () => void,
): () => void {
  const timer = timeoutMs ? setTimeout(onTimeout, timeoutMs) : undefined;
  req.on('data', on.onData);
  req.on('end', on.onEnd);
  req.on('error', on.onError);
  req.on('close', on.onClose);
  return () => {
    if (timer) clearTimeout(timer);
    req.off('data', on.onData);
    req.off('end', on.onEnd);
    req.off('error', on.onError);
    req.off('close', on.onClose);
  };
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError({
    status: 413,
    kind: 'request_too_large',
    message: `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB (setting bodyLimitMb).`,
  });
}

/** Parses JSON with an error a person can act on. */
export function parseJsonBody(raw: string): Record<string, unknown> {
  if (raw.trim() === '') {
    throw new GatewayError({
      status: 400,
      kind: 'invalid_request',
      message: 'The request body is empty; send a JSON object.',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new GatewayError({
      status: 400,
      kind: 'invalid_request',
      message: `The request body is not valid JSON: ${(err as Error).message}`,
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GatewayError({
      status: 400,
      kind: 'invalid_request',
      message: 'The request body must be a JSON object.',
    });
  }
  return value as Record<string, unknown>;
}
