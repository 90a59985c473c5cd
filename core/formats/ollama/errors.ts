import { kindForStatus, type GatewayErrorInfo } from '../canonical.js';
import { isRecord, nonEmptyString, parseErrorBody } from '../json.js';

/**
 * Ollama's error body is `{"error": "<message>"}` with the status saying what went wrong
 * (docs/api/errors.mdx): 400, 404 (unknown model), 429, 500, 502. Also the shape of an error line
 * mid-stream, which keeps the stream's 200.
 */
export function decodeOllamaError(status: number, body: unknown): GatewayErrorInfo {
  const parsed = parseErrorBody(body);
  const envelope = isRecord(parsed) ? parsed : {};
  const nested = isRecord(envelope.error) ? envelope.error : {};
  const message =
    nonEmptyString(envelope.error) ??
    nonEmptyString(nested.message) ??
    (typeof parsed === 'string' ? parsed.slice(0, 500) : undefined) ??
    `Upstream returned HTTP ${status}.`;
  return { status, kind: kindForStatus(status), message };
}

export function encodeOllamaError(error: GatewayErrorInfo): { error: string } {
  return { error: error.message };
}

/** The end of a stream that failed midway: one error line, as Ollama itself writes it. */
export function ollamaStreamErrorFrame(error: GatewayErrorInfo): string {
  return `${JSON.stringify(encodeOllamaError(error))}\n`;
}
