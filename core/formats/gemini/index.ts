import type { WireCodec } from '../codec.js';
import { decodeGeminiError, encodeGeminiError } from './errors.js';
import { decodeGeminiRequest, encodeGeminiRequest } from './request.js';
import { decodeGeminiResponse, encodeGeminiResponse } from './response.js';
import { createGeminiStreamDecoder } from './stream-decoder.js';
import { createGeminiStreamEncoder } from './stream-encoder.js';

export { encodeGeminiRequestWithReport } from './request.js';
export { SKIP_SIGNATURE_SENTINEL } from './parts.js';
export type { GeminiErrorInfo } from './errors.js';

/** Google Gemini `generateContent` / `streamGenerateContent` (also Vertex AI). */
export const geminiCodec: WireCodec = {
  format: 'gemini',
  decodeRequest: decodeGeminiRequest,
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  encodeResponse: encodeGeminiResponse,
  createStreamDecoder: createGeminiStreamDecoder,
  createStreamEncoder: createGeminiStreamEncoder,
  // Returns GeminiErrorInfo: `retryAfter` (from RetryInfo) rides along for GatewayError.
  decodeError: decodeGeminiError,
  encodeError: encodeGeminiError,
};
