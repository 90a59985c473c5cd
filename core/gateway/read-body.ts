import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../formats/canonical.js';

/** Reads the whole request body, refusing (413) as soon as it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
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
