import { encodeAnthropicError } from './anthropic/errors.js';
import type { GatewayErrorInfo, WireFormat } from './canonical.js';
import { encodeGeminiError } from './gemini/errors.js';
import { encodeOllamaError } from './ollama/errors.js';
import { encodeChatError } from './openai-chat/errors.js';
import { encodeResponsesError } from './openai-responses/errors.js';

/**
 * Each format's own error encoder — the same functions as the codecs' `encodeError` — without
 * loading the codecs: the server's fast path and its early refusals answer in the caller's format
 * before the gateway engine (and with it the codecs) is loaded.
 */
export const ERROR_ENCODERS: Record<WireFormat, (error: GatewayErrorInfo) => unknown> = {
  'openai-chat': encodeChatError,
  'openai-responses': encodeResponsesError,
  anthropic: encodeAnthropicError,
  gemini: encodeGeminiError,
  ollama: encodeOllamaError,
};

/**
 * The error body `format`'s clients (and SDKs) know how to read. `retryAfter` (seconds): Gemini's
 * clients wait as long as its RetryInfo says, not the Retry-After header.
 */
export function errorBody(format: WireFormat, error: GatewayErrorInfo & { retryAfter?: number }): unknown {
  return ERROR_ENCODERS[format](error);
}
