import type { GatewayErrorInfo, WireFormat } from '../formats/canonical.js';
import { errorBody } from '../server/error-body.js';

/**
 * The last frame of a stream that failed midway, in the caller's format, so its SDK raises a
 * clean error instead of hanging or parsing half an event.
 */
export function streamErrorFrame(format: WireFormat, e: GatewayErrorInfo, jsonArray = false): string {
  const body = JSON.stringify(errorBody(format, e));
  switch (format) {
    case 'anthropic':
      return `event: error\ndata: ${body}\n\n`;
    case 'openai-responses':
      return `event: error\ndata: ${JSON.stringify({ type: 'error', code: e.code ?? e.kind, message: e.message, param: e.param ?? null })}\n\n`;
    case 'gemini':
      return jsonArray ? `,\r\n${body}]` : `data: ${body}\n\n`;
    default:
      return `data: ${body}\n\ndata: [DONE]\n\n`;
  }
}
